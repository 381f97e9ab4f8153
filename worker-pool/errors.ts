/**
 * The one catalogue of error codes. Every error the user can see carries one of these
 * stable codes (GraphQL: `extensions.code`; CLI: printed on stderr with exit code 2 for
 * bad input, 1 for internal failures). Add codes here, in the section of your layer,
 * each with one sentence that says what is wrong and what to do.
 */
export const ERROR_CATALOGUE = {
  // --- generic -------------------------------------------------------------------------
  INTERNAL: { input: false, text: 'An internal error occurred; the details are in the server log.' },
  BAD_PARAMETER: { input: true, text: 'A parameter is missing or out of range; the message names it and its allowed range.' },
  CANCELLED: { input: false, text: 'The computation was cancelled before it finished.' },

  // --- map files (worker-pool/io) ---------------------------------------------------------
  MAP_NOT_FOUND: { input: true, text: 'The map file does not exist or cannot be opened; check the path.' },
  MAP_EMPTY_FILE: { input: true, text: 'The file is empty (0 bytes); it is not a map.' },
  MAP_HEADER_TRUNCATED: { input: true, text: 'The file is shorter than the 1024-byte MRC header; it is not a complete map.' },
  MAP_TRUNCATED: { input: true, text: 'The data block is shorter than the header says (NX·NY·NZ·bytes per voxel); the file was cut short, download or copy it again.' },
  MAP_NOT_A_MAP: { input: true, text: 'The file is not an MRC/CCP4 map (no "MAP " stamp and no plausible header); check that this is the density map file.' },
  MAP_UNSUPPORTED_MODE: { input: true, text: 'The data mode is not supported (only 0, 1, 2, 6 and 12 are); convert the map to float32 (mode 2).' },
  MAP_BAD_DIMENSIONS: { input: true, text: 'The header dimensions are zero, negative or too large to hold in memory; the header is corrupt.' },
  MAP_BAD_AXIS_ORDER: { input: true, text: 'MAPC/MAPR/MAPS is not a permutation of 1, 2, 3; the header is corrupt.' },
  MAP_EXTENDED_HEADER_TRUNCATED: { input: true, text: 'The extended header (NSYMBT bytes) is negative or runs past the end of the file; the header is corrupt.' },
  MAP_GZIP_CORRUPT: { input: true, text: 'The gzip stream is corrupt or ends early; download or copy the .map.gz again.' },
  MAP_NONFINITE_VOXELS: { input: true, text: 'The map holds NaN or infinite voxels; Level 0 needs finite densities: replace them (for example with 0) and validate again.' },
  MAP_NO_VOXEL_SIZE: { input: true, text: 'The map header gives no voxel size (CELLA or MX/MY/MZ are zero); give the voxel size (vrs validate --voxel-size).' },
  MAP_ANISOTROPIC_VOXELS: { input: true, text: 'The voxel sizes along x, y and z differ; Level 0 needs cubic voxels: resample the map to one voxel size, or give the voxel size to use.' },
  MAP_TOO_LARGE: { input: true, text: 'The map is larger than the configured size limit.' },
  MAP_IMPLAUSIBLE_GEOMETRY: { input: true, text: 'The voxel size or box size in the header is outside what a cryo-EM map can have (the message gives the value and the allowed range); fix CELLA or MX/MY/MZ in the header, or give the voxel size to use (vrs validate --voxel-size).' },
  EMDB_HEADER_INVALID: { input: true, text: 'The EMDB header XML is malformed or is not an EMDB entry header; pass the emd-NNNN.xml header file from EMDB.' },
  // --- pool, registry and orchestrator (worker-pool/pool.ts, metrics/registry.ts, services/compute) ---
  UNKNOWN_METRIC: { input: false, text: 'No metric of that name is registered; this is a programming error (check the metric registry).' },
  METRIC_CYCLE: { input: false, text: 'The metrics depend on each other in a cycle; fix their dependsOn lists.' },
  TASK_TIME_LIMIT: { input: false, text: "The computation ran longer than its time limit (derived from the metric's declared cost and the map's size) and was stopped, its worker thread freed; check the map's geometry, or raise VRS_TASK_TIME_FACTOR." },
  WORK_BUDGET_EXCEEDED: { input: true, text: 'This request would start more uncomputed work than one request may (the message gives the estimate and the budget); start the level with its start mutation (startLevel0) and poll its status, or ask for fewer parameter sets per request.' },
  MEMORY_BUDGET_EXCEEDED: { input: true, text: "The analysis would need more memory than this server's budget (VRS_MEMORY_BUDGET) even if it ran alone (the message gives both figures); nothing was computed: raise VRS_MEMORY_BUDGET on a machine with more memory, or bin or crop the map." },
  WORKER_CRASHED: { input: false, text: 'The worker thread running this computation died (out of memory or a crash); the task failed alone, retry it.' },
  MAP_NOT_REGISTERED: { input: true, text: 'No map with this id is registered; register the map first (vrs validate MAP or PUT /maps/{filename}).' },
  MAP_BUSY: { input: true, text: 'A computation of this map is running, so it cannot be forgotten now; wait until its levels are done (their status queries say when), then forget it.' },
  MAP_FILE_MISSING: { input: false, text: 'The stored file of this registered map is missing from the blob store; register the map again.' },
  // --- metric store (services/store) -------------------------------------------------------
  DB_UNAVAILABLE: { input: false, text: 'The PostgreSQL database does not answer (refused, closed or timed out); check that it is running and that DATABASE_URL points at it, then retry.' },
  DB_EMBEDDED_FAILED: { input: false, text: 'The embedded PostgreSQL could not be initialised or started; the message says why (data folder permissions, port, binaries). Set DATABASE_URL to use another server.' },
  MEMO_WAIT_TIMEOUT: { input: false, text: 'Waiting for another worker to finish this computation took longer than the configured limit; retry later.' },
  JOB_DEAD: { input: false, text: 'The compute job failed on every retry (its worker died or timed out each time); the message gives the last reason: check the workers (vrs worker) and ask again.' },
  BLOB_NOT_FOUND: { input: true, text: 'No map or uploaded file has this SHA-256; GET /blobs/{sha256} serves only registered maps and uploads.' },
  BLOB_HASH_MISMATCH: { input: false, text: 'A file fetched by SHA-256 (from the gateway or the shared folder) hashes to something else; check the gateway\'s copy and fetch again.' },
  API_KEY_REQUIRED: { input: true, text: 'This server listens beyond loopback: mutations, uploads and blobs need an API key (header Authorization: Bearer KEY or x-api-key); ask the operator for one (vrs keys create).' },
  API_KEY_INVALID: { input: true, text: 'The API key is unknown or revoked; ask the operator for a new one (vrs keys create).' },
  RATE_LIMITED: { input: true, text: "Too many requests with this API key; wait the Retry-After header's seconds and retry." },
  UPLOAD_QUOTA_EXCEEDED: { input: true, text: "This API key's uploads today reached its daily quota; retry tomorrow or ask the operator for a larger quota." },
  BLOB_MISSING: { input: false, text: 'A stored artifact file is missing from the blob folder (BLOB_DIR); recompute the section that made it.' },
  // --- graph, subgraphs and HTTP routes (graph/, services/maps|level0|reports) -------------
  MAP_ID_MALFORMED: { input: true, text: "The map id is malformed; a map id is the 64 lowercase hex digits of the file's SHA-256." },
  PATH_OUTSIDE_DATA_ROOT: { input: true, text: "The path is outside the server's data root; put the file under the data root or upload it with PUT /maps/{filename}." },
  UPLOAD_NOT_FOUND: { input: true, text: 'No uploaded file (map, half map or model) has this id; upload it with PUT /maps/{filename} first.' },
  UPLOAD_BAD_NAME: { input: true, text: 'The upload file name must end in .map, .mrc or .ccp4 (a map or half map) or .pdb, .ent or .cif (an atomic model), optionally .gz, and contain no path separators.' },
  REQUEST_TOO_LARGE: { input: true, text: 'The request body is larger than the configured limit; send a smaller request.' },
  REQUEST_TIMEOUT: { input: false, text: 'The request took longer than the configured timeout; retry later or start the work with a mutation and poll.' },
  QUERY_INVALID: { input: true, text: 'The GraphQL query is not valid (syntax, a field or argument the schema does not have, a value of the wrong type); the message says where.' },
  QUERY_TOO_COMPLEX: { input: true, text: 'The query is too deep, too costly or has too many aliases; ask for fewer nested fields.' },
  BAD_REQUEST: { input: true, text: 'The HTTP request is malformed (method, content type or JSON body); see the message.' },
  ROUTE_NOT_FOUND: { input: true, text: 'No such route; see the HTTP routes in spec/graphql.md.' },
  DASHBOARD_NOT_BUILT: { input: false, text: 'The dashboard bundle (dist/dashboard/) is missing; build it with npm run build (npm ci does so).' },
  ARTIFACT_NOT_FOUND: { input: true, text: 'No artifact has this SHA-256 and type.' },
  ARTIFACT_ID_MALFORMED: { input: true, text: 'An artifact is addressed as /artifacts/{sha256}.{ext}: the 64 lowercase hex digits of its SHA-256 and a short lowercase extension such as png.' },
  OUTPUT_NOT_WRITABLE: { input: true, text: 'An output file cannot be written at that path (missing folder, a directory, or no permission); choose another path.' },
  REPORT_FAILED: { input: false, text: 'The report could not be rendered; the message says why.' },
  // --- report renderer (report-renderer/) --------------------------------------------------
  CHROMIUM_NOT_FOUND: { input: false, text: 'No Chromium browser was found to print the PDF; install it with apt-get install -y chromium-headless-shell (or chromium) or set PUPPETEER_EXECUTABLE_PATH.' },
  REPORT_QUERY_FAILED: { input: false, text: 'The report query to the GraphQL gateway failed or returned no map; the message carries the gateway\'s errors.' },
  WEBGL_UNAVAILABLE: { input: false, text: 'Chromium could not create a WebGL context for the isosurface views; run it with --use-angle=swiftshader --enable-unsafe-swiftshader.' },
  // --- atomic models (worker-pool/io/pdb.ts) ---------------------------------------------
  MODEL_NOT_FOUND: { input: true, text: 'The atomic model file does not exist or cannot be opened; check the path.' },
  MODEL_UNREADABLE: { input: true, text: 'The atomic model cannot be parsed: no readable atoms (no PDB ATOM/HETATM records and no mmCIF _atom_site loop with Cartn_x/y/z), coordinates that are not numbers, or a corrupt gzip stream; pass a .pdb, .ent or .cif file, plain or .gz.' },
  // --- inputs by role: half maps, model (services/maps, services/compute) -----------------
  MAP_INPUT_MISSING: { input: true, text: 'The analysis needs an input the map has not got (half maps, a mask or an atomic model); attach it first (GraphQL attachHalfMaps / attachModel, or vrs validate --half1 H1 --half2 H2 / --model M).' },
  HALF_MAPS_MISMATCH: { input: true, text: "A half map does not lie on the map's grid: its dimensions, voxel size or origin differ from the map's (the message says which and by how much); pass the two half maps of this reconstruction, unmasked, as written by the refinement." },
  HALF_MAPS_DUPLICATE: { input: true, text: 'The two half maps are the same file, or a half map is the map itself; pass the two independent half maps of the reconstruction.' },
  INPUT_FILE_MISSING: { input: false, text: 'The stored file of an attached input (half map or model) is missing or no longer has the SHA-256 it was attached with; attach it again.' },
  // --- Level A metrics (worker-pool/metrics/levelA) ---------------------------------------
  MODEL_OUTSIDE_MAP: { input: true, text: "No atom of the atomic model lies inside the map's box, with the map's origin or any alternative origin the placement pre-check tries; the model belongs to another map or another frame: fit it into this map first." },
  // --- Level 0 metrics (worker-pool/metrics/level0) ---------------------------------------
  RESOLUTION_BEYOND_NYQUIST: { input: true, text: 'The resolution is finer than the Nyquist limit of the map (twice the voxel size); check the resolution (Å) and the voxel size.' },
  BACKGROUND_CONSTANT: { input: true, text: 'Every voxel outside the mask has the same value: the map seems masked or padded, and its background holds no noise to analyse; validate the unmasked map (for an EMDB entry, its primary map).' },
  NO_BACKGROUND: { input: true, text: "The mask leaves no background voxels to analyse (the threshold is at or below the map's minimum); raise the threshold." },
  THRESHOLD_ABOVE_MAXIMUM: { input: true, text: "The threshold is above the map's maximum density: no voxel reaches it and the mask would be empty; give a threshold within the map's range (the message gives the range and a suggested value)." },
  THRESHOLD_EMPTY_MASK: { input: true, text: 'The mask is empty at this threshold; try a lower threshold.' },
} as const satisfies Record<string, { input: boolean; text: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error the user can act on: a stable code, a specific message, optional details. */
export class VrsError extends Error {
  override readonly name = 'VrsError';
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERROR_CATALOGUE[code].text);
  }
  /** True when the user's input is at fault (CLI exit code 2), false for internal failures. */
  get isInputError(): boolean {
    return ERROR_CATALOGUE[this.code].input;
  }
}

/** A code as the catalogue knows it: a code it has not got (a row stored by an older version) is INTERNAL. */
export function catalogueCode(code: unknown): ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code) ? (code as ErrorCode) : 'INTERNAL';
}

/** A stored error ({code, message}) with its code as the catalogue knows it. */
export function catalogueError(stored: { code?: unknown; message: string } | null | undefined): { code: ErrorCode; message: string } | null {
  return stored ? { code: catalogueCode(stored.code), message: stored.message } : null;
}

export function isVrsError(error: unknown): error is VrsError {
  return error instanceof VrsError;
}

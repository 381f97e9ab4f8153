/**
 * The maps service over the metric store: registration of a file under the data root or of
 * a streamed upload (hashed on the way, read and validated, then adopted into the blob store
 * and given a row: a rejected file leaves neither), lookups and metadata.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, realpath, rm } from 'node:fs/promises';
import { hideServerFolder, withoutServerPaths } from '../../worker-pool/server-paths.js';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { VrsError, isVrsError } from '../../worker-pool/errors.js';
import { adoptBlobFile, blobPath } from '../../worker-pool/io/blob-files.js';
import { modelFromBytes } from '../../worker-pool/io/model.js';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import type { Volume } from '../../worker-pool/volume.js';
import type { MapReadResult } from '../../worker-pool/io/mrc/types.js';
import type { Store } from '../store/index.js';
import { checkMetadata } from '../store/maps-repository.js';
import type { MapRow } from '../store/entities/index.js';
import type { EmdbRecord, MapRecord, MapsService, ModelUploadRecord, RegisterOptions, UploadRecord } from './service-types.js';
import { MapInputsService, type InputFileSource, type MapInputsRecord } from './inputs.js';
import { UploadHeadCheck } from './upload-head.js';

// no path separators and no control characters (NUL included)
export const UPLOAD_NAME = /^[^/\\\u0000-\u001f\u007f]{1,200}\.(map|mrc|ccp4|map\.gz|mrc\.gz|ccp4\.gz)$/i;
/** Atomic models (attachModel by uploadId): PDB (.pdb, .ent) or mmCIF (.cif), optionally .gz. */
export const MODEL_UPLOAD_NAME = /^[^/\\\u0000-\u001f\u007f]{1,200}\.(pdb|ent|cif)(\.gz)?$/i;

/** A map's display name: what the maps table, the dashboard and the report can show. */
export const MAX_NAME_CHARACTERS = 255;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function checkMapName(name: string): void {
  const characters = [...name].length; // code points, not UTF-16 units
  if (characters > MAX_NAME_CHARACTERS) {
    throw new VrsError('BAD_PARAMETER', `name is ${characters} characters long; a map name has at most ${MAX_NAME_CHARACTERS}: give a shorter one.`);
  }
  if (CONTROL_CHARACTERS.test(name)) {
    throw new VrsError('BAD_PARAMETER', `name ${JSON.stringify(name.slice(0, 80))} holds a control character (e.g. NUL, tab or newline); give a name of printable characters.`);
  }
}

/**
 * At most `size` tasks at a time; the others wait their turn (in order). Decoding a map holds
 * it whole in memory, so parallel uploads are decoded a few at a time.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly size: number) {
    this.free = size;
  }

  /** Takes a slot (waiting for one); call the answer once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.free += 1;
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}

export interface MapsServiceLimits {
  /** gzip maps larger than this once decompressed are refused (MAP_TOO_LARGE); default: no limit. */
  maxDecompressedBytes?: number;
  /** Maps decoded at once by uploads and registerMap (default 2). */
  concurrentDecodes?: number;
}

export function toMapRecord(row: MapRow): MapRecord {
  const g = row.geometry as Record<string, any>;
  const d = g.dimensions ?? {};
  return {
    id: row.id,
    name: row.name,
    sizeBytes: row.sizeBytes,
    createdAt: row.createdAt,
    header: row.header,
    dimensions: { x: d.nx ?? d.x, y: d.ny ?? d.y, z: d.nz ?? d.z },
    voxelSize: g.voxelSize,
    origin: g.origin,
    originSource: g.originSource ?? null,
    axisOrder: g.axisOrder ?? null,
    statistics: row.statistics as MapRecord['statistics'],
    formatIssues: row.formatIssues as MapRecord['formatIssues'],
    contourLevel: row.contourLevel,
    contourSource: row.contourSource,
    reportedResolution: row.reportedResolution,
    emdb: row.emdb as EmdbRecord | null,
  };
}

async function parseEmdb(xml: string): Promise<EmdbRecord> {
  // The EMDB header parser lives with the readers (worker-pool/io/emdb-header.ts).
  const mod = (await import('../../worker-pool/io/emdb-header.js' as string).catch(() => null)) as
    | { parseEmdbHeader(xml: string): EmdbRecord }
    | null;
  if (!mod) throw new VrsError('INTERNAL', 'The EMDB header parser is not available in this build.');
  const e = mod.parseEmdbHeader(xml) as EmdbRecord & Record<string, unknown>;
  return {
    id: e.id ?? null, title: e.title ?? null, authors: e.authors ?? [], depositionDate: e.depositionDate ?? null,
    method: e.method ?? null, reportedResolution: e.reportedResolution ?? null, contourLevel: e.contourLevel ?? null,
    pixelSize: (e.pixelSize as EmdbRecord['pixelSize']) ?? null, resolutionMethod: (e.resolutionMethod as string) ?? null,
    contourSource: (e.contourSource as string) ?? null, fittedPdbIds: (e.fittedPdbIds as string[]) ?? [],
    molecularMass: (e.molecularMass as number | null) ?? null,
  };
}

export class StoreMapsService implements MapsService {
  /** Decoding a map holds it in memory: uploads and registrations take turns (see Slots). */
  readonly decodeSlots: Slots;
  /** Half maps and models linked to maps. */
  readonly inputs: MapInputsService;
  /**
   * Given the voxels of a map just registered by path (set by the app: the compute
   * orchestrator's volume cache takes them), so that the first analysis asked for does not
   * read and hash the file again (issue 14: the first request's latency).
   */
  onRegistered: ((mapId: string, volume: Volume) => void) | null = null;

  constructor(
    readonly store: Store,
    /** Files registerMap may read: this folder and below. */
    readonly dataRoot: string,
    readonly limits: MapsServiceLimits = {},
  ) {
    this.decodeSlots = new Slots(limits.concurrentDecodes ?? 2);
    hideServerFolder(dataRoot, null); // every client-facing message names files relative to it
    this.inputs = new MapInputsService({
      store,
      insideDataRoot: (path) => this.insideDataRoot(path),
      decode: (task) => this.decodeSlots.run(task),
      maxDecompressedBytes: limits.maxDecompressedBytes,
    });
  }

  inputsOf(mapIds: readonly string[]): Promise<MapInputsRecord[]> {
    return this.inputs.inputsOf(mapIds);
  }

  attachHalfMaps(mapId: string, half1: InputFileSource, half2: InputFileSource): Promise<MapInputsRecord> {
    return this.#pathsRelative(this.inputs.attachHalfMaps(mapId, half1, half2));
  }

  attachModel(mapId: string, model: InputFileSource): Promise<MapInputsRecord> {
    return this.#pathsRelative(this.inputs.attachModel(mapId, model));
  }

  /**
   * A refusal's message names files relative to the data root: the server's own folders (the
   * data root's absolute path, where the blob store is) are none of the client's business.
   */
  async #pathsRelative<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (!isVrsError(error)) throw error;
      const message = withoutServerPaths(error.message);
      if (message === error.message) throw error;
      throw new VrsError(error.code, message, error.details);
    }
  }

  detachHalfMaps(mapId: string): Promise<MapInputsRecord> {
    return this.inputs.detachHalfMaps(mapId);
  }

  detachModel(mapId: string): Promise<MapInputsRecord> {
    return this.inputs.detachModel(mapId);
  }

  async getMany(ids: readonly string[]): Promise<(MapRecord | null)[]> {
    return (await this.store.maps.getMany(ids)).map((r) => (r ? toMapRecord(r) : null));
  }

  async list(first: number, after: string | null) {
    const page = await this.store.maps.list({ first, after });
    return { items: page.items.map(toMapRecord), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  /** Resolves a path and refuses anything outside the data root (symlinks included). */
  async insideDataRoot(path: string): Promise<string> {
    const root = await realpath(this.dataRoot);
    const wanted = resolve(isAbsolute(path) ? path : join(root, path));
    const outside = (p: string) => {
      const rel = relative(root, p);
      return rel.startsWith('..') || isAbsolute(rel);
    };
    if (outside(wanted)) {
      throw new VrsError('PATH_OUTSIDE_DATA_ROOT', `${path} is outside the server's data root; put the file under it or upload it with PUT /maps/{filename}.`);
    }
    const real = await realpath(wanted).catch(() => {
      throw new VrsError('MAP_NOT_FOUND', `No file at ${path} under the data root.`);
    });
    if (outside(real)) { // a symlink under the root pointing out of it
      throw new VrsError('PATH_OUTSIDE_DATA_ROOT', `${path} is a link out of the server's data root; put the file itself under it or upload it with PUT /maps/{filename}.`);
    }
    return real;
  }

  /**
   * A map file under the data root. Registering a map again (same bytes) keeps its row; the
   * row takes this path when the file it pointed at is gone (see MapsRepository.insert).
   */
  registerPath(path: string, options: RegisterOptions): Promise<MapRecord> {
    return this.#pathsRelative(this.#registerPath(path, options));
  }

  async #registerPath(path: string, options: RegisterOptions): Promise<MapRecord> {
    if (options.name) checkMapName(options.name);
    const file = await this.insideDataRoot(path);
    const metadata = await this.metadataOf(options); // before reading: a bad header XML costs nothing
    const { row, volume } = await this.decodeSlots.run(async () => {
      const read = await readMapFile(file, { maxDecompressedBytes: this.limits.maxDecompressedBytes });
      return { row: this.rowOf(read, options.name || basename(file)), volume: this.onRegistered ? read.volume : null };
    });
    checkMetadata(metadata, row); // a refused resolution (e.g. beyond Nyquist) leaves no half-registered row
    const { map } = await this.store.maps.insert({ ...row, blobSha256: row.id, blobPath: file });
    // the row's file is the one just read (a re-registration may keep an older path to the same bytes)
    if (volume && map.id === row.id) this.onRegistered?.(map.id, volume);
    return this.applyMetadata(map, metadata);
  }

  async registerUpload(uploadId: string, options: RegisterOptions): Promise<MapRecord> {
    if (options.name) checkMapName(options.name);
    const row = await this.store.maps.get(uploadId);
    if (!row) throw new VrsError('UPLOAD_NOT_FOUND', `No uploaded map has id ${uploadId}; upload it with PUT /maps/{filename} first.`);
    const metadata = await this.metadataOf(options);
    if (options.name) metadata.name = options.name;
    return this.applyMetadata(row, metadata);
  }

  async forget(id: string): Promise<boolean> {
    return this.store.maps.remove(id);
  }

  async setMetadata(id: string, patch: { contourLevel?: number | null; reportedResolution?: number | null }): Promise<MapRecord> {
    return toMapRecord(await this.store.maps.updateMetadata(id, patch));
  }

  /**
   * PUT /maps/{filename}: the body goes to a temp file in the blob folder while it is hashed;
   * the map is then read (validated; a .gz at most maxBytes once decompressed); only a good
   * map is moved into place and given a row. An upload of a map already registered with a
   * file of its own leaves no copy behind; one whose file is gone gives it this one.
   */
  async ingestUpload(body: Readable, filename: string, maxBytes: number, declaredBytes?: number): Promise<UploadRecord> {
    if (MODEL_UPLOAD_NAME.test(filename)) return this.ingestModelUpload(body, filename, maxBytes);
    if (!UPLOAD_NAME.test(filename)) {
      body.resume();
      throw new VrsError('UPLOAD_BAD_NAME', `"${filename.slice(0, 80)}" is not an accepted file name: a map or half map (.map, .mrc, .ccp4) or an atomic model (.pdb, .ent, .cif), optionally .gz; no control characters or path separators.`);
    }
    const tmpDir = join(this.store.blobs.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const temp = join(tmpDir, `upload-${randomUUID()}`);
    try {
      // the header is checked on the first 1024 bytes: a body that is no map is refused before the rest is read
      const sha256 = await streamToFile(body, temp, maxBytes, (refuse) => new UploadHeadCheck({ declaredBytes, maxDecompressedBytes: maxBytes, onRefused: refuse }));
      const row = await this.decode(temp, filename, maxBytes);
      if (row.id !== sha256) throw new VrsError('INTERNAL', 'The upload changed while it was being read; upload it again.');
      // stored by what the bytes are (a plain map named .map.gz is stored as .map)
      const ext = row.geometry.gzip ? 'map.gz' : 'map';
      const path = blobPath(this.store.blobs.root, sha256, ext);
      const ours = !existsSync(path); // this upload puts the file there (else it is already in place)
      await adoptBlobFile(this.store.blobs.root, temp, sha256, ext);
      let map: MapRow;
      try {
        ({ map } = await this.store.maps.insert({ ...row, blobSha256: sha256, blobPath: path }));
      } catch (error) {
        if (ours) await rm(path, { force: true });
        throw error;
      }
      // already registered with a file that is still there (e.g. by path): this copy is not needed
      if (ours && map.blobPath !== path) await rm(path, { force: true });
      return toMapRecord(map);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * PUT /maps/{filename} of an atomic model: hashed while streamed to a temp file, parsed
   * (MODEL_UNREADABLE leaves nothing), then moved into the blob store (`<sha>.pdb|cif[.gz]`)
   * and recorded for attachModel({uploadId}). It is not a map: no maps row.
   */
  private async ingestModelUpload(body: Readable, filename: string, maxBytes: number): Promise<ModelUploadRecord> {
    const tmpDir = join(this.store.blobs.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const temp = join(tmpDir, `upload-${randomUUID()}`);
    try {
      const sha256 = await streamToFile(body, temp, maxBytes);
      const bytes = await readFile(temp);
      const { summary } = modelFromBytes(bytes, filename, maxBytes);
      const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
      const ext = `${summary.format === 'MMCIF' ? 'cif' : 'pdb'}${gzip ? '.gz' : ''}`;
      const path = await adoptBlobFile(this.store.blobs.root, temp, sha256, ext);
      const row = await this.store.uploads.insert({
        sha256, kind: 'model', name: filename, sizeBytes: bytes.byteLength, path, info: summary as unknown as Record<string, unknown>,
      });
      return { kind: 'model', id: row.sha256, name: row.name, sizeBytes: row.sizeBytes, dimensions: null, voxelSize: null, formatIssues: [], model: summary };
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * Reads (validates) a map file into its row, in a decode slot; the volume is dropped before
   * the slot is given back, so at most `concurrentDecodes` maps are held in memory at once.
   */
  private decode(file: string, name: string, maxDecompressedBytes: number | undefined) {
    return this.decodeSlots.run(async () => this.rowOf(await readMapFile(file, { maxDecompressedBytes }), name));
  }

  private rowOf(read: MapReadResult, name: string) {
    const g = read.geometry;
    return {
      id: read.sha256,
      name,
      sizeBytes: read.sizeBytes,
      // the repository makes these jsonb-safe (NULs of raw text fields, typed arrays)
      header: read.header as unknown as Record<string, unknown>,
      geometry: {
        dimensions: g.dimensions, voxelSize: g.voxelSize, origin: g.origin, originSource: g.originSource,
        axisOrder: g.axisOrder, fileDimensions: g.fileDimensions, mode: g.mode, byteOrder: g.byteOrder,
        extendedHeader: g.extendedHeader, gzip: g.gzip,
      },
      statistics: read.statistics as unknown as Record<string, unknown>,
      formatIssues: read.findings as unknown as unknown[],
    };
  }

  private async metadataOf(options: RegisterOptions) {
    let emdb: EmdbRecord | null = null;
    if (options.emdbHeaderXml) emdb = await parseEmdb(options.emdbHeaderXml);
    else if (options.emdbHeaderPath) emdb = await parseEmdb(await this.readEmdbHeaderFile(options.emdbHeaderPath));
    const patch: { name?: string; contourLevel?: number | null; contourSource?: 'USER' | 'EMDB_HEADER' | null; reportedResolution?: number | null; emdb?: Record<string, unknown> | null } = {};
    if (emdb) {
      patch.emdb = emdb as unknown as Record<string, unknown>;
      if (emdb.contourLevel != null) Object.assign(patch, { contourLevel: emdb.contourLevel, contourSource: 'EMDB_HEADER' });
      if (emdb.reportedResolution != null) patch.reportedResolution = emdb.reportedResolution;
    }
    // the user's values win over the header's
    if (options.contourLevel != null) Object.assign(patch, { contourLevel: options.contourLevel, contourSource: 'USER' });
    if (options.reportedResolution != null) patch.reportedResolution = options.reportedResolution;
    return patch;
  }

  /** The text of an EMDB header file under the data root; a missing file or a folder is the caller's mistake. */
  private async readEmdbHeaderFile(path: string): Promise<string> {
    const hint = 'give the path of the EMDB header XML (emd-NNNN.xml) under the data root, or its text as emdbHeaderXml';
    let file: string;
    try {
      file = await this.insideDataRoot(path);
    } catch (error) {
      if (isVrsError(error) && error.code === 'MAP_NOT_FOUND') {
        throw new VrsError('BAD_PARAMETER', `emdbHeaderPath: there is no file ${JSON.stringify(path.slice(0, 200))} under the data root; ${hint}.`);
      }
      throw error;
    }
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? (error as Error).message})`;
      throw new VrsError('BAD_PARAMETER', `emdbHeaderPath ${JSON.stringify(path.slice(0, 200))} ${why}; ${hint}.`);
    }
  }

  private async applyMetadata(row: MapRow, patch: Record<string, unknown>): Promise<MapRecord> {
    if (Object.keys(patch).length === 0) return toMapRecord(row);
    return toMapRecord(await this.store.maps.updateMetadata(row.id, patch));
  }
}

/**
 * Writes a stream to `path`, hashing it; refuses more than maxBytes and an aborted body. With
 * `checkHead`, its check sees every chunk and may refuse the upload early: the rest of the body
 * is then left unread (the route closes the connection).
 */
function streamToFile(body: Readable, path: string, maxBytes: number, checkHead?: (refuse: (error: VrsError) => void) => UploadHeadCheck): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    const out = createWriteStream(path);
    let size = 0;
    let failed = false;
    const fail = (error: unknown, readRest = true) => {
      if (failed) return;
      failed = true;
      body.unpipe(out);
      if (readRest) body.resume();
      else body.pause();
      // rejected once the file is closed: its open may still be pending, and the caller's removal
      // of the temp file must not run before the file exists (it would be left behind)
      if (out.closed) reject(error);
      else out.once('close', () => reject(error));
      out.destroy();
    };
    const head = checkHead?.((error) => fail(error, false));
    body.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) return fail(new VrsError('MAP_TOO_LARGE', `The upload is over the limit of ${maxBytes} bytes.`));
      hash.update(chunk);
      head?.push(chunk);
    });
    body.on('aborted', () => fail(new VrsError('MAP_TRUNCATED', 'The upload was interrupted before its end; upload the file again.')));
    body.on('error', (e) => fail(isVrsError(e) ? e : new VrsError('MAP_TRUNCATED', `The upload failed: ${e.message}`)));
    out.on('error', fail);
    out.on('finish', () => {
      if (!failed) resolvePromise(hash.digest('hex'));
    });
    body.pipe(out);
  });
}


/**
 * What the subgraph resolvers need from the rest of the system, as narrow interfaces.
 * Resolvers only read `ctx.services` and the per-request loaders: they do no arithmetic
 * and no I/O of their own, so tests can hand them small in-memory services.
 * The real implementations wrap services/store and services/compute (see ./service.ts,
 * ../level0/service.ts, ../reports/service.ts).
 */
import DataLoader from 'dataloader';
import type { CriteriaProfile, Level0Params } from '../../worker-pool/metrics/types.js';
import type { ContourSource } from '../../worker-pool/metrics/level0/types.js';

export interface Xyz { x: number; y: number; z: number }

export interface FormatIssueRecord {
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
}

export interface EmdbRecord {
  id: string | null;
  title: string | null;
  authors: string[];
  depositionDate: string | null;
  method: string | null;
  /** Å */
  reportedResolution: number | null;
  contourLevel: number | null;
  resolutionMethod: string | null;
  contourSource: string | null;
  /** Å per voxel along x, y, z */
  pixelSize: Xyz | null;
  fittedPdbIds: string[];
}

/** A stored map as the subgraphs see it (the store's row, geometry unpacked). */
export interface MapRecord {
  id: string;
  name: string;
  sizeBytes: number;
  createdAt: Date;
  /** Raw MRC2014 header fields as read from the file. */
  header: Record<string, unknown>;
  dimensions: Xyz;
  voxelSize: Xyz;
  origin: Xyz;
  originSource: string | null;
  axisOrder: number[] | null;
  statistics: { min: number; max: number; mean: number; std: number; rms: number };
  formatIssues: FormatIssueRecord[];
  contourLevel: number | null;
  contourSource: ContourSource | null;
  reportedResolution: number | null;
  emdb: EmdbRecord | null;
}

export interface RegisterOptions {
  contourLevel?: number | null;
  reportedResolution?: number | null;
  /** EMDB header XML text. */
  emdbHeaderXml?: string | null;
  /** EMDB header XML file, under the data root. */
  emdbHeaderPath?: string | null;
  name?: string | null;
}

export interface MapPage {
  items: MapRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface MapsService {
  /** In the order asked; null where no map has that id. */
  getMany(ids: readonly string[]): Promise<(MapRecord | null)[]>;
  list(first: number, after: string | null): Promise<MapPage>;
  /** A file under the data root (other paths are refused with PATH_OUTSIDE_DATA_ROOT). */
  registerPath(path: string, options: RegisterOptions): Promise<MapRecord>;
  /** A map uploaded through PUT /maps/{filename}: its id (= SHA-256). */
  registerUpload(uploadId: string, options: RegisterOptions): Promise<MapRecord>;
  setMetadata(id: string, patch: { contourLevel?: number | null; reportedResolution?: number | null }): Promise<MapRecord>;
}

export type SectionStateName = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'NOT_STARTED';

export interface SectionStateRecord {
  /** Field name in Level0, e.g. 'bFactor'. */
  section: string;
  metric: string;
  state: SectionStateName;
  startedAt: Date | null;
  finishedAt: Date | null;
  computeMillis: number | null;
  error: { code: string; message: string } | null;
}

export interface SectionRun<T = unknown> {
  result: T;
  computeMillis: number | null;
  fromCache: boolean;
}

export interface Level0Args {
  threshold?: number | null;
  resolution?: number | null;
  profile?: CriteriaProfile | null;
  /** Å, the voxel size to use instead of the map header's (vrs validate --voxel-size) */
  voxelSize?: number | null;
}

export interface ResolvedLevel0 {
  params: Level0Params;
  thresholdSource: ContourSource;
}

export interface Level0Service {
  /** Fills the defaults: threshold from the user, else the map's contour, else estimated. */
  resolveParams(map: MapRecord, args: Level0Args): Promise<ResolvedLevel0>;
  /** One section: one memoized metric run (computes on a miss, once). */
  runSection(mapId: string, metric: string, params: Level0Params): Promise<SectionRun>;
  /** Starts every section without waiting. */
  start(mapId: string, params: Level0Params): Promise<SectionStateRecord[]>;
  states(mapId: string, params: Level0Params): Promise<SectionStateRecord[]>;
}

export type JobStateName = 'NOT_STARTED' | 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ReportRecord {
  state: JobStateName;
  pdfUrl: string | null;
  pages: number | null;
  renderedAt: Date | null;
  error: { code: string; message: string } | null;
  /** SHA-256 of the stored PDF (its blob), once rendered. */
  pdfSha256?: string | null;
}

export interface ReportsService {
  get(mapId: string, params: Level0Params): Promise<ReportRecord>;
  /**
   * Starts rendering (or returns the stored PDF's record) without waiting for it; with
   * `wait`, answers once the PDF is stored (a failure is thrown, with its code).
   */
  render(mapId: string, params: Level0Params, options?: { wait?: boolean }): Promise<ReportRecord>;
}

export interface Services {
  maps: MapsService;
  level0: Level0Service;
  reports: ReportsService;
}

/** The context every subgraph resolver receives; one per request. */
export interface SubgraphContext {
  services: Services;
  loaders?: { map?: DataLoader<string, MapRecord | null> };
}

/** The request's map loader: batches reference resolution and lookups (one per request). */
export function mapLoader(ctx: SubgraphContext): DataLoader<string, MapRecord | null> {
  ctx.loaders ??= {};
  ctx.loaders.map ??= new DataLoader<string, MapRecord | null>((ids) => ctx.services.maps.getMany(ids));
  return ctx.loaders.map;
}

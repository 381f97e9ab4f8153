/**
 * What the maps subgraph's resolvers need from the services: the stored map as the subgraphs
 * see it, and the maps service (implemented by ./service.ts over services/store).
 */
import type { ContourSource } from '../../worker-pool/metrics/section-record.js';
import type { ModelSummary } from '../../worker-pool/io/model.js';
import type { InputFileSource, MapInputsRecord } from './inputs.js';

export type { InputFileSource, MapInputsRecord, HalfMapsRecord, HalfMapRecord, ModelFileRecord } from './inputs.js';

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
  /** Da, the sample's molecular mass; null when the header gives none */
  molecularMass?: number | null;
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

/**
 * PUT /maps/{filename} of an atomic model (.pdb, .ent, .cif, optionally .gz): the file is
 * stored and parsed, not registered as a map; its id is for attachModel(model: {uploadId}).
 * The map-only fields are null so that the route can answer either kind with one shape.
 */
export interface ModelUploadRecord {
  kind: 'model';
  id: string;
  name: string;
  sizeBytes: number;
  dimensions: null;
  voxelSize: null;
  formatIssues: FormatIssueRecord[];
  model: ModelSummary;
}

/** What an upload answers: a registered map, or a stored model file. */
export type UploadRecord = MapRecord | ModelUploadRecord;

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
  /** The files linked to each map (half maps, model), in the order asked. */
  inputsOf(mapIds: readonly string[]): Promise<MapInputsRecord[]>;
  /** Links two half maps (same grid, voxel size and origin as the map; two different files). */
  attachHalfMaps(mapId: string, half1: InputFileSource, half2: InputFileSource): Promise<MapInputsRecord>;
  /** Links an atomic model (PDB or mmCIF, plain or gzip; it must parse). */
  attachModel(mapId: string, model: InputFileSource): Promise<MapInputsRecord>;
  detachHalfMaps(mapId: string): Promise<MapInputsRecord>;
  detachModel(mapId: string): Promise<MapInputsRecord>;
  /** Forgets a map: its row, links and stored results (memo and artifact rows); false when unknown. */
  forget(id: string): Promise<boolean>;
}

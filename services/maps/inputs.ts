/**
 * Inputs linked to a map by role: the half maps and the atomic model. Each file is given by
 * a path under the data root (as registerMap) or by an upload's id (PUT /maps/{filename}:
 * a half map is uploaded as a map, a model as a .pdb/.ent/.cif, optionally .gz), read and
 * checked (input-checks.ts), then linked in one transaction (the two half maps together).
 * The records here are what GraphQL (Map.halfMaps, Map.model) and `vrs validate --json`
 * show, with the same names.
 */
import { basename } from 'node:path';
import { VrsError } from '../../worker-pool/errors.js';
import { readModel, type ModelSummary } from '../../worker-pool/io/model.js';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import type { MapReadResult } from '../../worker-pool/io/mrc/types.js';
import type { MapInputRow } from '../store/entities/index.js';
import type { Store } from '../store/index.js';
import type { NewMapInput } from '../store/map-inputs-repository.js';
import { checkHalfMaps, gridOf, inputReadError, type GridGeometry, type Xyz } from './input-checks.js';

/** A file for a role: exactly one of a path under the data root or an upload's id. */
export interface InputFileSource {
  path?: string | null;
  uploadId?: string | null;
}

/** A half map as GraphQL shows it (HalfMapFile). */
export interface HalfMapRecord {
  sha256: string;
  name: string;
  sizeBytes: number;
  dimensions: Xyz;
  voxelSize: Xyz;
  origin: Xyz;
  attachedAt: Date;
}

export interface HalfMapsRecord {
  half1: HalfMapRecord;
  half2: HalfMapRecord;
}

/** An atomic model as GraphQL shows it (ModelFile). */
export interface ModelFileRecord extends Omit<ModelSummary, 'bounds'> {
  sha256: string;
  name: string;
  sizeBytes: number;
  /** Å: the atoms' bounding box. */
  boundsMin: Xyz;
  boundsMax: Xyz;
  attachedAt: Date;
}

/** What is linked to one map. */
export interface MapInputsRecord {
  mapId: string;
  halfMaps: HalfMapsRecord | null;
  model: ModelFileRecord | null;
}

/** The row info of a volume input (a half map, a mask). */
export function volumeInfo(read: Pick<MapReadResult, 'geometry'>): Record<string, unknown> {
  const g = read.geometry;
  return {
    dimensions: { x: g.dimensions.nx, y: g.dimensions.ny, z: g.dimensions.nz },
    voxelSize: g.voxelSize, origin: g.origin, originSource: g.originSource, axisOrder: g.axisOrder, mode: g.mode, gzip: g.gzip,
  };
}

function halfMapRecord(row: MapInputRow): HalfMapRecord {
  const grid = gridOf(row.info);
  return { sha256: row.sha256, name: row.name, sizeBytes: row.sizeBytes, ...grid, attachedAt: row.createdAt };
}

function modelRecord(row: MapInputRow): ModelFileRecord {
  const s = row.info as unknown as ModelSummary;
  return {
    sha256: row.sha256, name: row.name, sizeBytes: row.sizeBytes, format: s.format, atoms: s.atoms, hetAtoms: s.hetAtoms,
    chains: s.chains, residues: s.residues, models: s.models, alternateLocationsDropped: s.alternateLocationsDropped,
    boundsMin: s.bounds.min, boundsMax: s.bounds.max, attachedAt: row.createdAt,
  };
}

/** The rows of one map as its record: half maps only when both are there. */
export function toInputsRecord(mapId: string, rows: readonly MapInputRow[]): MapInputsRecord {
  const by = new Map(rows.map((r) => [r.role, r]));
  const h1 = by.get('half1'), h2 = by.get('half2'), m = by.get('model');
  return {
    mapId,
    halfMaps: h1 && h2 ? { half1: halfMapRecord(h1), half2: halfMapRecord(h2) } : null,
    model: m ? modelRecord(m) : null,
  };
}

/** The record of a model attached by the CLI or an upload (JSON = GraphQL names). */
export function modelFileRecord(file: { sha256: string; name: string; sizeBytes: number; summary: ModelSummary; attachedAt: Date }): ModelFileRecord {
  return modelRecord({ role: 'model', sha256: file.sha256, name: file.name, sizeBytes: file.sizeBytes, info: file.summary as unknown as Record<string, unknown>, createdAt: file.attachedAt } as MapInputRow);
}

export interface InputsServiceDeps {
  store: Store;
  /** Resolves a path under the data root (PATH_OUTSIDE_DATA_ROOT, MAP_NOT_FOUND). */
  insideDataRoot(path: string): Promise<string>;
  /** Runs a decode in a slot (maps are held whole in memory while read). */
  decode<T>(task: () => Promise<T>): Promise<T>;
  /** gzip files larger than this once decompressed are refused (MAP_TOO_LARGE). */
  maxDecompressedBytes?: number;
}

interface ResolvedHalf {
  role: 'half1' | 'half2';
  sha256: string;
  name: string;
  sizeBytes: number;
  path: string;
  info: Record<string, unknown>;
  grid: GridGeometry;
}

function checkSource(role: string, source: InputFileSource): void {
  if (!source || (source.path == null) === (source.uploadId == null)) {
    throw new VrsError('BAD_PARAMETER', `${role} needs exactly one of path (a file under the data root) or uploadId (from PUT /maps/{filename}).`);
  }
}

export class MapInputsService {
  constructor(private readonly deps: InputsServiceDeps) {}

  async inputsOf(mapIds: readonly string[]): Promise<MapInputsRecord[]> {
    const rows = await this.deps.store.inputs.listMany(mapIds);
    return mapIds.map((id, i) => toInputsRecord(id, rows[i]!));
  }

  /** Links the two half maps (checked against the map and each other), replacing any earlier pair. */
  async attachHalfMaps(mapId: string, half1: InputFileSource, half2: InputFileSource): Promise<MapInputsRecord> {
    checkSource('half1', half1);
    checkSource('half2', half2);
    const map = await this.#map(mapId);
    const [h1, h2] = await Promise.all([this.#half('half1', half1), this.#half('half2', half2)]);
    checkHalfMaps({ id: map.id, grid: gridOf(map.geometry) }, h1, h2);
    const rows: NewMapInput[] = [h1, h2].map((h) => ({ role: h.role, sha256: h.sha256, name: h.name, sizeBytes: h.sizeBytes, path: h.path, info: h.info }));
    await this.deps.store.inputs.attach(mapId, rows);
    return (await this.inputsOf([mapId]))[0]!;
  }

  /** Links an atomic model (it must parse), replacing any earlier one. */
  async attachModel(mapId: string, model: InputFileSource): Promise<MapInputsRecord> {
    checkSource('model', model);
    await this.#map(mapId);
    let row: NewMapInput;
    if (model.uploadId != null) {
      const up = await this.deps.store.uploads.get(model.uploadId);
      if (!up) throw new VrsError('UPLOAD_NOT_FOUND', `No uploaded model has id ${model.uploadId}; upload the .pdb/.cif with PUT /maps/{filename} first.`);
      row = { role: 'model', sha256: up.sha256, name: up.name, sizeBytes: up.sizeBytes, path: up.path, info: up.info };
    } else {
      const file = await this.deps.insideDataRoot(model.path!).catch((error: unknown) => {
        if (error instanceof VrsError && error.code === 'MAP_NOT_FOUND') throw new VrsError('MODEL_NOT_FOUND', `model: no file at ${model.path} under the data root.`);
        throw error;
      });
      const read = await readModel(file, { maxDecompressedBytes: this.deps.maxDecompressedBytes }).catch((e: unknown) => {
        throw inputReadError('model', basename(file), e);
      });
      row = { role: 'model', sha256: read.sha256, name: basename(file), sizeBytes: read.sizeBytes, path: file, info: read.summary as unknown as Record<string, unknown> };
    }
    await this.deps.store.inputs.attach(mapId, [row]);
    return (await this.inputsOf([mapId]))[0]!;
  }

  async detachHalfMaps(mapId: string): Promise<MapInputsRecord> {
    await this.#map(mapId);
    await this.deps.store.inputs.detach(mapId, ['half1', 'half2']);
    return (await this.inputsOf([mapId]))[0]!;
  }

  async detachModel(mapId: string): Promise<MapInputsRecord> {
    await this.#map(mapId);
    await this.deps.store.inputs.detach(mapId, ['model']);
    return (await this.inputsOf([mapId]))[0]!;
  }

  async #map(mapId: string) {
    const map = await this.deps.store.maps.get(mapId);
    if (!map) throw new VrsError('MAP_NOT_REGISTERED', `No map has id ${mapId}; register it with registerMap or PUT /maps/{filename} first.`);
    return map;
  }

  /** A half map by upload (its maps row, made by PUT /maps/{filename}) or by path (read and hashed). */
  async #half(role: 'half1' | 'half2', source: InputFileSource): Promise<ResolvedHalf> {
    if (source.uploadId != null) {
      const up = /^[0-9a-f]{64}$/.test(source.uploadId) ? await this.deps.store.maps.get(source.uploadId) : null;
      if (!up?.blobPath) throw new VrsError('UPLOAD_NOT_FOUND', `${role}: no uploaded map has id ${source.uploadId}; upload the half map with PUT /maps/{filename} first.`);
      const grid = gridOf(up.geometry);
      return { role, sha256: up.id, name: up.name, sizeBytes: up.sizeBytes, path: up.blobPath, info: { ...up.geometry, dimensions: grid.dimensions }, grid };
    }
    const file = await this.deps.insideDataRoot(source.path!).catch((e: unknown) => {
      throw inputReadError(role, source.path!, e);
    });
    const read = await this.deps.decode(() => readMapFile(file, { maxDecompressedBytes: this.deps.maxDecompressedBytes }).then((r) => ({ ...r, volume: undefined })))
      .catch((e: unknown) => {
        throw inputReadError(role, basename(file), e);
      });
    const info = volumeInfo(read);
    return { role, sha256: read.sha256, name: basename(file), sizeBytes: read.sizeBytes, path: file, info, grid: gridOf(info) };
  }
}

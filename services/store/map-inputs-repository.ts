/**
 * Files linked to a map by role (half1, half2, mask, model): one row per (map, role), the
 * file's SHA-256, name, size, where it is and what it is (a volume's geometry or a model's
 * summary). Attaching a role again replaces its file; the memo rows computed from the old
 * file stay (their keys hold its SHA-256), so attaching it back finds them. Also the
 * uploaded model files (PUT /maps/{filename} of a .pdb/.cif), which have no maps row.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { VrsError } from '../../worker-pool/errors.js';
import { isForeignKeyViolation, withDb } from './db-errors.js';
import { ATTACHED_ROLES, MapInputRow, UploadedFileRow, type AttachedRole } from './entities/index.js';
import { jsonbSafe } from './maps-repository.js';
import { queryRows } from './query-rows.js';

export interface NewMapInput {
  role: AttachedRole;
  sha256: string;
  name: string;
  sizeBytes: number;
  path: string;
  info: Record<string, unknown>;
}

/** An input's identity and place: what the orchestrator needs to load it. */
export interface InputFileRef {
  sha256: string;
  path: string;
  name: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

interface RawInput {
  map_id: string; role: AttachedRole; sha256: string; name: string; size_bytes: string; path: string;
  info: Record<string, unknown>; created_at: Date;
}

function toRow(raw: RawInput): MapInputRow {
  return Object.assign(new MapInputRow(), {
    mapId: raw.map_id, role: raw.role, sha256: raw.sha256, name: raw.name, sizeBytes: Number(raw.size_bytes),
    path: raw.path, info: raw.info, createdAt: raw.created_at,
  });
}

function checkInput(input: NewMapInput): void {
  if (!ATTACHED_ROLES.includes(input.role)) throw new VrsError('BAD_PARAMETER', `An input's role is one of ${ATTACHED_ROLES.join(', ')}, got "${input.role}".`);
  if (!SHA256_HEX.test(input.sha256)) throw new VrsError('BAD_PARAMETER', `An input's sha256 is 64 lowercase hex digits, got "${String(input.sha256).slice(0, 80)}".`);
  if (!(Number.isFinite(input.sizeBytes) && input.sizeBytes >= 0)) throw new VrsError('BAD_PARAMETER', `sizeBytes must be a non-negative number, got ${input.sizeBytes}.`);
}

export class MapInputsRepository {
  constructor(private readonly dataSource: DataSource, private readonly where: string) {}

  /** The map's inputs, by role order (half1, half2, mask, model). */
  async list(mapId: string): Promise<MapInputRow[]> {
    return (await this.listMany([mapId]))[0]!;
  }

  /** The inputs of several maps, in the order asked (one query). */
  async listMany(mapIds: readonly string[]): Promise<MapInputRow[][]> {
    if (mapIds.length === 0) return [];
    const rows = await withDb(this.where, () => queryRows<RawInput>(this.dataSource,
      'SELECT * FROM map_inputs WHERE map_id = ANY($1::varchar[])', [[...new Set(mapIds)]]));
    const byMap = new Map<string, MapInputRow[]>();
    for (const raw of rows) {
      const list = byMap.get(raw.map_id) ?? [];
      list.push(toRow(raw));
      byMap.set(raw.map_id, list);
    }
    const order = (r: MapInputRow) => ATTACHED_ROLES.indexOf(r.role);
    return mapIds.map((id) => (byMap.get(id) ?? []).sort((a, b) => order(a) - order(b)));
  }

  /** SHA-256, path and name of each attached role (one indexed read): the memo keys' inputs. */
  async refs(mapId: string): Promise<Partial<Record<AttachedRole, InputFileRef>>> {
    const rows = await withDb(this.where, () => queryRows<{ role: AttachedRole; sha256: string; path: string; name: string }>(this.dataSource,
      'SELECT role, sha256, path, name FROM map_inputs WHERE map_id = $1', [mapId]));
    const out: Partial<Record<AttachedRole, InputFileRef>> = {};
    for (const r of rows) out[r.role] = { sha256: r.sha256, path: r.path, name: r.name };
    return out;
  }

  /**
   * Links files to the map, replacing what those roles held, all or nothing (the two half
   * maps go in together). MAP_NOT_REGISTERED when the map is not there.
   */
  async attach(mapId: string, inputs: readonly NewMapInput[]): Promise<MapInputRow[]> {
    inputs.forEach(checkInput);
    try {
      return await withDb(this.where, () => this.dataSource.transaction(async (manager: EntityManager) => {
        const map = await queryRows<{ id: string }>(manager, 'SELECT id FROM maps WHERE id = $1 FOR SHARE', [mapId]);
        if (map.length === 0) throw new VrsError('MAP_NOT_REGISTERED', `No map with id ${mapId} is registered; register it first.`);
        const out: MapInputRow[] = [];
        for (const input of inputs) {
          const rows = await queryRows<RawInput>(manager,
            `INSERT INTO map_inputs (map_id, role, sha256, name, size_bytes, path, info)
             VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
             ON CONFLICT (map_id, role) DO UPDATE SET sha256 = EXCLUDED.sha256, name = EXCLUDED.name,
               size_bytes = EXCLUDED.size_bytes, path = EXCLUDED.path, info = EXCLUDED.info, created_at = now()
             RETURNING *`,
            [mapId, input.role, input.sha256, input.name, input.sizeBytes, input.path, JSON.stringify(jsonbSafe(input.info))]);
          out.push(toRow(rows[0]!));
        }
        return out;
      }));
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new VrsError('MAP_NOT_REGISTERED', `No map with id ${mapId} is registered; register it first.`);
      throw error;
    }
  }

  /** Unlinks roles from the map (their memo rows stay); answers how many were attached. */
  async detach(mapId: string, roles: readonly AttachedRole[]): Promise<number> {
    const rows = await withDb(this.where, () => queryRows<{ role: string }>(this.dataSource,
      'DELETE FROM map_inputs WHERE map_id = $1 AND role = ANY($2::varchar[]) RETURNING role', [mapId, [...roles]]));
    return rows.length;
  }
}

/** Uploaded files that are not maps (atomic models): by SHA-256. */
export class UploadedFilesRepository {
  constructor(private readonly dataSource: DataSource, private readonly where: string) {}

  /** Records an upload (the same bytes uploaded again keep the first row). */
  async insert(file: { sha256: string; kind: 'model'; name: string; sizeBytes: number; path: string; info: Record<string, unknown> }): Promise<UploadedFileRow> {
    const rows = await withDb(this.where, async () => {
      await queryRows(this.dataSource,
        `INSERT INTO uploaded_files (sha256, kind, name, size_bytes, path, info) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (sha256) DO NOTHING`,
        [file.sha256, file.kind, file.name, file.sizeBytes, file.path, JSON.stringify(jsonbSafe(file.info))]);
      return this.dataSource.getRepository(UploadedFileRow).findOneBy({ sha256: file.sha256 });
    });
    if (!rows) throw new VrsError('INTERNAL', `The upload ${file.sha256} vanished right after it was recorded; upload it again.`);
    return rows;
  }

  async get(sha256: string): Promise<UploadedFileRow | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    return withDb(this.where, () => this.dataSource.getRepository(UploadedFileRow).findOneBy({ sha256 }));
  }
}

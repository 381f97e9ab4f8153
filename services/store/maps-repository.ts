/**
 * Registered maps. Inserting a map whose id (SHA-256) is already there is a no-op that
 * returns the stored row, so registering the same file twice is harmless; except that a row
 * whose stored file has gone takes the new file (the way to repair it).
 */
import { access } from 'node:fs/promises';
import type { DataSource, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { VrsError } from '../../worker-pool/errors.js';
import { checkResolution } from '../../worker-pool/metrics/level0/inputs.js';
import { envMillis } from './config.js';
import { withDb } from './db-errors.js';
import { CONTOUR_SOURCES, MapRow, type ContourSource } from './entities/index.js';
import { MAPS_CHANNEL, MapRowCache } from './map-row-cache.js';

export interface NewMap {
  id: string;
  name: string;
  sizeBytes: number;
  header: Record<string, unknown>;
  geometry: Record<string, unknown>;
  statistics: Record<string, unknown>;
  formatIssues?: unknown[];
  contourLevel?: number | null;
  contourSource?: ContourSource | null;
  reportedResolution?: number | null;
  emdb?: Record<string, unknown> | null;
  blobSha256?: string | null;
  blobPath?: string | null;
}

export interface MapMetadataPatch {
  name?: string;
  contourLevel?: number | null;
  /** Defaults to USER when a contour level is given without a source. */
  contourSource?: ContourSource | null;
  reportedResolution?: number | null;
  emdb?: Record<string, unknown> | null;
  blobSha256?: string | null;
  blobPath?: string | null;
}

export interface MapPage {
  items: MapRow[];
  /** Pass as `after` to get the next page; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertMapId(id: string): void {
  if (typeof id !== 'string' || !SHA256_HEX.test(id)) {
    throw new VrsError('BAD_PARAMETER', `A map id is the lowercase hex SHA-256 of the file (64 characters), got "${String(id).slice(0, 80)}".`);
  }
}

/**
 * The metadata values a map row may hold. With the stored map (`map`: its geometry and format
 * findings) a reported resolution must also reach the Nyquist limit of its voxel size
 * (level0/inputs.ts checkResolution), unless the header gives no voxel size (the reader's
 * 1 Å stand-in says nothing); the smallest of the x, y, z sizes is taken, the most lenient.
 */
export function checkMetadata(patch: MapMetadataPatch, map?: { geometry: Record<string, unknown>; formatIssues?: unknown }): void {
  if (patch.contourSource != null && !CONTOUR_SOURCES.includes(patch.contourSource)) {
    throw new VrsError('BAD_PARAMETER', `contourSource must be one of ${CONTOUR_SOURCES.join(', ')}, got "${patch.contourSource}".`);
  }
  if (patch.contourLevel != null && !Number.isFinite(patch.contourLevel)) {
    throw new VrsError('BAD_PARAMETER', `contourLevel must be a finite number, got ${patch.contourLevel}.`);
  }
  if (patch.reportedResolution != null && !(Number.isFinite(patch.reportedResolution) && patch.reportedResolution > 0)) {
    throw new VrsError('BAD_PARAMETER', `reportedResolution must be a positive number of Å, got ${patch.reportedResolution}.`);
  }
  const v = map?.geometry.voxelSize as { x?: number; y?: number; z?: number } | undefined;
  const defaulted = Array.isArray(map?.formatIssues) && map.formatIssues.some((f) => (f as { code?: string })?.code === 'MRC_VOXEL_SIZE_DEFAULTED');
  const sizes = v ? [v.x, v.y, v.z].filter((s): s is number => typeof s === 'number' && s > 0 && Number.isFinite(s)) : [];
  if (patch.reportedResolution != null && !defaulted && sizes.length > 0) {
    checkResolution(patch.reportedResolution, Math.min(...sizes), 'reportedResolution');
  }
}

/**
 * A reader record as PostgreSQL jsonb takes it: jsonb refuses U+0000, which raw MRC text
 * fields (EXTTYP, MAP, labels) often hold, so NULs are dropped from strings; typed arrays
 * become arrays and bigints numbers. Every map row goes through this, whoever inserts it.
 */
export function jsonbSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>)
      : typeof v === 'bigint' ? Number(v)
      : typeof v === 'string' ? v.replace(/\u0000/g, '')
      : v)) as T;
}

async function fileExists(path: string | null): Promise<boolean> {
  if (!path) return false;
  return access(path).then(() => true, () => false);
}

function encodeCursor(row: MapRow): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time ?? '');
  if (Number.isNaN(createdAt.getTime()) || !id || !SHA256_HEX.test(id)) {
    throw new VrsError('BAD_PARAMETER', `The pagination cursor "${cursor.slice(0, 80)}" is not one this server gave out; start again without "after".`);
  }
  return { createdAt, id };
}

export class MapsRepository {
  private readonly repo: Repository<MapRow>;
  /** Rows by id while this process hears every change (see map-row-cache.ts). */
  readonly cache: MapRowCache;

  /** With `url` (the database URL), rows are cached in process and kept fresh by LISTEN/NOTIFY. */
  constructor(private readonly dataSource: DataSource, private readonly where: string, url: string | null = null) {
    this.repo = dataSource.getRepository(MapRow);
    this.cache = new MapRowCache(url);
  }

  async close(): Promise<void> {
    await this.cache.close();
  }

  /**
   * Inserts a map; an existing id is returned with created = false and left untouched, unless
   * its stored file (blobPath) is missing and `map` brings one: then the row takes the new file.
   */
  async insert(map: NewMap): Promise<{ map: MapRow; created: boolean }> {
    assertMapId(map.id);
    checkMetadata(map);
    if (!(Number.isFinite(map.sizeBytes) && map.sizeBytes >= 0)) {
      throw new VrsError('BAD_PARAMETER', `sizeBytes must be a non-negative number, got ${map.sizeBytes}.`);
    }
    return withDb(this.where, async () => {
      const result = await this.repo.createQueryBuilder()
        .insert()
        .into(MapRow)
        .values({
          id: map.id, name: map.name, sizeBytes: map.sizeBytes,
          header: jsonbSafe(map.header), geometry: jsonbSafe(map.geometry),
          statistics: jsonbSafe(map.statistics), formatIssues: jsonbSafe(map.formatIssues ?? []),
          contourLevel: map.contourLevel ?? null,
          contourSource: map.contourSource ?? (map.contourLevel != null ? 'USER' : null),
          reportedResolution: map.reportedResolution ?? null, emdb: map.emdb == null ? null : jsonbSafe(map.emdb),
          blobSha256: map.blobSha256 ?? null, blobPath: map.blobPath ?? null,
        } as QueryDeepPartialEntity<MapRow>)
        .orIgnore()
        .returning('id')
        .execute();
      const created = (result.raw as unknown[]).length > 0;
      const stored = await this.repo.findOneBy({ id: map.id });
      if (!stored) throw new VrsError('INTERNAL', `Map ${map.id} vanished right after it was inserted; retry.`);
      if (!created && map.blobPath && stored.blobPath !== map.blobPath && !(await fileExists(stored.blobPath))) {
        return { map: await this.relocate(stored, map.blobPath, map.blobSha256 ?? map.id), created };
      }
      return { map: stored, created };
    });
  }

  /** Points a row at a new file, unless another process changed its file meanwhile. */
  private async relocate(row: MapRow, blobPath: string, blobSha256: string): Promise<MapRow> {
    this.cache.invalidate(row.id);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(MapRow);
        await repo.createQueryBuilder().update(MapRow).set({ blobPath, blobSha256 })
          .where('id = :id AND blob_path IS NOT DISTINCT FROM :old', { id: row.id, old: row.blobPath })
          .execute();
        await manager.query('SELECT pg_notify($1, $2)', [MAPS_CHANNEL, row.id]);
        return (await repo.findOneBy({ id: row.id }))!;
      });
    } finally {
      this.cache.invalidate(row.id);
    }
  }

  async get(id: string): Promise<MapRow | null> {
    return (await this.getMany([id]))[0] ?? null;
  }

  /** Several maps in the order asked; null where an id is not registered. Rows are read-only. */
  async getMany(ids: readonly string[]): Promise<(MapRow | null)[]> {
    ids.forEach(assertMapId);
    if (ids.length === 0) return [];
    const byId = new Map<string, MapRow>();
    for (const id of ids) {
      const hit = this.cache.get(id);
      if (hit) byId.set(id, hit);
    }
    const missing = [...new Set(ids.filter((id) => !byId.has(id)))];
    if (missing.length > 0) {
      const generation = this.cache.generation;
      const rows = await withDb(this.where, () =>
        this.repo.createQueryBuilder('m').where('m.id IN (:...ids)', { ids: missing }).getMany());
      for (const row of rows) {
        byId.set(row.id, row);
        this.cache.put(row, generation);
      }
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Oldest first, `first` at a time (1…100), continuing after a cursor from a previous page. */
  async list(options: { first?: number; after?: string | null } = {}): Promise<MapPage> {
    const first = options.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw new VrsError('BAD_PARAMETER', `first must be an integer from 1 to 100, got ${first}.`);
    }
    const query = this.repo.createQueryBuilder('m').orderBy('m.created_at', 'ASC').addOrderBy('m.id', 'ASC').limit(first + 1);
    if (options.after) {
      const cursor = decodeCursor(options.after);
      query.where('(m.created_at, m.id) > (:createdAt, :id)', cursor);
    }
    const rows = await withDb(this.where, () => query.getMany());
    const items = rows.slice(0, first);
    return { items, endCursor: items.length > 0 ? encodeCursor(items[items.length - 1]) : null, hasNextPage: rows.length > first };
  }

  /** Changes contour, resolution, EMDB metadata or name; MAP_NOT_REGISTERED when there is no such map. */
  async updateMetadata(id: string, patch: MapMetadataPatch): Promise<MapRow> {
    assertMapId(id);
    checkMetadata(patch);
    const values: Partial<MapRow> = {};
    for (const field of ['name', 'contourLevel', 'contourSource', 'reportedResolution', 'emdb', 'blobSha256', 'blobPath'] as const) {
      if (patch[field] !== undefined) (values as Record<string, unknown>)[field] = patch[field];
    }
    if (values.emdb != null) values.emdb = jsonbSafe(values.emdb);
    if (patch.contourLevel != null && patch.contourSource === undefined) values.contourSource = 'USER';
    if (patch.contourLevel === null && patch.contourSource === undefined) values.contourSource = null;
    this.cache.invalidate(id); // reads in flight now may be stale: do not keep them
    try {
      return await withDb(this.where, () => this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(MapRow);
        const current = await repo.createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
        if (!current) throw new VrsError('MAP_NOT_REGISTERED', `No map with id ${id} is registered; register it first.`);
        checkMetadata(patch, current); // now against the map's voxel size (Nyquist)
        if (Object.keys(values).length > 0) await repo.update({ id }, values as QueryDeepPartialEntity<MapRow>);
        await manager.query('SELECT pg_notify($1, $2)', [MAPS_CHANNEL, id]); // other processes, at commit
        return (await repo.findOneBy({ id }))!;
      }));
    } finally {
      this.cache.invalidate(id);
    }
  }

  /** Removes a map and, by cascade, its memo rows and artifact rows (not the blob files). */
  /**
   * Forgets a map, refused (MAP_BUSY) while one of its computations runs: a running claim whose
   * heartbeat is fresher than the claim staleness (a dead worker's claim does not hold a map
   * forever). Queued work is not waited for: its job finds the map gone and ends
   * MAP_NOT_REGISTERED, storing nothing.
   */
  async remove(id: string): Promise<boolean> {
    assertMapId(id);
    this.cache.invalidate(id);
    try {
      const result = await withDb(this.where, () => this.dataSource.transaction(async (manager) => {
        const running: { n: number }[] = await manager.query(
          `SELECT count(*)::int AS n FROM metric_results
            WHERE map_id = $1 AND state = 'running' AND heartbeat_at > now() - make_interval(secs => $2)`,
          [id, envMillis('VRS_CLAIM_STALE_MS', 30_000) / 1000]);
        if ((running[0]?.n ?? 0) > 0) {
          throw new VrsError('MAP_BUSY', `${running[0]!.n} computation${running[0]!.n === 1 ? ' of this map is' : 's of this map are'} running; forget it once its levels are done (their status queries say when).`);
        }
        const deleted = await manager.getRepository(MapRow).delete({ id });
        await manager.query('SELECT pg_notify($1, $2)', [MAPS_CHANNEL, id]);
        return deleted;
      }));
      return (result.affected ?? 0) > 0;
    } finally {
      this.cache.invalidate(id);
    }
  }
}

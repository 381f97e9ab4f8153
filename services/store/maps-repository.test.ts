import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrsError } from '../../worker-pool/errors.js';
import { openStore, type Store } from './index.js';
import { sampleMap } from './testing.js';
import { createScratchDatabase, type ScratchDatabase } from './testing.js';

// A fresh blob folder per run, removed at the end (nothing left in /tmp, nothing inherited).
const BLOBS = mkdtempSync(join(tmpdir(), 'vrs-test-blobs-'));

let scratch: ScratchDatabase;
let store: Store;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  store = await openStore({ url: scratch.url, blobDir: BLOBS });
});
afterAll(async () => {
  await store?.close();
  await scratch?.drop();
  rmSync(BLOBS, { recursive: true, force: true });
});

describe('migrations', () => {
  it('create the tables on an empty database and record themselves', async () => {
    const tables: { table_name: string }[] = await store.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(['api_key_uploads', 'api_keys', 'artifacts', 'map_inputs', 'maps', 'metric_ranks', 'metric_results', 'migrations', 'uploaded_files']);
    // the job queue's tables live in their own schema (pg-boss's, made by the migrations)
    const queues: { name: string }[] = await store.dataSource.query('SELECT name FROM vrs_jobs.queue ORDER BY name');
    expect(queues.map((q) => q.name)).toEqual(['vrs-metric', 'vrs-metric-dead']);
    const applied: { name: string }[] = await store.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(['InitialSchema1764100000000', 'MapInputs1796280000000', 'MetricRanks1797100000000', 'JobQueue1800000000000', 'MetricRanksProfile1800000000001', 'DoneResultsIndex1800000000002']);
    // Running them again is a no-op.
    await expect(store.dataSource.showMigrations()).resolves.toBe(false);
  });
});

describe('maps repository', () => {
  it('refuses to forget a map while one of its computations runs (MAP_BUSY), not for a stale claim or a queued one', async () => {
    const map = sampleMap();
    await store.maps.insert(map);
    const claim = (state: string, heartbeatAgoSeconds: number, metric: string) => store.dataSource.query(
      `INSERT INTO metric_results (map_id, metric, params_hash, params, algorithm_version, state, heartbeat_at)
       VALUES ($1, $2, $3, '{}'::jsonb, '1', $4, now() - make_interval(secs => $5))`, [map.id, metric, 'a'.repeat(64), state, heartbeatAgoSeconds]);
    await claim('running', 1, 'level0.mask');
    await claim('queued', 0, 'level0.background');
    const refused = await store.maps.remove(map.id).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(VrsError);
    expect((refused as VrsError).code).toBe('MAP_BUSY');
    expect(await store.maps.get(map.id)).not.toBeNull(); // nothing removed
    // the worker died: its claim went stale (30 s without heartbeat), the map can go
    await store.dataSource.query(`UPDATE metric_results SET heartbeat_at = now() - interval '5 minutes' WHERE map_id = $1 AND state = 'running'`, [map.id]);
    expect(await store.maps.remove(map.id)).toBe(true);
    expect(await store.maps.get(map.id)).toBeNull();
    expect(await store.dataSource.query('SELECT 1 FROM metric_results WHERE map_id = $1', [map.id])).toEqual([]);
  });

  it('round-trips a map row, JSON columns included', async () => {
    const map = sampleMap({ contourLevel: 0.5, reportedResolution: 3.2, emdb: { id: 'EMD-1997', authors: ['A', 'B'] } });
    const { map: stored, created } = await store.maps.insert(map);
    expect(created).toBe(true);
    const back = (await store.maps.get(map.id))!;
    expect(back).toMatchObject({
      id: map.id, name: map.name, sizeBytes: map.sizeBytes, header: map.header, geometry: map.geometry,
      statistics: map.statistics, formatIssues: map.formatIssues, contourLevel: 0.5, contourSource: 'USER',
      reportedResolution: 3.2, emdb: map.emdb, blobSha256: null,
    });
    expect(back.createdAt).toBeInstanceOf(Date);
    expect(back.createdAt.getTime()).toBe(stored.createdAt.getTime());
  });

  it('treats inserting an existing id as a no-op', async () => {
    const map = sampleMap();
    await store.maps.insert(map);
    const again = await store.maps.insert({ ...map, name: 'other-name.map' });
    expect(again.created).toBe(false);
    expect(again.map.name).toBe('sample.map');
  });

  it('inserting an existing id whose stored file is gone takes the new file (the repair); one whose file is there keeps it', async () => {
    const [a, b] = ['a.map', 'b.map'].map((f) => join(BLOBS, `relocate-${f}`));
    writeFileSync(a!, 'a');
    writeFileSync(b!, 'b');
    const map = sampleMap({ blobPath: a, blobSha256: null });
    await store.maps.insert(map);
    expect((await store.maps.insert({ ...map, blobPath: b })).map.blobPath).toBe(a);
    rmSync(a!);
    const again = await store.maps.insert({ ...map, name: 'other-name.map', blobPath: b });
    expect(again).toMatchObject({ created: false, map: { name: 'sample.map', blobPath: b, blobSha256: map.id } });
    expect((await store.maps.get(map.id))!.blobPath).toBe(b); // the cached row is not stale
  });

  it('updates metadata and refuses unknown ids and bad values', async () => {
    const map = sampleMap();
    await store.maps.insert(map);
    const updated = await store.maps.updateMetadata(map.id, { contourLevel: 0.02, contourSource: 'EMDB_HEADER', reportedResolution: 4.5 });
    expect(updated).toMatchObject({ contourLevel: 0.02, contourSource: 'EMDB_HEADER', reportedResolution: 4.5 });
    const err = await store.maps.updateMetadata('f'.repeat(64), { contourLevel: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(VrsError);
    expect(err.code).toBe('MAP_NOT_REGISTERED');
    await expect(store.maps.updateMetadata(map.id, { reportedResolution: -1 })).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
    await expect(store.maps.get('not-a-sha')).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
  });

  it('pages through maps with cursors, each map once, in order', async () => {
    const scratchList = await createScratchDatabase();
    const s = await openStore({ url: scratchList.url, blobDir: BLOBS });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push((await s.maps.insert(sampleMap({ name: `m${i}.map` }))).map.id);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page = await s.maps.list({ first: 3, after });
        seen.push(...page.items.map((m) => m.id));
        pages++;
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(ids);
      expect(await s.maps.getMany([ids[2], 'e'.repeat(64), ids[0]])).toMatchObject([{ id: ids[2] }, null, { id: ids[0] }]);
      await expect(s.maps.list({ after: 'garbage' })).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
    } finally {
      await s.close();
      await scratchList.drop();
    }
  });
});

// setMapMetadata's reportedResolution against the stored map's voxel size (Nyquist limit 2·Ts)
describe('maps repository: reportedResolution and the Nyquist limit', () => {
  it('refuses a resolution finer than twice the voxel size (1.5 Å voxels: below 3 Å) and keeps the stored one', async () => {
    const map = sampleMap(); // 1.5 Å voxels
    await store.maps.insert(map);
    await store.maps.updateMetadata(map.id, { reportedResolution: 3 });
    await expect(store.maps.updateMetadata(map.id, { reportedResolution: 1e-9 })).rejects.toMatchObject({
      code: 'RESOLUTION_BEYOND_NYQUIST', message: expect.stringContaining('reportedResolution is 1e-9 Å'),
    });
    await expect(store.maps.updateMetadata(map.id, { reportedResolution: 2.9 })).rejects.toMatchObject({ code: 'RESOLUTION_BEYOND_NYQUIST' });
    expect((await store.maps.get(map.id))!.reportedResolution).toBe(3);
  });

  it('leaves the check out when the header gives no voxel size (the reader\'s 1 Å says nothing)', async () => {
    const map = sampleMap({
      geometry: { ...sampleMap().geometry, voxelSize: { x: 1, y: 1, z: 1 } },
      formatIssues: [{ code: 'MRC_VOXEL_SIZE_DEFAULTED', severity: 'WARNING', message: '…' }],
    });
    await store.maps.insert(map);
    await expect(store.maps.updateMetadata(map.id, { reportedResolution: 1.2 })).resolves.toMatchObject({ reportedResolution: 1.2 });
  });
});

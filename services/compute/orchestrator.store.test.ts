/**
 * The orchestrator over the real metric store (PostgreSQL memo with single flight) and the
 * real pool, with small test metrics: what is computed is counted in files the workers append to.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeMrcFile } from '../../worker-pool/io/mrc/write.js';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import { MetricPool } from '../../worker-pool/pool.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';
import { openStore, type Store } from '../store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../store/testing.js';
import { levelStates, sectionSpecs, startLevel } from './levels.js';
import { LEVEL0 } from '../../worker-pool/metrics/level0/level.js';
import { createComputeService, type ComputeService } from './service.js';

const TEST_METRICS = new URL('../../worker-pool/testing/pool-test-metrics.js', import.meta.url).href;
const STUBS = new URL('../../worker-pool/testing/level0-stub-metrics.js', import.meta.url).href;

describe('ComputeOrchestrator over PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrs-orch-'));
  process.env.VRS_TEST_COUNTER_DIR = dir; // inherited by the pool's workers
  let db: ScratchDatabase;
  let store: Store;
  let pool: MetricPool;
  let service: ComputeService;
  let mapId: string;
  const count = (m: string) => (existsSync(join(dir, `${m}.count`)) ? readFileSync(join(dir, `${m}.count`), 'utf8').length : 0);
  const params = { threshold: 0.5, resolution: null, profile: 'standard' as const, voxelSize: 1 };

  beforeAll(async () => {
    db = await createScratchDatabase('vrs_test_orch');
    store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
    const n = 8;
    const data = sharedFloat32(n * n * n);
    data.forEach((_, i) => (data[i] = i / data.length));
    const path = join(dir, 'ramp.map');
    await writeMrcFile(path, { nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } });
    const read = await readMapFile(path);
    mapId = read.sha256;
    await store.maps.insert({
      id: mapId, name: 'ramp.map', sizeBytes: read.sizeBytes, header: {}, geometry: {}, statistics: {}, blobSha256: mapId, blobPath: path,
    });
    const modules = [TEST_METRICS, STUBS];
    pool = new MetricPool({ threads: 2, metricModules: modules });
    service = await createComputeService({
      dataSource: store.dataSource, url: db.url, where: store.where, blobRoot: store.blobs.root, metricModules: modules, pool,
    });
  });
  afterAll(async () => {
    await service?.close();
    await pool?.close();
    await store?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const m of ['test.mask', 'test.a', 'test.c', 'test.d', 'test.flaky']) rmSync(join(dir, `${m}.count`), { force: true });
  });

  it('computes a shared dependency once, loads the map from its stored path once, and records artifacts', async () => {
    const orch = service.orchestrator;
    const [a, c] = await Promise.all([orch.runMetric(mapId, 'test.a', params), orch.runMetric(mapId, 'test.c', params)]);
    expect(a.result).toMatchObject({ maskVoxels: 256, readBack: 256 });
    expect(c.result).toMatchObject({ background: 256 });
    expect([count('test.mask'), count('test.a'), count('test.c')]).toEqual([1, 1, 1]);
    expect(orch.volumes.loads).toBe(1);
    const rows = await store.dataSource.query(`SELECT metric, params, algorithm_version FROM metric_results WHERE metric LIKE 'test.%' ORDER BY metric`);
    expect(rows).toEqual([
      { metric: 'test.a', params: { threshold: 0.5 }, algorithm_version: '1;test.mask=1' },
      { metric: 'test.c', params: { threshold: 0.5 }, algorithm_version: '1;test.mask=1' },
      { metric: 'test.mask', params: { threshold: 0.5 }, algorithm_version: '1' },
    ]);
    const artifacts = await store.dataSource.query(`SELECT role FROM artifacts WHERE map_id = $1`, [mapId]);
    expect(artifacts.map((r: { role: string }) => r.role)).toContain('hardMask');
  });

  it('answers the second call from the memo, with nothing computed', async () => {
    const again = await service.orchestrator.runMetric(mapId, 'test.a', params);
    expect(again.fromCache).toBe(true);
    expect([count('test.mask'), count('test.a')]).toEqual([0, 0]);
  });

  it('stores a failure with its code, and the next call retries it', async () => {
    const orch = service.orchestrator;
    writeFileSync(join(dir, 'fail-flaky'), '');
    await expect(orch.runMetric(mapId, 'test.flaky', params)).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
    expect(await store.memo.getState(orch.memoKey(mapId, 'test.flaky', params))).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'BAD_PARAMETER' } });
    rmSync(join(dir, 'fail-flaky'));
    expect((await orch.runMetric(mapId, 'test.flaky', params)).result).toEqual({ ok: true });
    expect(await store.memo.getState(orch.memoKey(mapId, 'test.flaky', params))).toMatchObject({ state: 'done', attempts: 2 });
    expect(count('test.flaky')).toBe(2);
  });

  it('starts every Level 0 section without waiting, and the states go queued/running → done', async () => {
    const orch = service.orchestrator;
    const p = { ...params, threshold: 0.25 };
    const started = await startLevel(orch, LEVEL0, mapId, p);
    const byField = Object.fromEntries(started.map((s) => [s.field, s.state]));
    // Every section is registered (0.e–0.h included): each starts at once, none is 'unavailable'.
    expect(started.map((s) => s.field)).toEqual(sectionSpecs(LEVEL0).map((s) => s.field));
    for (const field of Object.keys(byField)) expect(['queued', 'running', 'done']).toContain(byField[field]);
    let states = await levelStates(orch, LEVEL0, mapId, p);
    for (let i = 0; i < 200 && states.some((s) => s.state === 'queued' || s.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      states = await levelStates(orch, LEVEL0, mapId, p);
    }
    const done = states;
    expect(done.map((s) => s.field)).toEqual(['inputData', 'mass', 'mask', 'background', 'bFactor', 'localResolution', 'localBFactor', 'localOccupancy', 'hand']);
    for (const s of done) {
      expect(s.state).toBe('done');
      expect(s.computeMillis).toBeGreaterThanOrEqual(0);
      expect(s.finishedAt).toBeInstanceOf(Date);
    }
    // Without a resolution, 0.d–0.h do not apply; their records come from the memo.
    for (const metric of ['level0.bFactor', 'level0.localResolution', 'level0.localBFactor', 'level0.localOccupancy', 'level0.hand']) {
      expect(await orch.runMetric(mapId, metric, p)).toMatchObject({ fromCache: true, result: { status: 'NOT_APPLICABLE' } });
    }
  });
});

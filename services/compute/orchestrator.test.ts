import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MetricPool } from '../../worker-pool/pool.js';
import { MetricRegistry, importMetricModules } from '../../worker-pool/metrics/registry.js';
import { sharedFloat32, type Volume } from '../../worker-pool/volume.js';
import { sectionSpecs } from './levels.js';
import { LEVEL0 } from '../../worker-pool/metrics/level0/level.js';
import { ComputeOrchestrator } from './orchestrator.js';
import { FixedMapLocator, InMemoryMemoStore } from './testing.js';

const TEST_METRICS = new URL('../../worker-pool/testing/pool-test-metrics.js', import.meta.url).href;
const MAP_ID = 'a'.repeat(64);

function ramp(n: number): Volume {
  const data = sharedFloat32(n * n * n);
  data.forEach((_, i) => (data[i] = i / data.length));
  return { nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } };
}

describe('ComputeOrchestrator (in-memory memo)', () => {
  const counterDir = mkdtempSync(join(tmpdir(), 'vrs-count-'));
  process.env.VRS_TEST_COUNTER_DIR = counterDir; // inherited by the pool's workers
  const blobRoot = mkdtempSync(join(tmpdir(), 'vrs-blobs-'));
  let pool: MetricPool;
  let registry: MetricRegistry;
  let store: InMemoryMemoStore;
  let orch: ComputeOrchestrator;
  let loads = 0;
  const count = (m: string) => (existsSync(join(counterDir, `${m}.count`)) ? readFileSync(join(counterDir, `${m}.count`), 'utf8').length : 0);

  beforeAll(async () => {
    pool = new MetricPool({ threads: 2, metricModules: [TEST_METRICS] });
    registry = new MetricRegistry(await importMetricModules([TEST_METRICS]));
  });
  afterAll(async () => {
    await pool.close();
    rmSync(counterDir, { recursive: true, force: true });
    rmSync(blobRoot, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const m of ['test.mask', 'test.a', 'test.c', 'test.d', 'test.flaky']) rmSync(join(counterDir, `${m}.count`), { force: true });
    store = new InMemoryMemoStore();
    loads = 0;
    orch = new ComputeOrchestrator({
      store,
      maps: new FixedMapLocator({ [MAP_ID]: '/maps/x.map' }),
      loadMap: async () => {
        loads++;
        return { volume: ramp(8), sha256: MAP_ID };
      },
      pool,
      registry,
      blobRoot,
    });
  });

  const params = { threshold: 0.5, resolution: null, profile: 'standard', voxelSize: 1 };

  it('computes a shared dependency once for sections asked at the same time, and loads the map once', async () => {
    const [a, c] = await Promise.all([orch.runMetric(MAP_ID, 'test.a', params), orch.runMetric(MAP_ID, 'test.c', params)]);
    expect(a.result).toMatchObject({ maskVoxels: 256, readBack: 256 }); // half of 8³ is ≥ 0.5
    expect(c.result).toMatchObject({ background: 256 });
    expect([count('test.mask'), count('test.a'), count('test.c')]).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('answers a second call from the memo without computing', async () => {
    const first = await orch.runMetric(MAP_ID, 'test.a', params);
    const second = await orch.runMetric(MAP_ID, 'test.a', params);
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.result).toEqual(first.result);
    expect([count('test.mask'), count('test.a')]).toEqual([1, 1]);
  });

  it('keys on the parameters that matter only (own and dependencies\'), with dependency versions', () => {
    const k1 = orch.memoKey(MAP_ID, 'test.a', { ...params, resolution: 3 });
    const k2 = orch.memoKey(MAP_ID, 'test.a', { ...params, resolution: 7, profile: 'vrs-2024' });
    expect(k1).toEqual(k2);
    expect(k1).toEqual({ mapId: MAP_ID, metric: 'test.a', params: { threshold: 0.5 }, version: '1;test.mask=1' });
    expect(orch.memoKey(MAP_ID, 'test.d', params).params).toEqual({ resolution: null, threshold: 0.5 });
  });

  it('passes a null resolution through to the metric, which decides it does not apply', async () => {
    const d = await orch.runMetric(MAP_ID, 'test.d', params);
    expect(d.result).toMatchObject({ status: 'NOT_APPLICABLE' });
  });

  it('stores a failure with its code and retries it on the next call', async () => {
    writeFileSync(join(counterDir, 'fail-flaky'), '');
    await expect(orch.runMetric(MAP_ID, 'test.flaky', params)).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
    expect(await store.getState(orch.memoKey(MAP_ID, 'test.flaky', params))).toMatchObject({ state: 'failed', error: { code: 'BAD_PARAMETER' } });
    rmSync(join(counterDir, 'fail-flaky'));
    expect((await orch.runMetric(MAP_ID, 'test.flaky', params)).result).toEqual({ ok: true });
    expect(count('test.flaky')).toBe(2);
  });

  it('a map that is not registered fails with MAP_NOT_REGISTERED', async () => {
    await expect(orch.runMetric('b'.repeat(64), 'test.a', params)).rejects.toMatchObject({ code: 'MAP_NOT_REGISTERED' });
  });

  it('lists the Level 0 sections with the contract\'s field names', () => {
    expect(sectionSpecs(LEVEL0).map((s) => s.field)).toEqual([
      'inputData', 'mass', 'mask', 'background', 'bFactor', 'localResolution', 'localBFactor', 'localOccupancy', 'hand',
    ]);
  });
});

/**
 * Inputs by role through the whole compute path (real PostgreSQL memo, real pool, the maps
 * service attaching files by path): a metric that reads the half maps is keyed by their
 * SHA-256, so one map with two different pairs of half maps keeps two results, and attaching
 * a pair again finds its stored result; Level 0 keys do not change when half maps come.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeMrcFile } from '../../worker-pool/io/mrc/write.js';
import { MetricPool } from '../../worker-pool/pool.js';
import { REAL_MODELS_DIR } from '../../worker-pool/paths.js';
import { syntheticHalfMaps } from '../../worker-pool/testing/half-maps.js';
import { StoreMapsService } from '../maps/service.js';
import { openStore, type Store } from '../store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../store/testing.js';
import { createComputeService, type ComputeService } from './service.js';

const INPUT_METRICS = new URL('../../worker-pool/testing/input-test-metrics.js', import.meta.url).href;
const TEST_METRICS = new URL('../../worker-pool/testing/pool-test-metrics.js', import.meta.url).href;

describe('inputs by role: memo keys hold every input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrs-inputs-'));
  const root = join(dir, 'data');
  process.env.VRS_TEST_COUNTER_DIR = dir; // inherited by the pool's workers
  let db: ScratchDatabase;
  let store: Store;
  let pool: MetricPool;
  let service: ComputeService;
  let maps: StoreMapsService;
  let mapId: string;
  const count = (m: string) => (existsSync(join(dir, `${m}.count`)) ? readFileSync(join(dir, `${m}.count`), 'utf8').length : 0);
  const params = { threshold: 0.5, resolution: null, profile: 'standard' as const, voxelSize: 1.5 };
  const attachA = () => maps.attachHalfMaps(mapId, { path: 'a_half1.mrc' }, { path: 'a_half2.mrc' });
  const attachB = () => maps.attachHalfMaps(mapId, { path: 'b_half1.mrc' }, { path: 'b_half2.mrc' });

  beforeAll(async () => {
    mkdirSync(root);
    // one signal; pair A: low noise, pair B: the same signal with other, stronger noise
    const a = syntheticHalfMaps({ noise: 0.2, noiseSeeds: [11, 12] });
    const b = syntheticHalfMaps({ noise: 0.6, noiseSeeds: [21, 22] });
    const c = syntheticHalfMaps({ noise: 0.4, noiseSeeds: [31, 32] });
    await writeMrcFile(join(root, 'map.mrc'), a.map);
    for (const [name, v] of [['a_half1', a.half1], ['a_half2', a.half2], ['b_half1', b.half1], ['b_half2', b.half2], ['c_half1', c.half1], ['c_half2', c.half2]] as const) {
      await writeMrcFile(join(root, `${name}.mrc`), v);
    }
    copyFileSync(join(REAL_MODELS_DIR, '1A8O.cif.gz'), join(root, '1A8O.cif.gz')); // a temporary copy under the data root
    db = await createScratchDatabase('vrs_test_inputs');
    store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
    maps = new StoreMapsService(store, root);
    mapId = (await maps.registerPath('map.mrc', {})).id;
    const modules = [INPUT_METRICS, TEST_METRICS];
    pool = new MetricPool({ threads: 2, metricModules: modules });
    service = await createComputeService({ dataSource: store.dataSource, url: db.url, where: store.where, blobRoot: store.blobs.root, metricModules: modules, pool });
  });
  afterAll(async () => {
    await service?.close();
    await pool?.close();
    await store?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const m of ['test.halfCorrelation', 'test.halfDerived', 'test.modelAtoms', 'test.a', 'test.mask']) rmSync(join(dir, `${m}.count`), { force: true });
  });

  let levelZeroKeyBefore: unknown;
  let testKeyBefore: unknown;

  it('a metric that needs half maps fails with MAP_INPUT_MISSING while the map has none; map-only metrics run', async () => {
    const orch = service.orchestrator;
    await expect(orch.runMetric(mapId, 'test.halfCorrelation', params)).rejects.toMatchObject({ code: 'MAP_INPUT_MISSING' });
    await expect(orch.runMetric(mapId, 'test.halfDerived', params)).rejects.toMatchObject({ code: 'MAP_INPUT_MISSING' });
    expect(count('test.halfCorrelation')).toBe(0);
    // a map-only metric (and a real Level 0 one) before any half map: keys to compare later
    expect((await orch.runMetric(mapId, 'test.a', params)).fromCache).toBe(false);
    levelZeroKeyBefore = await orch.resolveMemoKey(mapId, 'level0.mass', params);
    testKeyBefore = await orch.resolveMemoKey(mapId, 'test.a', params);
    expect(levelZeroKeyBefore).not.toHaveProperty('inputs');
  });

  it('two pairs of half maps of the same map keep separate results; attaching a pair again finds its stored result', async () => {
    const orch = service.orchestrator;
    const a = await attachA();
    expect(a.halfMaps?.half1.name).toBe('a_half1.mrc');
    const first = await orch.runMetric<{ r: number; shared: boolean }>(mapId, 'test.halfCorrelation', params);
    expect(first.fromCache).toBe(false);
    expect(first.result.shared).toBe(true); // map and halves reached the worker on SharedArrayBuffers
    const rA = first.result.r;
    expect(rA).toBeGreaterThan(0.5);

    // the same map registered again (same file, same id), now with pair B: computed anew
    expect((await maps.registerPath('map.mrc', {})).id).toBe(mapId);
    const b = await attachB();
    expect(b.halfMaps?.half1.sha256).not.toBe(a.halfMaps?.half1.sha256);
    const second = await orch.runMetric<{ r: number }>(mapId, 'test.halfCorrelation', params);
    expect(second.fromCache).toBe(false);
    expect(second.result.r).toBeLessThan(rA - 0.05); // noisier halves correlate less
    expect(count('test.halfCorrelation')).toBe(2);

    // back to A: its stored result, nothing computed
    await attachA();
    const third = await orch.runMetric<{ r: number }>(mapId, 'test.halfCorrelation', params);
    expect(third).toMatchObject({ fromCache: true, result: { r: rA } });
    expect(count('test.halfCorrelation')).toBe(2);

    // the store holds one row per pair, each keyed by its pair's SHA-256
    const rows = (await store.memo.listResults(mapId)).filter((r) => r.metric === 'test.halfCorrelation');
    expect(rows.map((r) => r.inputs).sort((x, y) => x.half1!.localeCompare(y.half1!))).toEqual(
      [a, b].map((p) => ({ half1: p.halfMaps!.half1.sha256, half2: p.halfMaps!.half2.sha256 })).sort((x, y) => x.half1.localeCompare(y.half1)));
    expect(new Set(rows.map((r) => r.inputsHash)).size).toBe(2);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.inputsHash) && r.state === 'done')).toBe(true);
  });

  it("a metric that depends on one reading the half maps is keyed by them too (transitively)", async () => {
    const orch = service.orchestrator;
    await attachB();
    const keyB = await orch.resolveMemoKey(mapId, 'test.halfDerived', params);
    const withB = await orch.runMetric<{ fscLike: number }>(mapId, 'test.halfDerived', params);
    expect(withB.fromCache).toBe(false);
    const a = await attachA();
    const keyA = await orch.resolveMemoKey(mapId, 'test.halfDerived', params);
    expect(keyA.inputs).toEqual({ half1: a.halfMaps!.half1.sha256, half2: a.halfMaps!.half2.sha256 });
    expect(keyB.inputs).not.toEqual(keyA.inputs);
    const withA = await orch.runMetric<{ fscLike: number }>(mapId, 'test.halfDerived', params);
    expect(withA.fromCache).toBe(false);
    expect(withA.result.fscLike).not.toBeCloseTo(withB.result.fscLike, 3);
    expect(count('test.halfCorrelation')).toBe(0); // both pairs' correlations came from the memo
    expect(count('test.halfDerived')).toBe(2);
  });

  it("Level 0 keys do not change when half maps are attached: the row computed before is reused", async () => {
    const orch = service.orchestrator;
    expect((await orch.attachedInputs(mapId)).half1).toBeDefined();
    expect(await orch.resolveMemoKey(mapId, 'level0.mass', params)).toEqual(levelZeroKeyBefore);
    expect(await orch.resolveMemoKey(mapId, 'test.a', params)).toEqual(testKeyBefore);
    expect(orch.inputRoles('level0.mass')).toEqual([]);
    for (const metric of orch.registry.names().filter((n) => n.startsWith('level0.'))) {
      expect(orch.memoKey(mapId, metric, params), metric).not.toHaveProperty('inputs');
    }
    const again = await orch.runMetric(mapId, 'test.a', params);
    expect(again.fromCache).toBe(true);
    expect([count('test.a'), count('test.mask')]).toEqual([0, 0]);
    const row = (await store.memo.listResults(mapId)).find((r) => r.metric === 'test.a')!;
    expect(row).toMatchObject({ inputs: {}, inputsHash: '' });
  });

  it('a model attached by path reaches the metric as typed arrays on shared memory', async () => {
    const orch = service.orchestrator;
    await expect(orch.runMetric(mapId, 'test.modelAtoms', params)).rejects.toMatchObject({ code: 'MAP_INPUT_MISSING' });
    const linked = await maps.attachModel(mapId, { path: '1A8O.cif.gz' });
    expect(linked.model).toMatchObject({ format: 'MMCIF', atoms: 644, chains: ['A'], models: 1 });
    const out = await orch.runMetric<{ atoms: number; chains: string[]; shared: boolean; format: string }>(mapId, 'test.modelAtoms', params);
    expect(out.result).toMatchObject({ atoms: 644, chains: ['A'], shared: true, format: 'MMCIF' });
    expect((await orch.resolveMemoKey(mapId, 'test.modelAtoms', params)).inputs).toEqual({ model: linked.model!.sha256 });
    // the half-map metric's key does not hold the model
    expect(Object.keys((await orch.resolveMemoKey(mapId, 'test.halfCorrelation', params)).inputs!)).toEqual(['half1', 'half2']);
  });

  it('an attached file that changed on disk is refused with INPUT_FILE_MISSING, not used', async () => {
    const orch = service.orchestrator;
    await maps.attachHalfMaps(mapId, { path: 'c_half1.mrc' }, { path: 'c_half2.mrc' });
    // c_half2 is overwritten with other voxels after it was attached
    const other = syntheticHalfMaps({ noise: 0.4, noiseSeeds: [41, 42] });
    await writeMrcFile(join(root, 'c_half2.mrc'), other.half2);
    orch.volumes.clear();
    await expect(orch.runMetric(mapId, 'test.halfCorrelation', params)).rejects.toMatchObject({ code: 'INPUT_FILE_MISSING' });
    expect(count('test.halfCorrelation')).toBe(0);
  });

  it('detached half maps: MAP_INPUT_MISSING again, and their rows stay stored', async () => {
    const orch = service.orchestrator;
    await maps.detachHalfMaps(mapId);
    await expect(orch.runMetric(mapId, 'test.halfCorrelation', params)).rejects.toMatchObject({ code: 'MAP_INPUT_MISSING' });
    const rows = (await store.memo.listResults(mapId)).filter((r) => r.metric === 'test.halfCorrelation' && r.state === 'done');
    expect(rows.length).toBe(2);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricPool } from '../../worker-pool/pool.js';
import { loadRegistry, type MetricRegistry } from '../../worker-pool/metrics/registry.js';
import { renderPhantom } from '../../worker-pool/synthetic/phantom.js';
import { LEVEL0 } from '../../worker-pool/metrics/level0/level.js';
import type { Volume } from '../../worker-pool/volume.js';
import { ComputeOrchestrator } from './orchestrator.js';
import { sectionSpecs } from './levels.js';
import { FixedMapLocator, InMemoryMemoStore } from './testing.js';
import { MemoryBudget, declaredMemory, memoryBudgetFromEnv, parseBytes, taskBytes } from './memory-budget.js';

describe('MemoryBudget', () => {
  it('reads sizes with binary suffixes and refuses what is not a size', () => {
    expect(parseBytes('1024')).toBe(1024);
    expect(parseBytes('1.5G')).toBe(1.5 * 2 ** 30);
    expect(parseBytes('512MiB')).toBe(512 * 2 ** 20);
    expect(parseBytes('2k')).toBe(2048);
    expect(parseBytes('-1G')).toBeNull();
    expect(parseBytes('lots')).toBeNull();
    expect(memoryBudgetFromEnv({ VRS_MEMORY_BUDGET: '3G' })).toBe(3 * 2 ** 30);
    expect(memoryBudgetFromEnv({})).toBeGreaterThan(0);
    expect(() => memoryBudgetFromEnv({ VRS_MEMORY_BUDGET: '3 apples' })).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
  });

  it('starts tasks while they fit, in arrival order, and gives the memory back once', async () => {
    const b = new MemoryBudget(100);
    const order: string[] = [];
    const r1 = await b.acquire(60, 'a');
    const p2 = b.acquire(60, 'b').then((r) => (order.push('b'), r));
    const p3 = b.acquire(30, 'c').then((r) => (order.push('c'), r)); // would fit now, but waits behind b
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    expect(b.inUse).toBe(60);
    r1();
    r1(); // a second call gives nothing back twice
    const [r2, r3] = await Promise.all([p2, p3]);
    expect(order).toEqual(['b', 'c']);
    expect(b.inUse).toBe(90);
    r2();
    r3();
    expect(b.inUse).toBe(0);
    expect(b.peak).toBe(90);
    expect(b.waits).toBe(2);
  });

  it('refuses a task larger than the whole budget with MEMORY_BUDGET_EXCEEDED, and a waiting task can be cancelled', async () => {
    const b = new MemoryBudget(100);
    expect(() => b.check(101, 'x')).toThrow(expect.objectContaining({ code: 'MEMORY_BUDGET_EXCEEDED' }));
    await expect(b.acquire(101, 'x')).rejects.toMatchObject({ code: 'MEMORY_BUDGET_EXCEEDED' });
    const held = await b.acquire(80, 'held');
    const ac = new AbortController();
    const waiting = b.acquire(50, 'waiting', ac.signal);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    held();
    expect(b.inUse).toBe(0);
  });
});

describe('memory budget in the orchestrator (Level 0 on a 48³ phantom)', () => {
  const MAP_ID = 'b'.repeat(64);
  const blobRoot = mkdtempSync(join(tmpdir(), 'vrs-membudget-'));
  const volume: Volume = renderPhantom({ size: 48, voxelSize: 1, resolution: 4, seed: 5 });
  const voxels = 48 ** 3;
  const params = { threshold: 0.25, resolution: 4, profile: 'standard', voxelSize: 1 };
  let pool: MetricPool;
  let registry: MetricRegistry;
  const sections = sectionSpecs(LEVEL0).map((s) => s.metric);

  beforeAll(async () => {
    pool = new MetricPool({ threads: 2 });
    registry = await loadRegistry();
  });
  afterAll(async () => {
    await pool.close();
    rmSync(blobRoot, { recursive: true, force: true });
  });

  const orchestrator = (store: InMemoryMemoStore, memory?: MemoryBudget) =>
    new ComputeOrchestrator({
      store,
      maps: new FixedMapLocator({ [MAP_ID]: '/maps/phantom.map' }),
      loadMap: async () => ({ volume, sha256: MAP_ID }),
      pool,
      registry,
      blobRoot,
      memory,
    });

  /** Every section's result, or its error code, asked all at once as a report does. */
  const runAll = (orch: ComputeOrchestrator) =>
    Promise.all(sections.map((m) => orch.runMetric(MAP_ID, m, params).then((o) => o.result, (e: { code?: string }) => ({ error: e.code }))));

  /** The largest task of Level 0 at these parameters, bytes. */
  const largest = () => Math.max(...registry.names().filter((n) => n.startsWith('level0.')).map((n) => taskBytes(declaredMemory(registry.get(n).memory, params, voxels), voxels)));

  it('a budget smaller than one section needs: MEMORY_BUDGET_EXCEEDED before anything is computed', async () => {
    const store = new InMemoryMemoStore();
    const orch = orchestrator(store, new MemoryBudget(largest() - 1));
    const out = await runAll(orch);
    // 0.e (MonoRes) declares the most: it and only it is refused, before its masks are computed for it
    const refused = sections.filter((_, i) => (out[i] as { error?: string }).error === 'MEMORY_BUDGET_EXCEEDED');
    expect(refused).toEqual(['level0.localResolution']);
    expect([...store.rows.keys()].some((k) => k.includes('level0.localResolution'))).toBe(false);
    const tiny = orchestrator(new InMemoryMemoStore(), new MemoryBudget(1000));
    await expect(tiny.runMetric(MAP_ID, 'level0.mass', params)).rejects.toMatchObject({ code: 'MEMORY_BUDGET_EXCEEDED' });
  });

  it('the check counts the voxels from the maps table when the locator knows them: a refusal reads no map', async () => {
    let reads = 0;
    const maps = Object.assign(new FixedMapLocator({ [MAP_ID]: '/maps/phantom.map' }), { mapVoxels: async () => voxels });
    const orch = new ComputeOrchestrator({
      store: new InMemoryMemoStore(), maps, pool, registry, blobRoot, memory: new MemoryBudget(largest() - 1),
      loadMap: async () => {
        reads++;
        return { volume, sha256: MAP_ID };
      },
    });
    await expect(orch.runMetric(MAP_ID, 'level0.localResolution', params)).rejects.toMatchObject({ code: 'MEMORY_BUDGET_EXCEEDED' });
    expect(reads).toBe(0);
    // without the registered count the check reads the map (once) and refuses the same
    const unknown = new ComputeOrchestrator({
      store: new InMemoryMemoStore(), maps: Object.assign(new FixedMapLocator({ [MAP_ID]: '/maps/phantom.map' }), { mapVoxels: async () => null }),
      pool, registry, blobRoot, memory: new MemoryBudget(largest() - 1),
      loadMap: async () => {
        reads++;
        return { volume, sha256: MAP_ID };
      },
    });
    await expect(unknown.runMetric(MAP_ID, 'level0.localResolution', params)).rejects.toMatchObject({ code: 'MEMORY_BUDGET_EXCEEDED' });
    expect(reads).toBe(1);
  });

  it('a budget that fits the largest task alone and smaller ones two at a time gives the same results as no budget', async () => {
    const free = await runAll(orchestrator(new InMemoryMemoStore()));
    const budget = new MemoryBudget(largest());
    const tight = await runAll(orchestrator(new InMemoryMemoStore(), budget));
    expect(free.every((r) => !(r as { error?: string }).error)).toBe(true);
    expect(tight).toEqual(free);
    expect(budget.waits).toBeGreaterThan(0); // some tasks were queued
    expect(budget.peak).toBeGreaterThan(0);
    expect(budget.peak).toBeLessThanOrEqual(budget.limit);
    expect(budget.inUse).toBe(0);
  }, 300_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrsError } from './errors.js';
import { collectGarbage } from './kernels/memory/collect-garbage.js';
import { MetricPool, TASK_ENTRY, taskTimeLimitMs, taskTimeLimitsFromEnv, type ProgressMessage } from './pool.js';
import { sharedFloat32, type Volume } from './volume.js';

const TEST_METRICS = new URL('./testing/pool-test-metrics.js', import.meta.url).href;

function volumeOf(n: number, fill = 1): Volume {
  const data = sharedFloat32(n * n * n);
  data.fill(fill);
  return { nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('MetricPool', () => {
  let pool: MetricPool;
  let blobRoot: string;
  const mapId = 'f'.repeat(64);
  const run = (metric: string, volume: Volume, opts?: Parameters<MetricPool['run']>[1]) =>
    pool.run({ metric, mapId, volume, params: { threshold: 0.5, resolution: null }, blobRoot }, opts);

  beforeAll(() => {
    blobRoot = mkdtempSync(join(tmpdir(), 'vrs-pool-'));
    pool = new MetricPool({ threads: 2, metricModules: [TEST_METRICS] });
  });
  afterAll(async () => {
    await pool.close();
    rmSync(blobRoot, { recursive: true, force: true });
  });

  it('gives Piscina a CommonJS task file: its require() loads no ES module synchronously (require(esm) aborted a process)', () => {
    // Piscina require()s its file first; an ES module would come back as a namespace object
    // through require(esm), the path that died with "v8::Module::IsGraphAsync must be used on an
    // instantiated module". The CommonJS entry is the handler itself and imports task.js lazily.
    const entry = createRequire(import.meta.url)(TASK_ENTRY);
    expect(typeof entry).toBe('function');
  });

  it('runs a metric on the map and returns its result', async () => {
    const out = await run('test.sum', volumeOf(8, 0.5));
    expect(out.result).toEqual({ sum: 256, voxels: 512, shared: true });
    expect(out.artifacts).toEqual([]);
    expect(out.computeMillis).toBeGreaterThanOrEqual(0);
  });

  it('shares the map with the worker instead of copying it (both see each other\'s writes)', async () => {
    const volume = volumeOf(4, 0);
    const task = run('test.handshake', volume);
    const deadline = Date.now() + 10_000;
    while (volume.data[1] !== 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(volume.data[1]).toBe(7); // written by the worker, seen here
    volume.data[0] = 1; // written here after the task started, seen by the worker
    expect((await task).result).toEqual({ seen: 1 });
  });

  it('frees what a task allocated once it is done (shared buffers, which V8 does not count)', async () => {
    const rssMiB = () => process.memoryUsage.rss() / 2 ** 20;
    collectGarbage();
    const before = rssMiB();
    // four tasks on two workers, each filling and dropping 256 MB: kept, they would hold 1 GB
    await Promise.all([0, 1, 2, 3].map(() => run('test.scratch', volumeOf(2))));
    await new Promise((r) => setTimeout(r, 300));
    collectGarbage();
    expect(rssMiB() - before).toBeLessThan(200);
  });

  it('frees the spectrum a section dropped while its worker computes the next task (not at the next idle moment)', async () => {
    // One worker: E.c (a real section: the map's 256³ spectrum, 67 MB, made and dropped) with a
    // task queued behind it, which starts as soon as the worker is free and computes without
    // yielding. After one mark-compact at the end of E.c the spectrum stayed mapped all through
    // the next task (+75 MB measured; a whole 400³ validate peaked 0.45 GiB higher so: the spectra
    // of the sections before); a full collection frees it (+9 MB).
    const single = new MetricPool({ threads: 1, metricModules: [TEST_METRICS] });
    try {
      const map = volumeOf(256, 0);
      for (let i = 0; i < map.data.length; i++) map.data[i] = Math.sin(i * 0.37);
      const params = { threshold: 0.5, resolution: null, voxelSize: 1 };
      const runOn = (metric: string) => single.run({ metric, mapId, volume: map, params, blobRoot });
      await runOn('test.noop'); // the worker is up
      collectGarbage();
      const before = process.memoryUsage.rss() / 2 ** 20;
      const [spectrum, next] = await Promise.all([runOn('archive.powerSpectrum'), runOn('test.rss-while-busy')]);
      expect((spectrum.result as { points: unknown[] }).points.length).toBeGreaterThan(100);
      expect((next.result as { rssMiB: number }).rssMiB - before).toBeLessThan(40);
    } finally {
      await single.close();
    }
  });

  it('passes a 256 MB map to a worker in about the time of a tiny one (no copy)', async () => {
    const big = volumeOf(400, 1); // 400³ float32 = 256 MB
    const tiny = volumeOf(2, 1);
    const time = async (v: Volume) => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        await run('test.noop', v);
        samples.push(performance.now() - t0);
      }
      return median(samples);
    };
    await time(tiny); // warm both workers
    const tTiny = await time(tiny);
    const tBig = await time(big);
    console.log(`round trip of a no-op task, median of 7: 2³ map ${tTiny.toFixed(3)} ms, 400³ (256 MB) map ${tBig.toFixed(3)} ms`);
    // A structured-clone copy of 256 MB costs ~500 ms here; sharing costs nothing measurable.
    expect(tBig - tTiny).toBeLessThan(20);
  });

  it('forwards progress messages to the callback, all of them delivered when run() resolves', async () => {
    // The result travels on another port than the progress and can overtake it: repeated so
    // that a run where it does is among them.
    for (let i = 0; i < 20; i++) {
      const seen: ProgressMessage[] = [];
      await run('test.progress', volumeOf(2), { onProgress: (p) => seen.push(p) });
      expect(seen).toEqual([
        { fraction: 0.25, phase: 'first' },
        { fraction: 0.5, phase: 'second' },
        { fraction: 1, phase: 'done' },
      ]);
    }
  });

  it('keeps the VrsError code of a throwing task, which fails alone', async () => {
    const [bad, good] = await Promise.allSettled([run('test.throws', volumeOf(2)), run('test.sum', volumeOf(2, 1))]);
    expect(bad.status).toBe('rejected');
    const error = (bad as PromiseRejectedResult).reason as VrsError;
    expect(error).toBeInstanceOf(VrsError);
    expect(error.code).toBe('BAD_PARAMETER');
    expect(error.message).toBe('threshold 99 is above the map maximum 3.2; choose a threshold in [−1, 3.2].');
    expect(good.status).toBe('fulfilled');
  });

  it('an unknown metric fails with UNKNOWN_METRIC', async () => {
    await expect(run('test.nope', volumeOf(2))).rejects.toMatchObject({ code: 'UNKNOWN_METRIC' });
  });

  it('a crashing worker fails only its task and the pool recovers', async () => {
    const [crashed, sibling] = await Promise.allSettled([run('test.crash', volumeOf(2)), run('test.sum', volumeOf(3, 1))]);
    expect((crashed as PromiseRejectedResult).reason).toMatchObject({ code: 'WORKER_CRASHED' });
    expect(sibling).toMatchObject({ status: 'fulfilled', value: { result: { sum: 27 } } });
    for (let i = 0; i < 3; i++) expect((await run('test.sum', volumeOf(2, 1))).result).toMatchObject({ sum: 8 });
  });

  it('cancels a running task through its AbortSignal, and the next task works', async () => {
    const controller = new AbortController();
    const t0 = performance.now();
    const task = run('test.slow', volumeOf(2), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(task).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect((await run('test.sum', volumeOf(2, 1))).result).toMatchObject({ sum: 8 });
  });

  it('writes artifacts into the blob store and reads them back', async () => {
    const out = await run('test.artifact', volumeOf(5));
    const { ref, back } = out.result as { ref: { sha256: string; role: string }; back: string };
    expect(back).toBe('mask of 5 voxels');
    expect(out.artifacts).toEqual([ref]);
    expect(ref).toMatchObject({ role: 'hardMask', mediaType: 'application/x-mrc', sizeBytes: 16 });
  });
});

describe('MetricPool time limits', () => {
  let pool: MetricPool;
  let blobRoot: string;
  const mapId = 'e'.repeat(64);
  const LIMIT_MS = 1_500;
  const run = (metric: string, volume: Volume, cost?: number) =>
    pool.run({ metric, mapId, volume, params: { threshold: 0.5, resolution: null }, blobRoot, cost });

  beforeAll(() => {
    blobRoot = mkdtempSync(join(tmpdir(), 'vrs-pool-limits-'));
    pool = new MetricPool({ threads: 2, metricModules: [TEST_METRICS], timeLimits: { factor: 1, minMs: LIMIT_MS } });
  });
  afterAll(async () => {
    await pool.close();
    rmSync(blobRoot, { recursive: true, force: true });
  });

  it('derives the limit from the declared cost and the map size, with a floor', () => {
    const limits = { factor: 10, minMs: 60_000 };
    expect(taskTimeLimitMs(1, 400 ** 3, limits)).toBe(640_000); // 10 × 1 s/Mvoxel × 64 Mvoxels
    expect(taskTimeLimitMs(0.25, 400 ** 3, limits)).toBe(160_000);
    expect(taskTimeLimitMs(1, 16 ** 3, limits)).toBe(60_000);
    expect(taskTimeLimitsFromEnv({ VRS_TASK_TIME_FACTOR: '3', VRS_TASK_MIN_SECONDS: '5' })).toEqual({ factor: 3, minMs: 5_000 });
    expect(taskTimeLimitsFromEnv({ VRS_TASK_TIME_FACTOR: 'x', VRS_TASK_MIN_SECONDS: '-1' })).toEqual({ factor: 30, minMs: 60_000 });
  });

  it('stops two runaway synchronous tasks at their limit, freeing both threads; a queued task then runs', async () => {
    const t0 = performance.now();
    const hostile = [run('test.spin', volumeOf(2)), run('test.spin', volumeOf(2))];
    const queued = run('test.sum', volumeOf(2, 1));
    // both threads busy, one task waiting: the pool says so
    const deadline = Date.now() + 5_000;
    while (pool.load().running < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(pool.load()).toMatchObject({ threads: 2, running: 2, queued: 1, saturated: true });
    const settled = await Promise.allSettled(hostile);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      const error = (s as PromiseRejectedResult).reason as VrsError;
      expect(error).toMatchObject({ code: 'TASK_TIME_LIMIT' });
      expect(error.message).toContain(`time limit of ${Math.round(LIMIT_MS / 1000)} s`);
    }
    const stoppedAfter = performance.now() - t0;
    expect(stoppedAfter).toBeGreaterThanOrEqual(LIMIT_MS - 50);
    expect(stoppedAfter).toBeLessThan(LIMIT_MS + 5_000);
    expect((await queued).result).toMatchObject({ sum: 8 }); // ran on a freed thread
    expect(pool.load()).toMatchObject({ running: 0, queued: 0, saturated: false });
    // the replacement workers take new work at once
    expect((await run('test.sum', volumeOf(3, 1))).result).toMatchObject({ sum: 27 });
  });

  it('counts the limit from the start of the task, not from its submission (a queued task is not timed out)', async () => {
    // three tasks of ~1 s each on two threads: the third waits ~1 s, then runs ~1 s, done
    // 2 s after submission, more than the 1.5 s limit, yet within its own limit
    const slowish = await Promise.all([0, 1, 2].map(() => run('test.spin-briefly', volumeOf(2))));
    for (const out of slowish) expect(out.result).toMatchObject({ spunMs: expect.any(Number) });
  });
});

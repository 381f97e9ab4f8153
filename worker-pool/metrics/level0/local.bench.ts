/**
 * Level 0 local analyses 0.e–0.g on a 400³ map at 1.5 Å with R = 8.9 Å (the example report's
 * setting): a dense random object (sphere of radius 110 voxels) blurred by B = 200 Å² and
 * low-passed at 8.9 Å, plus noise. Runs the registry metrics (masks and the resampled map are
 * their inputs, timed apart), both cores for the FFTs. Prints seconds per section (median of
 * LOCAL_BENCH_RUNS runs, default 1). 0.h belongs to another module and is not timed here.
 * `npm run bench -- local`
 */
import { cpus, loadavg } from 'node:os';
import type { BenchRow } from '../../../e2e/bench/run.js';
import { sharedFloat32, type Volume } from '../../volume.js';
import { irfft3d, rfft3d, shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import { applyRadialFilter, lowPassGain } from '../../kernels/fourier/filters.js';
import { percentiles } from '../../kernels/stats/index.js';
import { gaussian, mulberry32 } from '../../synthetic/random.js';
import type { Level0Params } from '../types.js';
import { memoryMetricContext } from '../memory-context.js';
import { level0Metrics } from './index.js';

export const name = 'level0 local analyses 0.e–0.g';

const N = Number(process.env.LOCAL_BENCH_N ?? 400);
const TS = 1.5;
const R = 8.9;

function benchMap(n: number): Volume {
  const rnd = mulberry32(42);
  const data = sharedFloat32(n * n * n);
  const c = n / 2, rad = (110 / 400) * n;
  let i = 0;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++, i++) if ((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 < rad * rad) data[i] = rnd() < 0.3 ? 1 + rnd() : 0;
  const d = { nx: n, ny: n, nz: n };
  const spec = rfft3d(data, d, { normalize: 'forward' });
  applyRadialFilter(spec, d, (f) => Math.exp((-200 * (f / TS) ** 2) / 4) * lowPassGain(f, TS / R));
  const map = irfft3d(spec, d, { normalize: 'forward', overwriteInput: true });
  const noise = mulberry32(43);
  for (let j = 0; j < map.length; j++) map[j]! += 0.02 * gaussian(noise);
  return { nx: n, ny: n, nz: n, data: map, voxelSize: { x: TS, y: TS, z: TS }, origin: { x: 0, y: 0, z: 0 } };
}

const WANTED = ['level0.masks', 'level0.resampled', 'level0.localResolution', 'level0.localBFactor', 'level0.localOccupancy'];

async function runOnce(volume: Volume, params: Level0Params): Promise<Record<string, number>> {
  const blobs = new Map<string, Uint8Array>();
  const results: Record<string, unknown> = {};
  const seconds: Record<string, number> = {};
  for (const name of WANTED) {
    const m = level0Metrics.find((x) => x.name === name)!;
    const ctx = memoryMetricContext(volume, params, Object.fromEntries(m.dependsOn.map((d) => [d, results[d]])), blobs);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    results[name] = await m.compute(ctx);
    seconds[name] = (performance.now() - t0) / 1000;
    // CPU seconds of the whole process (FFT helper threads included): a load-independent figure
    const c = process.cpuUsage(c0);
    seconds[`${name} cpu`] = (c.user + c.system) / 1e6;
    const r = results[name] as { status?: string; percentiles?: { p50: number } | null };
    if (r.status) console.log(`${name}: ${r.status}, median ${r.percentiles?.p50?.toFixed(2)} (${seconds[name]!.toFixed(1)} s)`);
  }
  const parts = ['level0.localResolution', 'level0.localBFactor', 'level0.localOccupancy', 'level0.resampled'];
  seconds['0.e–0.g total'] = parts.reduce((a, k) => a + seconds[k]!, 0);
  seconds['0.e–0.g total cpu'] = parts.reduce((a, k) => a + seconds[`${k} cpu`]!, 0);
  return seconds;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

export async function run(): Promise<BenchRow[]> {
  const volume = benchMap(N);
  const threshold = percentiles(volume.data, [95])[0]!;
  const params: Level0Params = { threshold, resolution: R, profile: 'standard', voxelSize: TS };
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const runs: Record<string, number>[] = [];
  const count = Number(process.env.LOCAL_BENCH_RUNS ?? 1);
  for (let i = 0; i < count; i++) runs.push(await runOnce(volume, params));
  shutdownFftThreads();
  const threads = cpus().length;
  return Object.keys(runs[0]!).map((k) => ({
    operation: k,
    size: `${N}³ at ${TS} Å, R ${R} Å`,
    medianSeconds: median(runs.map((r) => r[k]!)),
    threads,
    note: k.endsWith(' cpu') ? 'CPU seconds (all threads), not wall time' : k === '0.e–0.g total' ? 'resampling + 0.e + 0.f + 0.g (0.h timed by its own bench); target 0.e–0.h ≤ 60 s' : k === 'level0.masks' ? 'input, not in total' : '',
  }));
}

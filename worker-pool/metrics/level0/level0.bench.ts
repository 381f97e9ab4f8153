/**
 * Level 0 sections 0.a–0.d with all their figures on a synthetic 400³ map (Gaussian blobs
 * plus noise), both cores for the FFTs. Prints the median seconds per metric over 3 runs.
 * `npm run bench -- level0`
 */
import { cpus } from 'node:os';
import type { BenchRow } from '../../../e2e/bench/run.js';
import { sharedFloat32, type Volume } from '../../volume.js';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import type { Level0Params } from '../types.js';
import { memoryMetricContext } from '../memory-context.js';
import { level0Metrics } from './index.js';

export const name = 'level0 sections 0.a–0.d';

/** n³ map: a ring of blobs around the centre plus Gaussian-ish noise (deterministic). */
export function syntheticMap(n: number): Volume {
  const data = sharedFloat32(n * n * n);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  const blobs = Array.from({ length: 14 }, (_, k) => ({
    x: n / 2 + (n / 5) * Math.cos((2 * Math.PI * k) / 14),
    y: n / 2 + (n / 5) * Math.sin((2 * Math.PI * k) / 14),
    z: n / 2 + (k % 2 ? n / 12 : -n / 12),
    s: n / 30,
  }));
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        let v = 0.3 * (rnd() + rnd() + rnd());
        for (const b of blobs) {
          const r2 = (x - b.x) ** 2 + (y - b.y) ** 2 + (z - b.z) ** 2;
          if (r2 < 16 * b.s * b.s) v += Math.exp(-r2 / (2 * b.s * b.s));
        }
        data[x + n * (y + n * z)] = v;
      }
  return { nx: n, ny: n, nz: n, data, voxelSize: { x: 1.2, y: 1.2, z: 1.2 }, origin: { x: 0, y: 0, z: 0 } };
}

async function runOnce(volume: Volume, params: Level0Params): Promise<Record<string, number>> {
  const blobs = new Map<string, Uint8Array>();
  const results: Record<string, unknown> = {};
  const seconds: Record<string, number> = {};
  // this bench's metrics only: 0.a–0.d with masks and figures (+ the resampling, reported
  // apart); the threshold is given, and 0.e–0.h have their own benches
  for (const m of level0Metrics.filter((x) => SECTIONS_0A_0D.includes(x.name))) {
    const ctx = memoryMetricContext(volume, params, Object.fromEntries(m.dependsOn.map((d) => [d, results[d]])), blobs);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    results[m.name] = await m.compute(ctx);
    seconds[m.name] = (performance.now() - t0) / 1000;
    // CPU seconds of the whole process (FFT helper threads included): a load-independent figure
    const c = process.cpuUsage(c0);
    seconds[`${m.name} cpu`] = (c.user + c.system) / 1e6;
  }
  // 0.a–0.d with their figures: everything but the resampling for 0.f/0.g (a row of its own)
  const inTotal = (k: string) => !k.startsWith('level0.resampled');
  seconds['total'] = Object.entries(seconds).filter(([k]) => inTotal(k) && !k.endsWith(' cpu')).reduce((a, [, b]) => a + b, 0);
  seconds['total cpu'] = Object.entries(seconds).filter(([k]) => inTotal(k) && k.endsWith(' cpu')).reduce((a, [, b]) => a + b, 0);
  return seconds;
}

const SECTIONS_0A_0D = ['level0.masks', 'level0.inputData', 'level0.mass', 'level0.mask', 'level0.background', 'level0.bFactor', 'level0.resampled'];

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

export async function run(): Promise<BenchRow[]> {
  const n = Number(process.env.LEVEL0_BENCH_N ?? 400);
  const volume = syntheticMap(n);
  const params: Level0Params = { threshold: 0.5, resolution: 4, profile: 'standard', voxelSize: 1.2 };
  const runs: Record<string, number>[] = [];
  const repeats = Number(process.env.LEVEL0_BENCH_RUNS ?? 3);
  for (let i = 0; i < repeats; i++) runs.push(await runOnce(volume, params));
  shutdownFftThreads();
  const threads = cpus().length;
  return Object.keys(runs[0]!).map((k) => ({
    operation: k,
    size: `${n}³`,
    medianSeconds: median(runs.map((r) => r[k]!)),
    threads,
    note: k.endsWith(' cpu')
      ? 'CPU seconds (all threads), not wall time'
      : k === 'total'
        ? 'masks + figures + 0.a–0.d; target ≤ 15 s'
        : k === 'level0.resampled'
          ? 'for 0.f/0.g, not in total'
          : '',
  }));
}

/**
 * `npm run bench -- fft`: 3D real FFT forward and inverse at 128³ … 400³ with 1 and 2 threads,
 * and Guinier shell averaging. Median wall seconds of several runs; the note gives the median
 * process CPU seconds (all threads) and the load average, since other jobs share the machine.
 */
import { loadavg } from 'node:os';
import type { BenchRow } from '../../../e2e/bench/run.js';
import { sharedFloat32 } from '../../volume.js';
import { shellStatistics } from '../fourier/shells.js';
import { allocateSpectrum, irfft3d, rfft3d, shutdownFftThreads } from './fft3d.js';
import type { EngineKind } from './engines.js';

export const name = 'fft';

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1]!;
}

function measure(reps: number, fn: () => void): { wall: number; cpu: number } {
  fn(); // warm-up: plans, helper threads, JIT
  const wall: number[] = [], cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    fn();
    const dt = (performance.now() - t0) / 1000, dc = process.cpuUsage(c0);
    wall.push(dt);
    cpu.push((dc.user + dc.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes = (process.env.FFT_BENCH_SIZES ?? '128,256,360,400').split(',').map(Number);
  const engines = (process.env.FFT_BENCH_ENGINES ?? 'wasm').split(',') as EngineKind[];
  for (const n of sizes) {
    const d = { nx: n, ny: n, nz: n };
    const v = sharedFloat32(n ** 3);
    for (let i = 0; i < v.length; i++) v[i] = Math.sin(i * 0.37) + Math.cos(i * 0.011);
    const spec = allocateSpectrum(d);
    const back = sharedFloat32(n ** 3);
    const reps = n >= 360 ? 5 : 7;
    for (const engine of engines) {
      for (const threads of [1, 2]) {
        const note = (m: { cpu: number }) => `${engine}; cpu ${m.cpu.toFixed(3)} s; load ${loadavg()[0]!.toFixed(1)}`;
        const f = measure(reps, () => rfft3d(v, d, { normalize: 'forward', threads, engine }, spec));
        rows.push({ operation: 'rfft3d forward', size: `${n}³`, medianSeconds: f.wall, threads, note: note(f) });
        const i = measure(reps, () => irfft3d(spec, d, { normalize: 'forward', threads, engine, overwriteInput: true }, back));
        rows.push({ operation: 'irfft3d inverse', size: `${n}³`, medianSeconds: i.wall, threads, note: note(i) + ' (overwriteInput)' });
      }
    }
    const s = measure(reps, () => shellStatistics(spec, d));
    rows.push({ operation: 'shell sums |F|, |F|²', size: `${n}³`, medianSeconds: s.wall, threads: 1, note: `cpu ${s.cpu.toFixed(3)} s` });
  }
  await shutdownFftThreads();
  return rows;
}

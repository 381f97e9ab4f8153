/**
 * Level 1 at 400³ on both cores: 1.a (all curves: eight FFTs, the masked ones pruned — zero mask
 * planes, no real box in the randomised round trip, no columns beyond the last shell — and
 * parallel passes over the coefficients; unmasked, masked, phase-randomised, corrected, DPR,
 * SSNR, logistic fit) and 1.b (SPOC permutation test), on half maps of known spectra, the
 * soft mask given (Level 0's masks metric is benched with Level 0). Median of 3 runs, and the
 * process's peak resident memory (run it alone for a clean figure: `npm run bench -- level1`).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { BenchRow } from '../../../e2e/bench/run.js';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import { sharedMemoryAllocator } from '../../kernels/memory/shared-memory.js';
import { spectralHalfMaps } from '../../testing/half-maps.js';
import { computeGlobalResolution } from './global-resolution/compute.js';
import { circularMask, computeFscPermutation } from './fsc-permutation/compute.js';

export const name = 'level1 sections 1.a, 1.b';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

/**
 * CPU seconds of the calling thread alone (Linux /proc/thread-self/stat, 10 ms ticks; NaN elsewhere).
 * The calling thread does its share of every parallel pass plus everything serial, and waits only
 * for the helper's last chunk: on idle cores the wall time is close to (just above) this figure.
 */
function threadCpu(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
const peakMiB = () => process.resourceUsage().maxRSS / 1024;

export async function run(): Promise<BenchRow[]> {
  const n = Number(process.env.LEVEL1_BENCH_N ?? 400);
  const voxelSize = 1.2;
  const d = { nx: n, ny: n, nz: n };
  const h = spectralHalfMaps({ n, voxelSize, amplitude: 3, width: 0.12, noise: 1, seed: 5 });
  const mask = circularMask(d, n / 3);
  const inputs = peakMiB();
  const times: Record<string, number[]> = { a: [], aCpu: [], aMain: [], b: [], bCpu: [], bMain: [] };
  const threads = Number(process.env.LEVEL1_BENCH_THREADS ?? cpus().length);
  // wall seconds, and CPU seconds of the whole process (FFT helper threads included): a
  // figure that does not grow when other processes share the cores
  const timed = (key: string, f: () => unknown) => {
    const t0 = performance.now(), c0 = process.cpuUsage(), m0 = threadCpu();
    f();
    const c = process.cpuUsage(c0);
    times[key]!.push((performance.now() - t0) / 1000);
    times[`${key}Cpu`]!.push((c.user + c.system) / 1e6);
    times[`${key}Main`]!.push(threadCpu() - m0);
  };
  for (let i = 0; i < Number(process.env.LEVEL1_BENCH_RUNS ?? 3); i++) {
    timed('a', () => computeGlobalResolution({ half1: h.half1.data, half2: h.half2.data, dims: d, voxelSize, mask, resolution: 3, profile: 'standard', threads }));
    timed('b', () => computeFscPermutation({ half1: h.half1.data, half2: h.half2.data, dims: d, voxelSize, resolution: 3, threads }));
  }
  const peak = peakMiB();
  const load = loadavg()[0]!.toFixed(1);
  await shutdownFftThreads();
  const row = (operation: string, key: string, note: string): BenchRow => ({ operation, size: `${n}³`, medianSeconds: median(times[key]!), threads, note });
  return [
    row('1.a globalResolution', 'a', `target ≤ 3 s; process peak RSS ${peak.toFixed(0)} MiB (${inputs.toFixed(0)} MiB once the two halves and the mask were made)`),
    row('1.a globalResolution cpu', 'aCpu', `CPU seconds (all threads), not wall time; load average ${load} at the end; per run ${times.aCpu!.map((c) => c.toFixed(2)).join(', ')} (the first allocates the spectra, the others reuse them: kernels/memory)`),
    row('1.a globalResolution main-thread cpu', 'aMain', `CPU seconds of the calling thread: about the wall time on idle cores; per run ${times.aMain!.map((c) => c.toFixed(2)).join(', ')}; huge pages: ${JSON.stringify(sharedMemoryAllocator())}`),
    row('1.b fscPermutation', 'b', 'two FFTs + one pass of moments; shells ≤ 4000 coefficients permuted 1000 times'),
    row('1.b fscPermutation cpu', 'bCpu', 'CPU seconds (all threads), not wall time'),
  ];
}

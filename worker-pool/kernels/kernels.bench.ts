/**
 * Benchmarks of the real-space kernels on a realistic map: a sum of Gaussian blobs (the
 * "molecule") plus uniform noise, thresholded so the mask has one big body and many
 * small noise islands, as a raw VRS mask does. Single-threaded kernels.
 */
import type { BenchRow } from '../../e2e/bench/run.js';
import type { Dims } from '../volume.js';
import { mulberry32 } from '../synthetic/random.js';
import { labelComponents, thresholdMask } from './labels.js';
import { dilate, dilateBall } from './morphology.js';
import { percentiles, summaryStats } from './stats/index.js';

export const name = 'kernels: labels, morphology, statistics';

/** Blobs of radius ~n/16 around the box centre plus noise in [−0.5, 0.5). */
export function blobMap(n: number, seed = 1): { data: Float32Array; dims: Dims } {
  const dims = { nx: n, ny: n, nz: n };
  const data = new Float32Array(n * n * n);
  const rand = mulberry32(seed);
  for (let i = 0; i < data.length; i++) data[i] = rand() - 0.5;
  const sigma = n / 24;
  const reach = Math.ceil(3 * sigma);
  for (let b = 0; b < 40; b++) {
    const cx = n * (0.3 + 0.4 * rand());
    const cy = n * (0.3 + 0.4 * rand());
    const cz = n * (0.3 + 0.4 * rand());
    const x0 = Math.max(0, Math.floor(cx - reach)), x1 = Math.min(n - 1, Math.ceil(cx + reach));
    const y0 = Math.max(0, Math.floor(cy - reach)), y1 = Math.min(n - 1, Math.ceil(cy + reach));
    const z0 = Math.max(0, Math.floor(cz - reach)), z1 = Math.min(n - 1, Math.ceil(cz + reach));
    for (let z = z0; z <= z1; z++)
      for (let y = y0; y <= y1; y++)
        for (let x = x0; x <= x1; x++) {
          const r2 = (x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2;
          data[x + n * (y + n * z)] += 2 * Math.exp(-r2 / (2 * sigma * sigma));
        }
  }
  return { data, dims };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Median wall seconds and median CPU seconds of this process. Other jobs share the two
 * cores while benchmarks run, so CPU time is the steadier figure of the kernel's own cost.
 */
function time(fn: () => void, repeats: number): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const c = process.cpuUsage(c0);
    wall.push((performance.now() - t0) / 1000);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function row(operation: string, size: string, t: { wall: number; cpu: number }, note = ''): BenchRow {
  return { operation, size, medianSeconds: t.wall, threads: 1, note: `cpu ${t.cpu.toFixed(3)} s${note ? '; ' + note : ''}` };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes = (process.env.KERNEL_BENCH_SIZES ?? '128,256,360,400').split(',').map(Number);
  for (const n of sizes) {
    const size = `${n}³`;
    const repeats = n >= 360 ? 3 : 5;
    const { data, dims } = blobMap(n);
    // 0.5 % of the noise voxels pass the threshold: one big body plus many small islands.
    const mask = thresholdMask(data, 0.495);
    const labels = new Int32Array(data.length);
    let note = '';
    const labelTime = time(() => {
      const r = labelComponents(mask, dims, 26, labels);
      note = `${r.count} components, largest ${r.sizes[r.order[0]!]} voxels`;
    }, repeats);
    rows.push(row('label 26-conn (+ label image)', size, labelTime, note));
    rows.push(row('label 26-conn (sizes only)', size, time(() => labelComponents(mask, dims, 26), repeats)));
    const out = new Uint8Array(data.length);
    rows.push(row('dilate sphere r=5', size, time(() => dilateBall(mask, dims, 5, out), repeats)));
    const dil = { neighbourhood: 18, iterations: 2, border: 'xmipp' } as const;
    rows.push(row('dilate 18-neigh ×2 (xmipp border)', size, time(() => dilate(mask, dims, dil, out), repeats)));
    rows.push(row('statistics (min/max/mean/std)', size, time(() => summaryStats(data), repeats)));
    rows.push(row('percentiles 2.5/25/50/75/97.5', size, time(() => percentiles(data, [2.5, 25, 50, 75, 97.5]), repeats)));
  }
  return rows;
}

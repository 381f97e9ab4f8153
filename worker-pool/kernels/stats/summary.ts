/**
 * Summary statistics of a map or of its masked voxels, accumulated in float64.
 * Sums are taken in blocks of 4096 values and the block sums added (rounding error grows
 * with log N rather than N), and the variance is the two-pass sum of squared deviations.
 */
import type { Dims, Vec3 } from '../../volume.js';

export type Values = Float32Array | Float64Array;

export interface SummaryStats {
  /** Number of voxels used (all, or those with mask ≠ 0). */
  count: number;
  min: number;
  max: number;
  sum: number;
  mean: number;
  /** Σ(v − mean)² / count (numpy var, ddof = 0). */
  variancePopulation: number;
  /** ddof = 0. */
  stdPopulation: number;
  /** ddof = 1 (NaN when count < 2). */
  stdSample: number;
}

const BLOCK = 4096;

function checkMask(data: Values, mask: Uint8Array | null | undefined): void {
  if (mask && mask.length !== data.length) throw new RangeError('mask must have one element per value');
}

// The hot loops sit in small functions called once per block: V8 optimises them after a few
// calls, whereas a long loop in one big function runs unoptimised until on-stack replacement
// (the first call over a 400³ map took twice as long as the next ones).

/** Running min, max and count of the blocks summed so far. */
interface Extremes {
  min: number;
  max: number;
  count: number;
}

/** Σ data[b..e) into a block sum, updating the extremes; with a mask, only where (mask ≠ 0) ≠ outside. */
function blockSum(data: Values, mask: Uint8Array | null | undefined, outside: boolean, b: number, e: number, x: Extremes): number {
  let s = 0;
  let min = x.min;
  let max = x.max;
  if (!mask) {
    for (let i = b; i < e; i++) {
      const v = data[i]!;
      s += v;
      // Math.min/max compile to branch-free instructions: 3× faster than if-chains here.
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    x.count += e - b;
  } else {
    const want = outside ? 0 : 1;
    let count = 0;
    for (let i = b; i < e; i++) {
      if ((mask[i] === 0 ? 0 : 1) !== want) continue;
      const v = data[i]!;
      s += v;
      count++;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    x.count += count;
  }
  x.min = min;
  x.max = max;
  return s;
}

/** Σ(v − mean)² over data[b..e), with the mask rule of blockSum. */
function blockSquares(data: Values, mask: Uint8Array | null | undefined, outside: boolean, b: number, e: number, mean: number): number {
  let s = 0;
  if (!mask) {
    for (let i = b; i < e; i++) {
      const d = data[i]! - mean;
      s += d * d;
    }
    return s;
  }
  const want = outside ? 0 : 1;
  for (let i = b; i < e; i++) {
    if ((mask[i] === 0 ? 0 : 1) !== want) continue;
    const d = data[i]! - mean;
    s += d * d;
  }
  return s;
}

/**
 * min, max, mean and both standard deviations; with a mask only voxels where mask ≠ 0, or with
 * `outside` only those where mask = 0 (the background of a hard mask, without building its complement).
 */
export function summaryStats(data: Values, mask?: Uint8Array | null, outside = false): SummaryStats {
  checkMask(data, mask);
  const n = data.length;
  const x: Extremes = { min: Infinity, max: -Infinity, count: 0 };
  let sum = 0;
  for (let b = 0; b < n; b += BLOCK) sum += blockSum(data, mask, outside, b, Math.min(n, b + BLOCK), x);
  const { count, min, max } = x;
  const mean = count > 0 ? sum / count : NaN;
  let ss = 0;
  for (let b = 0; b < n; b += BLOCK) ss += blockSquares(data, mask, outside, b, Math.min(n, b + BLOCK), mean);
  const variancePopulation = count > 0 ? ss / count : NaN;
  return {
    count,
    min: count > 0 ? min : NaN,
    max: count > 0 ? max : NaN,
    sum,
    mean,
    variancePopulation,
    stdPopulation: Math.sqrt(variancePopulation),
    stdSample: count > 1 ? Math.sqrt(ss / (count - 1)) : NaN,
  };
}

/**
 * Centre of mass of signed values, in voxel index units (scipy.ndimage.center_of_mass:
 * Σ v·coord / Σ v over all voxels, or over mask ≠ 0 when a mask is given).
 */
export function centreOfMass(data: Values, dims: Dims, mask?: Uint8Array | null): Vec3 {
  checkMask(data, mask);
  const { nx, ny, nz } = dims;
  if (data.length !== nx * ny * nz) throw new RangeError('data length does not match dims');
  let total = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (let z = 0; z < nz; z++) {
    let plane = 0;
    let py = 0;
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      let row = 0;
      let rx = 0;
      for (let x = 0; x < nx; x++) {
        if (mask && mask[o + x] === 0) continue;
        const v = data[o + x]!;
        row += v;
        rx += v * x;
      }
      plane += row;
      py += row * y;
      sx += rx;
    }
    total += plane;
    sy += py;
    sz += plane * z;
  }
  return { x: sx / total, y: sy / total, z: sz / total };
}

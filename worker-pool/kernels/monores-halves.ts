/**
 * MonoRes from half maps (Vilas et al. 2018, the half-map mode; VRS 1.e): MonoRes on the halves'
 * average with the noise of their half-difference (monores.ts, option `noise`), inside a mask.
 * Pure: arrays in, the local-resolution map out (Å inside the mask, 0 outside).
 */
import type { Dims } from '../volume.js';
import { sharedFloat32 } from '../volume.js';
import { monoRes, type MonoResOptions, type MonoResResult } from './monores.js';
import { nextSmooth235 } from './fft/plan1d.js';
import { fourierResample } from './fourier/resample.js';
import { interpolateGrid } from './local-fsc.js';
import { percentiles } from './stats/index.js';

export type HalfMonoResOptions = Omit<MonoResOptions, 'noise'>;

/** The halves' average and half-difference (h1 − h2)/2: the same noise power, no signal in the second. */
export function averageAndNoise(h1: Float32Array, h2: Float32Array): { average: Float32Array; noise: Float32Array } {
  const average = sharedFloat32(h1.length), noise = sharedFloat32(h1.length);
  for (let i = 0; i < h1.length; i++) {
    average[i] = 0.5 * (h1[i]! + h2[i]!);
    noise[i] = 0.5 * (h1[i]! - h2[i]!);
  }
  return { average, noise };
}

/** MonoRes on (h1 + h2)/2 with noise from (h1 − h2)/2, measured at the voxels of `mask`. */
export function monoResFromHalves(h1: Float32Array, h2: Float32Array, d: Dims, mask: Uint8Array, o: HalfMonoResOptions): MonoResResult {
  const { average, noise } = averageAndNoise(h1, h2);
  const regions = new Int8Array(mask.length);
  for (let i = 0; i < mask.length; i++) regions[i] = mask[i] ? 1 : -1;
  return monoRes(average, d, regions, { ...o, noise });
}

/** Smallest even 2^a·3^b·5^c ≥ n. */
function nextEvenSmooth(n: number): number {
  let m = nextSmooth235(Math.max(2, n));
  while (m % 2) m = nextSmooth235(m + 1);
  return m;
}

export interface BandLimitedMonoRes {
  /** Å at every voxel of the mask, 0 elsewhere (on the caller's grid) */
  resolution: Float32Array;
  /** Å/voxel the sweep ran at */
  voxelSize: number;
  /** box edge the sweep ran on */
  box: number;
}

/**
 * monoResFromHalves on a cubic box Fourier-cropped so that its Nyquist is `limit` (1/Å): where
 * both halves hold only noise beyond `limit`, that band adds the same noise to the average and
 * to the difference and nothing else, and dropping it makes every sweep step (12 FFTs)
 * (2·limit·Ts)⁻³ times cheaper. The result is interpolated back (trilinear) to the voxels of the
 * mask; unmeasured neighbours take the median first so the mask's edge is not pulled towards 0.
 * Without a saving (limit at or beyond Nyquist) it is monoResFromHalves itself.
 */
export function bandLimitedMonoResFromHalves(h1: Float32Array, h2: Float32Array, d: Dims, mask: Uint8Array, o: HalfMonoResOptions, limit: number): BandLimitedMonoRes {
  const S = d.nx;
  if (d.ny !== S || d.nz !== S) throw new RangeError(`band-limited MonoRes needs a cubic box, got ${d.nx}×${d.ny}×${d.nz}`);
  const M = nextEvenSmooth(Math.ceil(2 * limit * o.voxelSize * S));
  if (M >= S) return { resolution: monoResFromHalves(h1, h2, d, mask, o).resolution, voxelSize: o.voxelSize, box: S };
  const e = { nx: M, ny: M, nz: M };
  const ts = (o.voxelSize * S) / M;
  const a = fourierResample(h1, d, e, o.threads), b = fourierResample(h2, d, e, o.threads);
  // the mask at the coarse positions j·S/M (nearest voxel)
  const m = new Uint8Array(M * M * M);
  const near = Int32Array.from({ length: M }, (_, j) => Math.min(S - 1, Math.round((j * S) / M)));
  for (let z = 0, i = 0; z < M; z++)
    for (let y = 0; y < M; y++) {
      const row = S * (near[y]! + S * near[z]!);
      for (let x = 0; x < M; x++, i++) m[i] = mask[row + near[x]!]!;
    }
  const r = monoResFromHalves(a, b, e, m, { ...o, voxelSize: ts, minRes: Math.max(o.minRes, 2 * ts) }).resolution;
  const measured = new Uint8Array(r.length);
  let any = false;
  for (let i = 0; i < r.length; i++) if (r[i]! > 0) measured[i] = 1, any = true;
  if (!any) return { resolution: sharedFloat32(S * S * S), voxelSize: ts, box: M };
  const median = percentiles(r, [50], { mask: measured })[0]!;
  for (let i = 0; i < r.length; i++) if (!measured[i]) r[i] = median;
  return { resolution: interpolateGrid(r, e, d, mask), voxelSize: ts, box: M };
}

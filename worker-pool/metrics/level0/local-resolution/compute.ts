/**
 * 0.e local resolution (level0.md Decision 2, §4.7, §6.2): single-map MonoRes at the map's own
 * sampling with the hard mask, values clipped to [max(2.5 Å, 2·Ts), 12.9 Å] as DeepRes's were;
 * statistics over the voxels with a value (> 0), the percentile of the reported resolution
 * (100·#(values < R)/#values) and VRS's warnings. Applies when 2 ≤ R ≤ 13 Å.
 *
 * Cost: every sweep step is six FFTs of the box. When the mask fills only part of a big box the
 * sweep runs on a sub-box (mask bounding box + a margin of noise, FFT-friendly size); the noise
 * region is chosen on the whole map first (cliff radius), and a 2-voxel layer at the cut faces
 * is left out of the noise because the periodic wrap of a cut box puts an edge there.
 */
import type { Dims } from '../../../volume.js';
import { sharedFloat32 } from '../../../volume.js';
import { nextSmooth235 } from '../../../kernels/fft/plan1d.js';
import { monoRes, noiseRegions } from '../../../kernels/monores.js';
import type { LocalAnalysis } from '../local-record.js';
import type { MetricContext } from '../../types.js';
import { NO_RESOLUTION_REASON } from '../texts.js';
import { LOCAL_EMPTY_REASON } from '../local-texts.js';
import {
  LOCAL_RESOLUTION_CRITERIA,
  LOCAL_RESOLUTION_EXPLANATION,
  LOCAL_RESOLUTION_RANGE_REASON,
  LOCAL_RESOLUTION_TITLE,
  localResolutionWarnings,
} from './texts.js';
import { emptyLocalRecord, homogeneousWarning, localRecord, putLocalMap, resolutionMapStatistics } from '../local-statistics.js';
import { mrcVolumeArray } from '../../../io/mrc/write.js';

export const LOCAL_RESOLUTION_VERSION = '1';
export const LOCAL_RESOLUTION_METHOD = 'MonoRes (single map)';
/** Å, DeepRes's upper limit and the sweep's start. */
export const MAX_LOCAL_RESOLUTION = 12.9;
const STEP = 0.25;

const TEXTS = {
  title: LOCAL_RESOLUTION_TITLE,
  explanation: LOCAL_RESOLUTION_EXPLANATION,
  criteria: LOCAL_RESOLUTION_CRITERIA,
  algorithm:
    'Single-map MonoRes at the map\'s sampling: noise = outside the hard mask within the cliff radius; mask refined by the ' +
    'smoothed monogenic amplitude; sweep 12.9 Å → Nyquist in 0.25 Å steps snapped to Fourier indices (high-pass, Riesz ' +
    'amplitude, low-pass smoothing, 95 % noise quantile, two misses freeze a voxel; stops at < 2.5 % active voxels, mean ' +
    'amplitude < 0.001·max or failed z-test); median fill, Gaussian σ = 3 smoothing, clamps; clipped to [max(2.5, 2·Ts), 12.9] Å.',
  algorithmVersion: LOCAL_RESOLUTION_VERSION,
};

const empty = (status: 'NOT_APPLICABLE' | 'FAILED', reason: string) =>
  emptyLocalRecord('0.e', TEXTS, LOCAL_RESOLUTION_METHOD, 'Å', status, reason);

export function localResolutionApplies(resolution: number | null): boolean {
  return resolution !== null && resolution >= 2 && resolution <= 13;
}

export interface Box {
  start: [number, number, number];
  size: Dims;
}

/** The sub-box the sweep runs on, or null when it would not save enough. */
export function cropBox(regions: Int8Array, d: Dims, margin: number): Box | null {
  // per row: the first and last signal voxel give the x extent; y and z only once per row
  let loX = Infinity, hiX = -1, loY = Infinity, hiY = -1, loZ = Infinity, hiZ = -1;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++) {
      const row = d.nx * (y + d.ny * z);
      let first = -1, last = -1;
      for (let x = 0; x < d.nx; x++) {
        if (regions[row + x] !== 1) continue;
        if (first < 0) first = x;
        last = x;
      }
      if (first < 0) continue;
      if (first < loX) loX = first;
      if (last > hiX) hiX = last;
      if (y < loY) loY = y;
      if (y > hiY) hiY = y;
      if (z < loZ) loZ = z;
      if (z > hiZ) hiZ = z;
    }
  const lo = [loX, loY, loZ], hi = [hiX, hiY, hiZ];
  if (hi[0]! < 0) return null;
  const n = [d.nx, d.ny, d.nz];
  const start: [number, number, number] = [0, 0, 0];
  const size = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const want = Math.min(n[a]!, nextSmooth235(hi[a]! - lo[a]! + 1 + 2 * margin));
    const s = want >= n[a]! ? n[a]! : want;
    const centre = (lo[a]! + hi[a]!) >> 1;
    start[a] = Math.max(0, Math.min(n[a]! - s, centre - (s >> 1)));
    size[a] = s;
  }
  if (size[0]! * size[1]! * size[2]! > 0.8 * d.nx * d.ny * d.nz) return null;
  return { start, size: { nx: size[0]!, ny: size[1]!, nz: size[2]! } };
}

export function cut<T extends Float32Array | Int8Array>(src: T, d: Dims, b: Box, out: T): T {
  const { nx, ny, nz } = b.size;
  const [x0, y0, z0] = b.start;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) {
      const s = x0 + d.nx * (y + y0 + d.ny * (z + z0));
      out.set(src.subarray(s, s + nx), nx * (y + ny * z));
    }
  return out;
}

export function paste(src: Float32Array, d: Dims, b: Box, out: Float32Array): void {
  const { nx, ny, nz } = b.size;
  const [x0, y0, z0] = b.start;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) out.set(src.subarray(nx * (y + ny * z), nx * (y + ny * z) + nx), x0 + d.nx * (y + y0 + d.ny * (z + z0)));
}

/** Takes the 2-voxel layer at every face that was cut (not a face of the full box) out of the noise. */
function dropCutFaces(regions: Int8Array, d: Dims, b: Box): void {
  const full = [d.nx, d.ny, d.nz];
  const s = [b.size.nx, b.size.ny, b.size.nz];
  // the kept range per axis: [2, s − 2) on a cut side, the whole side otherwise
  const from = [0, 0, 0], to = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    from[a] = b.start[a]! > 0 ? 2 : 0;
    to[a] = b.start[a]! + s[a]! < full[a]! ? s[a]! - 2 : s[a]!;
  }
  const [fx, fy, fz] = from as [number, number, number];
  const [tx, ty, tz] = to as [number, number, number];
  let i = 0;
  for (let z = 0; z < s[2]!; z++)
    for (let y = 0; y < s[1]!; y++) {
      const rowKept = z >= fz && z < tz && y >= fy && y < ty;
      for (let x = 0; x < s[0]!; x++, i++) {
        if (regions[i] !== 0) continue;
        if (!rowKept || x < fx || x >= tx) regions[i] = -1;
      }
    }
}

/** The local-resolution map (Å in the refined mask, 0 elsewhere), clipped to [lo, 12.9]. */
export function localResolutionMap(
  data: Float32Array,
  d: Dims,
  hard: Uint8Array,
  Ts: number,
  options: { threads?: number; onStep?: (r: number) => void; crop?: boolean } = {},
): Float32Array {
  const lo = Math.max(2.5, 2 * Ts);
  const { regions } = noiseRegions(data, d, hard);
  const margin = Math.max(10, Math.ceil((2 * MAX_LOCAL_RESOLUTION) / Ts));
  const box = options.crop === false ? null : cropBox(regions, d, margin);
  const o = { voxelSize: Ts, maxRes: MAX_LOCAL_RESOLUTION, minRes: lo, step: STEP, threads: options.threads, onStep: options.onStep };
  const clip = (m: Float32Array) => {
    for (let i = 0; i < m.length; i++) if (m[i]! > 0) m[i] = Math.min(MAX_LOCAL_RESOLUTION, Math.max(lo, m[i]!));
    return m;
  };
  if (!box) return clip(monoRes(data, d, regions, o).resolution);
  const n = box.size.nx * box.size.ny * box.size.nz;
  const sub = cut(regions, d, box, new Int8Array(n));
  dropCutFaces(sub, d, box);
  const r = monoRes(cut(data, d, box, sharedFloat32(n)), box.size, sub, o);
  // outside the sub-box the map is 0 (no value): clipped on the sub-box only. The full box is
  // made with room for its MRC header, so the artifact is written without a copy of it
  const local = mrcVolumeArray(data.length);
  paste(clip(r.resolution), d, box, local);
  return local;
}

export function computeLocalResolution(
  data: Float32Array,
  d: Dims,
  hard: Uint8Array,
  Ts: number,
  resolution: number | null,
  ctx: Pick<MetricContext, 'putArtifact' | 'progress'>,
  options: { threads?: number; crop?: boolean; origin?: { x: number; y: number; z: number } } = {},
): LocalAnalysis {
  if (resolution === null) return empty('NOT_APPLICABLE', NO_RESOLUTION_REASON);
  if (!localResolutionApplies(resolution)) return empty('NOT_APPLICABLE', LOCAL_RESOLUTION_RANGE_REASON(resolution));
  const local = localResolutionMap(data, d, hard, Ts, {
    ...options,
    onStep: (r) => ctx.progress(Math.min(1, (MAX_LOCAL_RESOLUTION - r) / Math.max(0.25, MAX_LOCAL_RESOLUTION - 2 * Ts)), 'local resolution'),
  });
  // VRS: every value > 0 of the local map
  const graded = resolutionMapStatistics(local, resolution);
  if (!graded) return empty('FAILED', LOCAL_EMPTY_REASON);
  const { stats, percentile } = graded;
  const warnings = homogeneousWarning(stats.percentiles, 0.01);
  if (percentile < 0.1) warnings.push(localResolutionWarnings.resolutionPercentile(resolution, percentile));
  const voxelSize = { x: Ts, y: Ts, z: Ts };
  const sha = putLocalMap(ctx, local, d, voxelSize, options.origin ?? { x: 0, y: 0, z: 0 }, 'localResolutionMap', 'VRS 0.e local resolution (A), MonoRes single map');
  return localRecord({ id: '0.e', texts: TEXTS, method: LOCAL_RESOLUTION_METHOD, unit: 'Å', stats, warnings, reportedResolutionPercentile: percentile, mapSha256: sha });
}

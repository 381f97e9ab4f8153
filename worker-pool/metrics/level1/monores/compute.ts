/**
 * 1.e MonoRes from half maps (VRS 1.e: half maps, hard mask, minRes 2·Ts, maxRes max(10, 5R)):
 * kernels/monores-halves.ts on the hard mask; graded as 0.e (VRS: warn if the fraction of the
 * local resolutions finer than R is below 0.001).
 *
 * Cost: every sweep step is twelve FFTs (the average's and the noise's amplitudes). The noise
 * is read inside the mask, so the sweep runs on the mask's bounding box plus a margin of maxRes
 * (at least 10 voxels) for the filters' reach, when that saves enough (Level 0's cropBox).
 */
import type { Dims, Vec3 } from '../../../volume.js';
import { sharedFloat32 } from '../../../volume.js';
import { monoResFromHalves } from '../../../kernels/monores-halves.js';
import type { MetricContext } from '../../types.js';
import type { LocalAnalysis } from '../../level0/local-record.js';
import { emptyLocalRecord } from '../../level0/local-statistics.js';
import { cropBox, cut, paste } from '../../level0/local-resolution/compute.js';
import { gradeLocalResolution } from '../local-common.js';
import { LEVEL1_NO_RESOLUTION_REASON } from '../local-texts.js';
import type { HalfMonoResAnalysis } from './record.js';
import { HALF_MONORES_CRITERIA, HALF_MONORES_EXPLANATION, HALF_MONORES_METHOD, HALF_MONORES_TITLE } from './texts.js';

export const HALF_MONORES_VERSION = '1';
const STEP = 0.25;

const TEXTS = {
  title: HALF_MONORES_TITLE,
  explanation: HALF_MONORES_EXPLANATION,
  criteria: HALF_MONORES_CRITERIA,
  algorithm:
    'MonoRes on (h1 + h2)/2 with the noise of (h1 − h2)/2 inside the hard mask (no mask refinement): sweep from ' +
    'max(10, 5·R) Å to 2·Ts in 0.25 Å steps snapped to Fourier indices (high-pass, Riesz amplitude, low-pass smoothing, ' +
    '95 % quantile of the noise amplitude in the mask, two misses freeze a voxel; stops at < 2.5 % active voxels, mean ' +
    'amplitude < 0.001·max or failed z-test against the noise); median fill, Gaussian σ = 3 smoothing, clamps; run on ' +
    'the mask\'s bounding box plus a margin of max(10 voxels, maxRes).',
  algorithmVersion: HALF_MONORES_VERSION,
};

const withParams = (r: LocalAnalysis, p: Partial<HalfMonoResAnalysis> = {}): HalfMonoResAnalysis =>
  ({ maxResolution: null, minResolution: null, step: null, ...r, ...p });

export function emptyHalfMonoRes(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): HalfMonoResAnalysis {
  return withParams(emptyLocalRecord('1.e', TEXTS, HALF_MONORES_METHOD, 'Å', status, reason));
}

export interface HalfMonoResInput {
  half1: Float32Array;
  half2: Float32Array;
  d: Dims;
  hard: Uint8Array;
  voxelSize: number;
  origin: Vec3;
  resolution: number | null;
}

/** The local-resolution map (Å in the mask, 0 elsewhere), on the mask's bounding box when that saves enough. */
export function halfMonoResMap(input: HalfMonoResInput, maxRes: number, options: { threads?: number; crop?: boolean; onStep?: (r: number) => void } = {}): Float32Array {
  const { d, hard, voxelSize: ts } = input;
  const o = { voxelSize: ts, maxRes, minRes: 2 * ts, step: STEP, threads: options.threads, onStep: options.onStep };
  const regions = Int8Array.from(hard, (v) => (v ? 1 : -1));
  const box = options.crop === false ? null : cropBox(regions, d, Math.max(10, Math.ceil(maxRes / ts)));
  if (!box) return monoResFromHalves(input.half1, input.half2, d, hard, o).resolution;
  const n = box.size.nx * box.size.ny * box.size.nz;
  const mask = Uint8Array.from(cut(regions, d, box, new Int8Array(n)), (v) => (v === 1 ? 1 : 0));
  const r = monoResFromHalves(cut(input.half1, d, box, sharedFloat32(n)), cut(input.half2, d, box, sharedFloat32(n)), box.size, mask, o);
  const local = sharedFloat32(d.nx * d.ny * d.nz);
  paste(r.resolution, d, box, local);
  return local;
}

export function computeHalfMonoRes(input: HalfMonoResInput, ctx: Pick<MetricContext, 'putArtifact' | 'progress'>, options: { threads?: number; crop?: boolean } = {}): HalfMonoResAnalysis {
  const { resolution, voxelSize: ts } = input;
  if (resolution === null) return emptyHalfMonoRes('NOT_APPLICABLE', LEVEL1_NO_RESOLUTION_REASON);
  const maxRes = Math.max(10, 5 * resolution);
  const local = halfMonoResMap(input, maxRes, {
    ...options,
    onStep: (r) => ctx.progress(Math.min(1, (maxRes - r) / Math.max(STEP, maxRes - 2 * ts)), 'MonoRes (half maps)'),
  });
  const graded = gradeLocalResolution(ctx, {
    id: '1.e', texts: TEXTS, method: HALF_MONORES_METHOD, local, d: input.d, voxelSize: ts, origin: input.origin, resolution,
    role: 'monoResMap', label: 'VRS 1.e local resolution (A), MonoRes of the half maps',
  });
  return withParams(graded, { maxResolution: maxRes, minResolution: 2 * ts, step: STEP });
}

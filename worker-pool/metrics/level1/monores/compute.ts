/**
 * 1.e MonoRes from half maps (VRS 1.e: half maps, hard mask, minRes 2·Ts, maxRes max(10, 5R)):
 * kernels/monores-halves.ts on the hard mask; graded as 0.e (VRS: warn if the fraction of the
 * local resolutions finer than R is below 0.001).
 *
 * Cost: every sweep step is twelve FFTs (the average's and the noise's amplitudes). Two savings:
 * - the noise is read inside the mask, so the sweep runs on the mask's bounding box plus a
 *   margin of maxRes (at least 10 voxels) for the filters' reach (Level 0's cropBox), made cubic;
 * - beyond the frequency where the halves' unmasked FSC falls below 0.143, ×1.25, both the
 *   average and the difference hold (almost) only noise: the box is Fourier-cropped to that
 *   Nyquist (kernels/monores-halves.ts bandLimitedMonoResFromHalves). This departs from Xmipp's
 *   MonoRes, which sweeps to 2·Ts on the full sampling; local resolutions more than 20 % finer
 *   than the global one cannot be found, and the dropped noise band makes the test a little
 *   more sensitive (stated in the algorithm and the README).
 */
import type { Dims } from '../../../volume.js';
import { mrcVolumeArray } from '../../../io/mrc/write.js';
import { sharedFloat32 } from '../../../volume.js';
import { bandLimitedMonoResFromHalves, monoResFromHalves } from '../../../kernels/monores-halves.js';
import { rfft3d } from '../../../kernels/fft/fft3d.js';
import { fourierShellCorrelation, fscCrossing } from '../../../kernels/fourier/fsc.js';
import type { MetricContext } from '../../types.js';
import type { LocalAnalysis } from '../../level0/local-record.js';
import { emptyLocalRecord } from '../../level0/local-statistics.js';
import { cropBox, cut, paste, type Box } from '../../level0/local-resolution/compute.js';
import { gradeLocalResolution, type LocalHalvesInput } from '../local-common.js';
import { LEVEL1_NO_RESOLUTION_REASON } from '../local-texts.js';
import type { HalfMonoResAnalysis } from './record.js';
import { HALF_MONORES_CRITERIA, HALF_MONORES_EXPLANATION, HALF_MONORES_METHOD, HALF_MONORES_TITLE } from './texts.js';

export const HALF_MONORES_VERSION = '1';
/** Å between the sweep's resolutions: twice Level 0's 0.25 Å, which halves the sweep at high resolution (measured at 96³ on the 4/8 Å pair: medians 4.41 / 8.73 Å, with 0.25 Å 4.21 / 8.73 Å). */
const STEP = 0.5;
/** The sweep runs up to 1.25 × the frequency of the global 0.143 crossing: local resolutions up to 20 % finer than the global one. */
export const BAND_LIMIT_FACTOR = 1.25;

const TEXTS = {
  title: HALF_MONORES_TITLE,
  explanation: HALF_MONORES_EXPLANATION,
  criteria: HALF_MONORES_CRITERIA,
  algorithm:
    'MonoRes on (h1 + h2)/2 with the noise of (h1 − h2)/2 inside the hard mask (no mask refinement): sweep from ' +
    'max(10, 5·R) Å to 2·Ts in 0.5 Å steps snapped to Fourier indices (high-pass, Riesz amplitude, low-pass smoothing, ' +
    '95 % quantile of the noise amplitude in the mask, two misses freeze a voxel; stops at < 2.5 % active voxels, mean ' +
    'amplitude < 0.001·max or failed z-test against the noise); median fill, Gaussian σ = 3 smoothing, clamps; run on ' +
    'the mask\'s bounding box plus a margin of max(10 voxels, maxRes), made cubic and Fourier-cropped to 1.25 × the ' +
    'frequency of the unmasked FSC 0.143 crossing (trilinear interpolation back to the map).',
  algorithmVersion: HALF_MONORES_VERSION,
};

const withParams = (r: LocalAnalysis, p: Partial<HalfMonoResAnalysis> = {}): HalfMonoResAnalysis =>
  ({ maxResolution: null, minResolution: null, step: null, sweepVoxelSize: null, ...r, ...p });

export function emptyHalfMonoRes(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): HalfMonoResAnalysis {
  return withParams(emptyLocalRecord('1.e', TEXTS, HALF_MONORES_METHOD, 'Å', status, reason));
}

/** The crop box made cubic (its largest side on every axis, kept inside the map), or null when the map is too small for it. */
function cubicBox(box: Box | null, d: Dims): Box | null {
  const size = box ? Math.max(box.size.nx, box.size.ny, box.size.nz) : Math.max(d.nx, d.ny, d.nz);
  const n = [d.nx, d.ny, d.nz];
  if (n.some((v) => v < size)) return null;
  const start = [0, 0, 0] as [number, number, number];
  for (let a = 0; a < 3; a++) {
    const centre = box ? box.start[a]! + ([box.size.nx, box.size.ny, box.size.nz][a]! >> 1) : n[a]! >> 1;
    start[a] = Math.max(0, Math.min(n[a]! - size, centre - (size >> 1)));
  }
  return { start, size: { nx: size, ny: size, nz: size } };
}

/** 1/Å: BAND_LIMIT_FACTOR × where the unmasked FSC of the halves first falls below 0.143 (null: it never does). */
export function bandLimit(h1: Float32Array, h2: Float32Array, d: Dims, ts: number, threads?: number): number | null {
  const s1 = rfft3d(h1, d, { normalize: 'forward', threads }), s2 = rfft3d(h2, d, { normalize: 'forward', threads });
  const c = fourierShellCorrelation(s1, s2, d, ts);
  const f = fscCrossing(c.frequency, c.fsc, 0.143);
  return f === null ? null : BAND_LIMIT_FACTOR * f;
}

export interface HalfMonoResMap {
  local: Float32Array;
  /** Å/voxel the sweep ran at */
  sweepVoxelSize: number;
}

/**
 * The local-resolution map (Å in the mask, 0 elsewhere): on the mask's bounding box made cubic,
 * Fourier-cropped to the band limit when that saves (bandLimitedMonoResFromHalves).
 */
export function halfMonoResMap(input: LocalHalvesInput, maxRes: number, options: { threads?: number; crop?: boolean; bandLimit?: boolean; onStep?: (r: number) => void } = {}): HalfMonoResMap {
  const { d, hard, voxelSize: ts } = input;
  const o = { voxelSize: ts, maxRes, minRes: 2 * ts, step: STEP, threads: options.threads, onStep: options.onStep };
  // plain loops: typed-array from() with a callback costs seconds at 400³
  const regions = new Int8Array(hard.length);
  for (let i = 0; i < hard.length; i++) regions[i] = hard[i] ? 1 : -1;
  const crop = options.crop === false ? null : cropBox(regions, d, Math.max(10, Math.ceil(maxRes / ts)));
  const cube = options.bandLimit === false ? null : cubicBox(crop, d);
  const box = cube ?? crop;
  const n = box ? box.size.nx * box.size.ny * box.size.nz : 0;
  const h1 = box ? cut(input.half1, d, box, sharedFloat32(n)) : input.half1;
  const h2 = box ? cut(input.half2, d, box, sharedFloat32(n)) : input.half2;
  let mask = hard;
  if (box) {
    const sub = cut(regions, d, box, new Int8Array(n));
    mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = sub[i] === 1 ? 1 : 0;
  }
  const bd = box ? box.size : d;
  let result: Float32Array, sweepVoxelSize = ts;
  const limit = cube ? bandLimit(h1, h2, bd, ts, options.threads) : null;
  if (cube && limit !== null) {
    const r = bandLimitedMonoResFromHalves(h1, h2, bd, mask, o, limit);
    result = r.resolution;
    sweepVoxelSize = r.voxelSize;
  } else {
    result = monoResFromHalves(h1, h2, bd, mask, o).resolution;
  }
  if (!box) return { local: result, sweepVoxelSize };
  // with room for its MRC header: the artifact is written without a copy of the box
  const local = mrcVolumeArray(d.nx * d.ny * d.nz);
  paste(result, d, box, local);
  return { local, sweepVoxelSize };
}

export function computeHalfMonoRes(input: LocalHalvesInput, ctx: Pick<MetricContext, 'putArtifact' | 'progress'>, options: { threads?: number; crop?: boolean } = {}): HalfMonoResAnalysis {
  const { resolution, voxelSize: ts } = input;
  if (resolution === null) return emptyHalfMonoRes('NOT_APPLICABLE', LEVEL1_NO_RESOLUTION_REASON);
  const maxRes = Math.max(10, 5 * resolution);
  const { local, sweepVoxelSize } = halfMonoResMap(input, maxRes, {
    ...options,
    onStep: (r) => ctx.progress(Math.min(1, (maxRes - r) / Math.max(STEP, maxRes - 2 * ts)), 'MonoRes (half maps)'),
  });
  const graded = gradeLocalResolution(ctx, {
    id: '1.e', texts: TEXTS, method: HALF_MONORES_METHOD, local, d: input.d, voxelSize: ts, origin: input.origin, resolution,
    role: 'monoResMap', label: 'VRS 1.e local resolution (A), MonoRes of the half maps',
  });
  return withParams(graded, { maxResolution: maxRes, minResolution: 2 * ts, step: STEP, sweepVoxelSize });
}

/**
 * 0.f local B-factor (level0.md §4.8, LocBFactor of the ucm plugin) on the map resampled to
 * Ts' = R/2 with its rebuilt hard mask ('level0.resampled'): one forward FFT, ten Gaussian
 * shells between 15 Å and R, B = 4·slope per voxel; statistics over mask > 0.5; warnings
 * "too homogeneous" (0.01) and median outside [−300, 0].
 */
import type { Dims, Vec3 } from '../../../volume.js';
import { VrsError } from '../../../errors.js';
import { rfft3d } from '../../../kernels/fft/fft3d.js';
import { inscribedBackground, localBFactorMap } from '../../../kernels/monogenic.js';
import type { LocalAnalysis } from '../local-record.js';
import type { CriteriaProfile, MetricContext } from '../../types.js';
import { LOCAL_EMPTY_REASON } from '../local-texts.js';
import { LOCAL_BFACTOR_CRITERIA, LOCAL_BFACTOR_EXPLANATION, LOCAL_BFACTOR_TITLE, localBFactorWarnings } from './texts.js';
import { emptyLocalRecord, homogeneousWarning, localRecord, localStatistics, maskSelection, putLocalMap, skippedLocalRecord } from '../local-statistics.js';

// 3: NO_BACKGROUND when the resampled hard mask leaves no noise region (was INTERNAL); R ≥ 15 Å
// no longer waits for (or fails with) the resampling
export const LOCAL_BFACTOR_VERSION = '3';
export const LOCAL_BFACTOR_METHOD = 'LocBFactor (spiral transform, Kaur et al. 2021)';

const TEXTS = {
  title: LOCAL_BFACTOR_TITLE,
  explanation: LOCAL_BFACTOR_EXPLANATION,
  criteria: LOCAL_BFACTOR_CRITERIA,
  algorithm:
    'Map resampled to Ts\' = R/2 with its rebuilt hard mask; Gaussian shells exp(−(|f|−f0)²/2fw²)/ΣS, fw = 4.8/(n·Ts\'), ' +
    'f0 = linspace(1/15, 1/R, 10) Å⁻¹ (standard: S/√ΣS², so a flat spectrum has the same amplitude at every f0; ' +
    'vrs-2024: S/ΣS as the ucm port); monogenic (Riesz) amplitude m; noise q = 0.9-quantile of m over the background ' +
    'inside the inscribed sphere; per-voxel least squares of ln(m²/(m+q)) vs f0²; B = 4·slope (Å²).',
  algorithmVersion: LOCAL_BFACTOR_VERSION,
};

export interface ResampledInput {
  map: Float32Array;
  hard: Uint8Array;
  dims: Dims;
  voxelSize: Vec3;
  origin: Vec3;
}

/** 0.f's record when it is not computed (no resolution, R ≥ 15 Å); null when it is. */
export function localBFactorSkipped(resolution: number | null): LocalAnalysis | null {
  return skippedLocalRecord('0.f', TEXTS, LOCAL_BFACTOR_METHOD, 'Å²', resolution);
}

/**
 * The noise level q of every frequency is a quantile over the background inside the inscribed
 * sphere; when the resampled hard mask covers all of it there is none (the port's np.quantile of
 * an empty array raises): NO_BACKGROUND, before any FFT.
 */
function checkNoiseRegion(input: ResampledInput, resolution: number): void {
  const bg = inscribedBackground(input.hard, input.dims);
  if (bg.includes(1)) return;
  throw new VrsError(
    'NO_BACKGROUND',
    `The local B-factor (0.f) estimates the noise from the voxels outside the hard mask and inside the sphere ` +
      `inscribed in the box of the map resampled to R/2 = ${+(resolution / 2).toPrecision(6)} Å; the hard mask ` +
      'covers that whole sphere, so there is no background voxel to estimate it from. Raise the threshold.',
  );
}

export function computeLocalBFactor(
  input: ResampledInput,
  resolution: number,
  ctx: Pick<MetricContext, 'putArtifact' | 'progress'>,
  profile: CriteriaProfile = 'standard',
  threads?: number,
): LocalAnalysis {
  const skipped = localBFactorSkipped(resolution);
  if (skipped) return skipped;
  checkNoiseRegion(input, resolution);
  const spec = rfft3d(input.map, input.dims, { normalize: 'backward', threads });
  const bmap = localBFactorMap(spec, input.dims, input.voxelSize, input.hard, {
    maxRes: resolution,
    // Decision 1: vrs-2024 keeps the port's S/ΣS (biased ≈ −100 Å²); standard scales by √ΣS²
    normalization: profile === 'vrs-2024' ? 'sum' : 'energy',
    threads,
    onFrequency: (k, of) => ctx.progress(k / of, 'local B-factor'),
  });
  const sel = maskSelection(input.hard);
  const stats = localStatistics(bmap, sel);
  if (!stats) return emptyLocalRecord('0.f', TEXTS, LOCAL_BFACTOR_METHOD, 'Å²', 'FAILED', LOCAL_EMPTY_REASON);
  const warnings = homogeneousWarning(stats.percentiles, 0.01);
  const median = stats.percentiles.p50;
  if (median < -300 || median > 0) warnings.push(localBFactorWarnings.bfactorMedian);
  const sha = putLocalMap(ctx, bmap, input.dims, input.voxelSize, input.origin, 'localBFactorMap', 'VRS 0.f local B-factor (A^2), LocBFactor');
  return localRecord({ id: '0.f', texts: TEXTS, method: LOCAL_BFACTOR_METHOD, unit: 'Å²', stats, warnings, mapSha256: sha });
}

/**
 * 0.g local occupancy (level0.md §4.9, LocOccupancy of the ucm plugin) on the map resampled to
 * Ts' = R/2 with its rebuilt hard mask: K = max(1, int((1/R − 1/15)/fw)) Gaussian shells; at
 * each, voxels whose monogenic amplitude reaches the 0.25-quantile over the mask count one;
 * occupancy = count/K. Statistics over mask > 0.5; warnings "too homogeneous" (0.1) and
 * median < 0.5.
 */
import { rfft3d } from '../../../kernels/fft/fft3d.js';
import { localOccupancyMap } from '../../../kernels/monogenic.js';
import type { LocalAnalysis } from '../local-record.js';
import type { MetricContext } from '../../types.js';
import { LOCAL_EMPTY_REASON } from '../local-texts.js';
import { LOCAL_OCCUPANCY_CRITERIA, LOCAL_OCCUPANCY_EXPLANATION, LOCAL_OCCUPANCY_TITLE, localOccupancyWarnings } from './texts.js';
import { emptyLocalRecord, homogeneousWarning, localRecord, localStatistics, maskSelection, putLocalMap, skippedLocalRecord } from '../local-statistics.js';
import type { ResampledInput } from '../local-bfactor/compute.js';

// 2: R ≥ 15 Å no longer waits for (or fails with) the resampling
export const LOCAL_OCCUPANCY_VERSION = '2';
export const LOCAL_OCCUPANCY_METHOD = 'LocOccupancy (spiral transform, Kaur et al. 2021)';

const TEXTS = {
  title: LOCAL_OCCUPANCY_TITLE,
  explanation: LOCAL_OCCUPANCY_EXPLANATION,
  criteria: LOCAL_OCCUPANCY_CRITERIA,
  algorithm:
    'Map resampled to Ts\' = R/2 with its rebuilt hard mask; Gaussian shells (fw = 4.8/(n·Ts\')) at K = max(1, int((1/R − 1/15)/fw)) ' +
    'frequencies from 1/15 to 1/R Å⁻¹; a voxel counts at a frequency when its monogenic amplitude is at least the ' +
    '0.25-quantile over the mask; occupancy = count/K.',
  algorithmVersion: LOCAL_OCCUPANCY_VERSION,
};

/**
 * 0.g's record when it is not computed (no resolution, R ≥ 15 Å); null when it is. (0.g needs
 * no background: its quantile is over the mask, which the resampling guarantees non-empty.)
 */
export function localOccupancySkipped(resolution: number | null): LocalAnalysis | null {
  return skippedLocalRecord('0.g', TEXTS, LOCAL_OCCUPANCY_METHOD, '', resolution);
}

export function computeLocalOccupancy(
  input: ResampledInput,
  resolution: number,
  ctx: Pick<MetricContext, 'putArtifact' | 'progress'>,
  threads?: number,
): LocalAnalysis {
  const skipped = localOccupancySkipped(resolution);
  if (skipped) return skipped;
  const spec = rfft3d(input.map, input.dims, { normalize: 'backward', threads });
  const occ = localOccupancyMap(spec, input.dims, input.voxelSize, input.hard, {
    maxRes: resolution,
    threads,
    onFrequency: (k, of) => ctx.progress(k / of, 'local occupancy'),
  });
  const sel = maskSelection(input.hard);
  const stats = localStatistics(occ, sel);
  if (!stats) return emptyLocalRecord('0.g', TEXTS, LOCAL_OCCUPANCY_METHOD, '', 'FAILED', LOCAL_EMPTY_REASON);
  const warnings = homogeneousWarning(stats.percentiles, 0.1);
  if (stats.percentiles.p50 < 0.5) warnings.push(localOccupancyWarnings.occupancyMedian);
  const sha = putLocalMap(ctx, occ, input.dims, input.voxelSize, input.origin, 'localOccupancyMap', 'VRS 0.g local occupancy [0-1], LocOccupancy');
  return localRecord({ id: '0.g', texts: TEXTS, method: LOCAL_OCCUPANCY_METHOD, unit: '', stats, warnings, mapSha256: sha });
}

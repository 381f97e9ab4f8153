/**
 * 0.c Background analysis (level0.md §4.5): the voxels outside the hard mask. One-sample
 * t test of mean 0 (ddof 1, two-sided), population σ, the fraction with |v| > 5σ (|v|, not
 * |v − mean|) and its ratio to the Gaussian 2Φ(−5).
 */
import { VrsError } from '../../../errors.js';
import type { Dims } from '../../../volume.js';
import type { Image } from '../../section-record.js';
import type { BackgroundAnalysis } from './record.js';
import { normalCdf, studentTTwoSidedP, summaryStats } from '../../../kernels/stats/index.js';
import { BACKGROUND_CRITERIA, BACKGROUND_EXPLANATION, BACKGROUND_TITLE, backgroundWarnings } from './texts.js';
import { sectionBase } from '../section.js';
import { sparseMaxVarianceSlices, type PutArtifact } from '../figures.js';
import type { SparseVoxels } from '../../../kernels/images.js';

// 2: a background with fewer than two voxels (NO_BACKGROUND), or a constant one (BACKGROUND_CONSTANT), is refused
// 3: the outlier figure from the sparse outliers; tied slice variances (symmetric maps) go to the first index
export const BACKGROUND_VERSION = '3';

export interface BackgroundNumbers {
  tStatistic: number;
  pValue: number;
  mean: number;
  standardDeviation: number;
  backgroundVoxels: number;
  beyond5Sigma: number;
  /** the background voxels with |v| > 5σ: the figure's map, zero elsewhere */
  outliers: SparseVoxels;
}

/**
 * The statistics (t test = mean / (s/√n), s with ddof 1, as scipy), then one pass that finds the
 * voxels with |v| > 5σ.
 *
 * The t test is only defined with at least two background voxels that are not all equal. scipy
 * (and so VRS) gives NaN for 0 or 1 voxel and for a background that is constant 0, and t = ±∞,
 * p = 0 for a constant c ≠ 0; VRS then compares NaN with its limits and prints an OK section
 * with NaN numbers. None of these is a measurement (and t must be a finite number for the
 * report), so both profiles refuse them (NO_BACKGROUND; BACKGROUND_CONSTANT for the last case), which makes the section FAILED
 * ("could not be measured", not counted in the score) with a message that says why:
 *  - 0 voxels: the hard mask covers the whole box (constant map, threshold ≤ the map's minimum);
 *  - 1 voxel: no standard deviation;
 *  - constant background (typically a map masked or padded with zeros): no noise to test.
 */
export function backgroundNumbers(data: Float32Array, hard: Uint8Array): BackgroundNumbers {
  const s = summaryStats(data, hard, true); // the background: where the hard mask is 0
  if (s.count === 0) {
    throw new VrsError(
      'NO_BACKGROUND',
      'The hard mask covers the whole box, so it leaves no background voxel for the background analysis ' +
        "(the map is constant, or the threshold is at or below the map's minimum); raise the threshold.",
    );
  }
  if (s.count === 1) {
    throw new VrsError(
      'NO_BACKGROUND',
      'The hard mask leaves a single background voxel; the background t test needs at least two (their standard ' +
        'deviation is undefined with one); raise the threshold.',
    );
  }
  if (s.min === s.max) {
    throw new VrsError(
      'BACKGROUND_CONSTANT',
      `All ${s.count} background voxels (outside the hard mask) have the same value, ${s.min}: the background holds ` +
        'no noise, so its t test (standard deviation 0) and its 5σ count are undefined. The map seems masked or padded ' +
        'with a constant; validate the unmasked map (for an EMDB entry, its primary map).',
    );
  }
  const tStatistic = s.mean / (s.stdSample / Math.sqrt(s.count));
  const pValue = studentTTwoSidedP(tStatistic, s.count - 1);
  const outliers = backgroundOutliers(data, hard, 5 * s.stdPopulation);
  return { tStatistic, pValue, mean: s.mean, standardDeviation: s.stdPopulation, backgroundVoxels: s.count, beyond5Sigma: outliers.indices.length, outliers };
}

/**
 * The background voxels (hard mask 0) with |v| > limit, as a sparse map: they are few (2Φ(−5) ≈ 5.7e-7
 * of a Gaussian background), so the figure reads them from this list instead of a box of the
 * map's size (whose first touch alone costs ≈ 1 CPU-s per 256 MB on this kind of VM).
 */
export function backgroundOutliers(data: Float32Array, hard: Uint8Array, limit: number): SparseVoxels {
  let indices = new Uint32Array(1024);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    if (hard[i] !== 0 || !(Math.abs(data[i]!) > limit)) continue;
    if (n === indices.length) {
      const grown = new Uint32Array(2 * n);
      grown.set(indices);
      indices = grown;
    }
    indices[n++] = i;
  }
  indices = indices.slice(0, n);
  return { indices, values: Float32Array.from(indices, (i) => data[i]!) };
}

export function backgroundSection(n: BackgroundNumbers, outlierSlices: Image[]): BackgroundAnalysis {
  const frac = n.backgroundVoxels > 0 ? n.beyond5Sigma / n.backgroundVoxels : 0;
  const cdf5 = 2 * normalCdf(-5);
  const ratio = frac / cdf5;
  const warnings: string[] = [];
  if (n.pValue < 0.001) warnings.push(backgroundWarnings.mean);
  if (ratio > 20) warnings.push(backgroundWarnings.outliers(ratio));
  return {
    ...sectionBase(
      '0.c',
      {
        title: BACKGROUND_TITLE,
        explanation: BACKGROUND_EXPLANATION,
        criteria: BACKGROUND_CRITERIA,
        algorithm: 'Voxels outside the hard mask: one-sample t test (ddof 1), |v| > 5σ (σ ddof 0) versus 2Φ(−5)',
        algorithmVersion: BACKGROUND_VERSION,
      },
      warnings,
    ),
    tStatistic: n.tStatistic,
    pValue: n.pValue,
    mean: n.mean,
    standardDeviation: n.standardDeviation,
    backgroundVoxels: n.backgroundVoxels,
    percentBeyond5Sigma: 100 * frac,
    percentGaussian: 100 * cdf5,
    ratio,
    outlierSlices,
  };
}

export function computeBackground(data: Float32Array, d: Dims, hard: Uint8Array, put: PutArtifact): BackgroundAnalysis {
  const n = backgroundNumbers(data, hard);
  const slices = sparseMaxVarianceSlices(n.outliers, d, put, 'background5SigmaSlice');
  return backgroundSection(n, slices);
}

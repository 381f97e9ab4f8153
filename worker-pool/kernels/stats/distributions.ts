/**
 * Normal and Student t distributions and the one-sample t test.
 * The CDFs come from @stdlib (ports of Boost's erfc and regularised incomplete beta, which
 * stay accurate for very large degrees of freedom and far into the tails); tails are
 * always computed directly (never as 1 − CDF) so small p-values keep their precision.
 */
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import { summaryStats, type Values } from './summary.js';

/** Φ(x), the standard normal CDF. 2Φ(−5) = 5.733031e-7. */
export function normalCdf(x: number): number {
  return normalCdfImpl(x, 0, 1);
}

/** P(T ≤ t) for Student's t with `dof` > 0 degrees of freedom (any size, e.g. 1e8). */
export function studentTCdf(t: number, dof: number): number {
  return tCdfImpl(t, dof);
}

/** Two-sided p-value 2·P(T ≥ |t|). */
export function studentTTwoSidedP(t: number, dof: number): number {
  if (Number.isNaN(t)) return NaN;
  return Math.min(1, 2 * tCdfImpl(-Math.abs(t), dof));
}

export interface TTestResult {
  /** (mean − popmean) / (s / √n), s with ddof = 1. */
  statistic: number;
  /** Two-sided. */
  pValue: number;
  dof: number;
  n: number;
  mean: number;
  stdSample: number;
}

/**
 * scipy.stats.ttest_1samp(values, popmean) (two-sided, ddof 1), on all values or on those
 * with mask ≠ 0, accumulated in float64.
 */
export function tTestOneSample(data: Values, popmean = 0, mask?: Uint8Array | null): TTestResult {
  const s = summaryStats(data, mask);
  const n = s.count;
  const statistic = (s.mean - popmean) / (s.stdSample / Math.sqrt(n));
  const dof = n - 1;
  return { statistic, pValue: dof > 0 ? studentTTwoSidedP(statistic, dof) : NaN, dof, n, mean: s.mean, stdSample: s.stdSample };
}

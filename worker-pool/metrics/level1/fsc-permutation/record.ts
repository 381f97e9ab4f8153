/** The record of 1.b FSC permutation test (SPOC). Frequencies in 1/Å, resolutions in Å. */
import type { SectionBase } from '../../section-record.js';

export interface PermutationPoint {
  /** 1/Å, shell centre */
  frequency: number;
  /** Å (null at shell 0) */
  resolution: number | null;
  /** FSC of the circularly masked half maps over the shell's stored coefficients */
  fsc: number;
  /** one-sided p-value of the permutation test */
  pValue: number;
  /** Benjamini–Yekutieli adjusted p-value */
  qValue: number;
  /** true when q ≤ the FDR level */
  significant: boolean;
  /** true when the p-value came from real permutations (small shells), false from the permutation distribution's normal limit */
  permuted: boolean;
}

export interface FscPermutation extends SectionBase {
  curve: PermutationPoint[];
  /** Å: the shell before the first shell not significant at the FDR level (SPOC); null when the first shell is not */
  resolution: number | null;
  /** the FDR level, 0.01 */
  fdr: number;
  /** Å, radius of SPOC's circular mask (min side/2 − 4 voxels, Gaussian edge σ = 2 voxels) */
  maskRadius: number;
}

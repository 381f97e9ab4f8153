/** Words of 1.b FSC permutation test (SPOC, Beckers & Sachse 2020). */

export const FSC_PERMUTATION_TITLE = '1.b FSC permutation test';

export const FSC_PERMUTATION_METHOD =
  'SPOC permutation test per Fourier shell (Beckers and Sachse 2020), Benjamini–Yekutieli FDR control at 1 %; shells above ' +
  '4000 coefficients by the permutation distribution\'s normal limit';
export const FSC_PERMUTATION_EXPLANATION =
  'Instead of a fixed FSC threshold, each Fourier shell is tested for significant correlation between the half maps ' +
  '(SPOC, Beckers and Sachse 2020): the FSC of the shell is compared with the FSCs obtained when the coefficients of ' +
  'one half map are randomly permuted within the shell, on SPOC\'s effective sample of 0.7 times the shell\'s ' +
  'coefficients (1000 permutations for shells of up to 4000 coefficients; for larger shells the exact mean and ' +
  'variance of the permutation distribution and its normal limit, which 1000 permutations only estimate). The ' +
  'p-values of all shells are adjusted for the false discovery rate (Benjamini–Yekutieli) and the resolution is the ' +
  'last shell before the first one not significant at 1 % FDR. The half maps are multiplied by SPOC\'s circular mask ' +
  '(radius half the box minus 4 voxels, Gaussian edge of σ = 2 voxels).';
export const FSC_PERMUTATION_CRITERIA =
  'The validation is OK if the resolution reported by the user is not smaller than 0.8 times the resolution at 1 % FDR.';
export const fscPermutationWarnings = {
  finerThan: (reported: number, estimate: number) =>
    `The reported resolution, ${reported} Å, is smaller than 0.8 times the resolution at 1 % FDR, ${estimate.toFixed(2)} Å.`,
};

/** Words of 0.c Background analysis (VRS wording). */

export const BACKGROUND_TITLE = '0.c Background analysis';

export const BACKGROUND_EXPLANATION =
  'Background is defined as the region outside the macromolecule mask. The background mean should be zero, and the ' +
  'number of voxels with a very low or very high value (below 5 standard deviations of the noise) should be very small ' +
  'and they should be randomly distributed without any specific structure. Sometimes, you can see some structure due ' +
  'to the symmetry of the structure.';
export const BACKGROUND_CRITERIA =
  'The validation is OK if 1) the p-value of the null hypothesis that the background has 0 mean is larger than 0.001; ' +
  'and 2) the number of voxels above or below 5 sigma is smaller than 20 times the amount expected for a Gaussian ' +
  'with the same standard deviation whose mean is 0.';
export const backgroundWarnings = {
  mean:
    'The null hypothesis that the background mean is 0 has been rejected because the p-value of the comparison is smaller than 0.001',
  /** printf %5.2f */
  outliers: (ratio: number) => `There is a significant proportion of outlier values in the background (cdf5 ratio=${ratio.toFixed(2)})`,
};

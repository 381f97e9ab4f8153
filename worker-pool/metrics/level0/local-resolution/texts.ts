/**
 * Words of 0.e Local resolution (MonoRes, the DeepRes stand-in of level0.md Decision 2). The
 * percentile warning is a reconstruction (the example report does not show it firing).
 */

export const LOCAL_RESOLUTION_TITLE = '0.e Local resolution';

export const LOCAL_RESOLUTION_EXPLANATION =
  'MonoRes (Vilas et al. 2018, Structure) measures the local resolution with the monogenic signal: the map is ' +
  'high-pass filtered at a sequence of resolutions and, at each of them, the local amplitude of every voxel inside ' +
  'the mask is compared with the amplitude of the noise outside the mask. A voxel is assigned the finest resolution ' +
  'at which its amplitude is still significantly above the noise (95%). VRS used DeepRes here; its trained network ' +
  'is not available, so this single-map MonoRes estimate is used instead (values limited to the DeepRes range).';
export const LOCAL_RESOLUTION_CRITERIA =
  'The validation is OK if the percentile of the user provided resolution is larger than 0.1% of the percentile of ' +
  'the local resolution as estimated by MonoRes.';
export const localResolutionWarnings = {
  /** printf %5.2f for both numbers */
  resolutionPercentile: (resolution: number, percentile: number) =>
    `The reported resolution, ${resolution.toFixed(2)} Å, is particularly high with respect to the local resolution ` +
    `distribution. It occupies the ${percentile.toFixed(2)} percentile.`,
};
export const LOCAL_RESOLUTION_RANGE_REASON = (r: number) =>
  `The reported resolution, ${r} Å, is outside the range 2–13 Å in which the local-resolution analysis applies.`;

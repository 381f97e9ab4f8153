/** Words of 1.e MonoRes from half maps. */

export const HALF_MONORES_TITLE = '1.e Local resolution (MonoRes, half maps)';

export const HALF_MONORES_EXPLANATION =
  'MonoRes (Vilas et al. 2018, Structure) measures the local resolution with the monogenic signal: the average of the ' +
  'half maps is high-pass filtered at a sequence of resolutions and, at each of them, the local amplitude of every ' +
  'voxel inside the mask is compared with the amplitude of the noise. With half maps the noise is their ' +
  'half-difference, which carries the noise of the average and none of its signal, measured inside the mask. A voxel ' +
  'is assigned the finest resolution at which its amplitude is still significantly above the noise (95%).';
export const HALF_MONORES_CRITERIA =
  'The validation is OK if the fraction of voxels whose local resolution is finer than the user provided resolution ' +
  'is at least 0.001 (the 0.1% percentile).';
export const HALF_MONORES_METHOD = 'MonoRes (half maps)';

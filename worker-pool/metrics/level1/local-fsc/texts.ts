/** Words of 1.c Local FSC (BlocRes-like). */

export const LOCAL_FSC_TITLE = '1.c Local resolution (local FSC)';

export const LOCAL_FSC_EXPLANATION =
  'BlocRes (Cardone et al. 2013, J. Struct. Biol.) measures the local resolution as the FSC between the two half maps ' +
  'inside a small soft box that slides over the map: at every position the resolution is where that local FSC first ' +
  'falls below a threshold. Here the box is a Gaussian window with the effective volume of the stated box, the FSC is ' +
  'measured on a grid of positions with the stated step and interpolated to every voxel of the mask.';
export const LOCAL_FSC_CRITERIA =
  'The validation is OK if the percentile of the user provided resolution is larger than 0.1% of the percentile of ' +
  'the local resolution as estimated by the local FSC.';
export const LOCAL_FSC_METHOD = 'local FSC (BlocRes-like)';

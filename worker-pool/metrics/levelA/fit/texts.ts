/** Words of A.a Map–model agreement. */

export const FIT_TITLE = 'A.a Map–model agreement';

export const FIT_EXPLANATION =
  'The model map (electron scattering factors of the International Tables, Peng et al. 1996, with each atom\'s B; 30 Å² when ' +
  'the model has none) is compared with the map as Phenix mtriage and validation_cryoem do. FSC between the map and the model ' +
  'map per Fourier shell, over the whole box and with both maps multiplied by a soft mask around the atoms (raised-cosine edge ' +
  'of 3 Å beyond the mask radius), with the resolutions where it falls below 0.5 and 0.143. With the model map limited to the ' +
  'reported resolution: CC_box over the whole box, CC_mask inside the mask around the atoms (radius max(3, min(10, max(resolution, ' +
  'd99, atom image radius))) Å), CC_volume over the N highest points of the model map and CC_peaks over the union of the N highest ' +
  'points of the model map and of the map (N = the voxels of the mask), and the CC inside the mask of each chain and each residue. ' +
  'd99 is the resolution at which the map, truncated in Fourier space, still correlates 0.99 with itself.';

export const FIT_CRITERIA =
  'The validation is OK if at most 10 % of the residues have a CC below 0.5 and the reported resolution is not below 0.8 × the ' +
  'resolution where the masked map–model FSC falls below 0.5.';

export const fitWarnings = {
  lowCc: (fraction: number, count: number) => `${(100 * fraction).toFixed(1)} % of the residues (${count}) have a CC below 0.5 (more than 10 %).`,
  resolution: (reported: number, d05: number) =>
    `The reported resolution (${reported} Å) is below 0.8 × the map–model FSC 0.5 resolution (${d05.toFixed(2)} Å): the map may not support it.`,
};

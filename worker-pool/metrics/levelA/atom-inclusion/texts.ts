/** Words of the atom inclusion section. */

export const INCLUSION_TITLE = 'A.h Atom inclusion';

export const INCLUSION_EXPLANATION =
  'Atom inclusion (as in the EMDB validation analysis and the wwPDB report) is the fraction of the model\'s atoms that lie ' +
  'inside the map\'s contour: the map interpolated at each atom is above the contour level. It is given for all atoms and ' +
  'for the backbone (N, CA, C, O; the sugar–phosphate backbone of nucleic acids), per residue, and as a curve over contour ' +
  'levels. A well-fitted model at a sensible contour has most of its atoms, and nearly all of its backbone, inside.';
export const INCLUSION_CRITERIA = 'No automatic criterion (VRS has none): the figures are given for the reader to judge.';
export const INCLUSION_ALGORITHM =
  'EMDB va atom inclusion: trilinear interpolation at the atoms, included when the value is above the contour; 129 levels ' +
  'linspace(min, max) with the contour inserted; hydrogens left out';
export const POOR_RESIDUE_FRACTION = 0.5;

/** Words of A.b FSC-Q. */

export const FSCQ_TITLE = 'A.b FSC-Q';

export const FSCQ_EXPLANATION =
  'FSC-Q (Ramírez-Aportela et al. 2021) compares, around each atom, how far the model is supported by the map with how ' +
  'far the map is supported by its own data: the local resolution of the map against the model map (local FSC, ' +
  'threshold 0.67) minus the local resolution of the two half maps (local FSC, threshold 0.5), in Å. Near 0: the model ' +
  'is as good as the map allows; positive: the map does not support the model there (misplaced or absent density); ' +
  'negative: the model agrees with the map beyond what the half maps support (possible over-fitting). FSC-Qr is FSC-Q ' +
  'divided by the half maps\' local resolution.';
export const FSCQ_CRITERIA = 'The validation is OK if at most 10 % of the atoms have |FSC-Qr| > 1.5 (VRS).';
export const FSCQ_ALGORITHM =
  'Xmipp\'s validate fsc-q protocol (scipion-em-xmipp protocol_validate_fscq.py): BlocRes local FSC map vs model map ' +
  '(cutoff 0.67) and half 1 vs half 2 (cutoff 0.5) in the same box, difference in Å, divided by the half maps\' local ' +
  'resolution for FSC-Qr, read at the atoms. Here: the model map is the unfiltered electron-scattering map of the model; ' +
  'the local FSC is kernels/local-fsc.ts (a Gaussian window with the second moment of BlocRes\'s 20-voxel Hann box, the ' +
  'protocol\'s default: an effective box of 12.2 voxels; positions every ≈ box/4, on the sub-box around the mask with a box of margin), restricted to the voxels within the atom image radius + 3 ' +
  'voxels of an atom (Xmipp: the model map above 0.02, dilated by 3 voxels); each atom labelled as xmipp_pdb_label_from_volume ' +
  '--radius 0.8 does (the voxels within 0.8 voxel and the one at the floor of its position, inside the mask: sign of the sum ' +
  '× mean absolute value; FSC-Qr from the voxels\' difference / half-map resolution); hydrogens left out.';
export const FSCQ_MODEL_THRESHOLD = 0.67;
export const FSCQ_HALVES_THRESHOLD = 0.5;
/** |FSC-Qr| above which an atom counts against the criterion, and the share of atoms allowed. */
export const FSCQR_LIMIT = 1.5;
export const FSCQR_MAX_PERCENT = 10;
export const fscQWarnings = {
  tooMany: (percent: number) =>
    `${percent.toFixed(1)} % of the atoms have |FSC-Qr| > ${FSCQR_LIMIT} (at most ${FSCQR_MAX_PERCENT} % allowed).`,
};
export const FSCQ_NO_ATOMS = 'FSC-Q could not be measured: no (non-hydrogen) atom of the model lies inside the box.';

/** Words of A.e Q-score. */

export const QSCORE_TITLE = 'A.e Q-score';

export const QSCORE_EXPLANATION =
  'The Q-score (Pintilie et al. 2020) measures how well each atom is resolved: the map sampled at the atom and on ' +
  'spheres of 0.1 to 2.0 Å around it is correlated with a Gaussian of width 0.6 Å (1 = an ideal, isolated peak on the ' +
  'atom; near 0 = no peak there). A residue\'s Q is the mean of its atoms\'. A well-fitted protein model has a Q near ' +
  'the value expected at the map\'s resolution (−0.1775·d + 1.1192, the line fitted on EMDB entries by MapQ), ' +
  'within about ±0.1.';
export const QSCORE_CRITERIA = 'The validation is OK if the median Q-score of the residues is above 0.1 (VRS).';
export const QSCORE_ALGORITHM =
  'MapQ\'s Q-score (qscores.py QscorePt3 @ 65d01fb): σ = 0.6 Å, 21 radii 0–2.0 Å, ≥ 8 points per sphere not closer than ' +
  '0.9·r to another atom, trilinear interpolation; reference A = min(mean + 10 sd, max) − B, B = max(mean − sd, min); ' +
  'hydrogens left out';
export const MIN_MEDIAN_Q = 0.1;
export const qScoreWarnings = {
  lowMedian: (q: number) => `The median Q-score of the residues (${q.toFixed(3)}) is below ${MIN_MEDIAN_Q}.`,
};
export const QSCORE_FLAT_MAP =
  'The Q-score could not be measured: the map does not vary around any atom of the model (is the map flat, or the ' +
  'model outside it?).';

/** Words of A.d Map–model Guinier. */

export const GUINIER_TITLE = 'A.d Map–model Guinier';

export const GUINIER_EXPLANATION =
  'The Guinier profiles (ln of the mean amplitude |F| per resolution shell, as in 0.d) of the map and of the map ' +
  'computed from the model should have the same shape: the model map\'s profile is shifted so that both have the same ' +
  'mean, and the two are correlated (Pearson R) over the shells from the first to the reported resolution.';
export const GUINIER_CRITERIA = 'The validation is OK if the correlation of the two profiles is at least 0.5.';
export const GUINIER_ALGORITHM =
  'ln mean |F| per shell ROUND(|f|·X) of the 1/N-normalised FFT (the 0.d code) of the map and of the model map, ' +
  'DC left out, shells with d ≥ the reported resolution; means equalised; Pearson R';
export const MIN_GUINIER_CORRELATION = 0.5;
export const guinierWarnings = {
  lowCorrelation: (r: number) => `The map and model Guinier profiles correlate poorly (R = ${r.toFixed(3)} < ${MIN_GUINIER_CORRELATION}).`,
};
export const GUINIER_NOT_MEASURED =
  'The profiles could not be compared: fewer than three shells lie between the first one and the reported resolution, ' +
  'or one of the maps is empty in them.';

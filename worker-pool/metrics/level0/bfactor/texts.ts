/**
 * Words of 0.d B-factor analysis. Deliberate corrections in both profiles (level0.md
 * Decision 1, "labels printed right"):
 *  - the explanation says ln of the mean amplitude |F| (not log |F|²);
 *  - the out-of-range warning has its sentence (VRS's operator precedence makes it an empty
 *    string when B < −300; the count of warnings is unchanged).
 */

export const BFACTOR_TITLE = '0.d B-factor analysis';

export const BFACTOR_EXPLANATION =
  'The B-factor line (Rosenthal and Henderson, 2003) fitted between 15 Å and the resolution reported should have a ' +
  'B-factor (4 × slope of ln mean |F| versus 1/d²) between −300 and 0 Å².';
export const BFACTOR_CRITERIA = 'The validation is OK if the B-factor is in the range [-300,0].';
export const bfactorWarnings = {
  outOfRange: (b: number) => `The B-factor is out of the interval [-300,0].${b > 0 ? ' It is oversharpened.' : ''}`,
};
export const BFACTOR_NOT_MEASURED =
  'The B-factor could not be measured: there are fewer than two Fourier shells between 15 Å and the reported resolution.';

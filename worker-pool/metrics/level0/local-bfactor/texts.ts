/** Words of 0.f Local B-factor (LocBFactor). */

export const LOCAL_BFACTOR_TITLE = '0.f Local B-factor';

export const LOCAL_BFACTOR_EXPLANATION =
  'LocBfactor (Kaur et al. 2021, Nat Commun) estimates a local resolution B-factor by decomposing the input map into ' +
  'a local magnitude and phase term using the spiral transform.';
export const LOCAL_BFACTOR_CRITERIA = 'The validation is OK if the median B-factor is in the range [-300,0].';
export const localBFactorWarnings = {
  bfactorMedian: 'The median B-factor is out of the interval [-300,0]',
};

/** Words of the placement pre-check. */

export const PLACEMENT_TITLE = 'Model placement';

export const PLACEMENT_THRESHOLD = 0.8;

export const PLACEMENT_METHOD =
  'The placement pre-check (as VRS before Level A) correlates the map with the model map at the reported resolution inside ' +
  'a mask around the atoms (CC_mask). Below 0.8 it tries the alternative origins VRS tries — the header origin, its ' +
  'negative, zero, the box centre and its negative as the position of the first voxel — and keeps the best one whose ' +
  'CC_mask is at least 0.8 and above the original; if none, the Level A analyses do not apply, and a translation search ' +
  '(FFT cross-correlation of the map with the model map, any shift, sub-voxel) reports the shift that would fit the ' +
  'model, for the depositor to apply (it is not applied: VRS only accepts its origins). The mask radius is ' +
  'max(3, min(10, max(resolution, atom image radius))) Å (mtriage\'s rule without d99).';

export const TRIAL_WORDS: Record<string, string> = {
  AS_GIVEN: 'as given',
  HEADER_ORIGIN_NEGATED: 'with the negated header origin',
  ZERO: 'with the origin at zero',
  BOX_CENTRE: 'with the origin at the box centre',
  BOX_CENTRE_NEGATED: 'with the origin at the negated box centre',
  TRANSLATION_SEARCH: 'moved by the shift the translation search found',
};

const fmt3 = (v: { x: number; y: number; z: number }) => `(${[v.x, v.y, v.z].map((a) => a.toFixed(2)).join(', ')})`;

/** The translation search's finding, when it fits (CC_mask ≥ 0.8): the shift to apply. */
export function translationSentence(shift: { x: number; y: number; z: number }, cc: number): string {
  return `A translation search finds that the model fits when moved by ${fmt3(shift)} Å (CC_mask ${cc.toFixed(3)}): ` +
    `the model and the map are not in the same frame; move the model by this vector (or correct the map's origin) and validate again.`;
}

export function placedSentence(trial: string, cc: number, asGiven: number | null): string {
  if (trial === 'AS_GIVEN') return `The model is placed in the map as given (CC_mask ${cc.toFixed(3)} ≥ 0.8).`;
  const before = asGiven === null ? 'no atom inside the box' : `CC_mask ${asGiven.toFixed(3)}`;
  return `The model is not placed in the map's frame as given (${before}); it fits ${TRIAL_WORDS[trial] ?? trial} (CC_mask ${cc.toFixed(3)}), and the Level A analyses use that frame.`;
}

/**
 * Words shared by the Level 0 sections: the "does not apply" reason without a resolution and
 * the summary's sentences. Each section's own words (title, explanation, criteria, warnings,
 * reasons) are in its folder's texts.ts, the local analyses' shared ones in local-texts.ts.
 * Wording follows the VRS code (validationLevel0.py) and the example report
 * (../shared/reference/vrs-report-emd-3271.md); where the profiles differ the Decisions section
 * of ../shared/spec/level0.md says how. The abstract sentences (one per section) are in each
 * section's declaration (<section>/index.ts).
 */

export const NO_RESOLUTION_REASON = 'The user did not provide a resolution, so this analysis does not apply.';

export const NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: some programs (0.d–0.h) do not apply or may not work properly.';

export function scoreSentence(score: number, evaluable: number): string {
  return `The overall score (passing tests) of this report is ${score} out of ${evaluable} evaluable items.`;
}

/** How the summary's resolution-estimates sentence begins (the report prints it as its own paragraph). */
export const RESOLUTION_SENTENCE_START = 'The average resolution of the map estimated by various methods';

/** Å values printed with one decimal, as in the example report ("12.9Å"). */
export function resolutionSentence(min: number, max: number, mean: number, reported: number | null, overestimated: boolean): string {
  let s = `${RESOLUTION_SENTENCE_START} goes from ${min.toFixed(1)}Å to ${max.toFixed(1)}Å with an average of ${mean.toFixed(1)}Å.`;
  if (reported !== null) s += ` The resolution reported by the user was ${reported}Å.`;
  if (overestimated) s += ' The resolution reported may be over-estimated.';
  return s;
}

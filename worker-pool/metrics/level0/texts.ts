/**
 * Words shared by the Level 0 sections: the "does not apply" reason without a resolution, the
 * threshold estimate's rule, and the summary's sentences and notices. Each section's own words (title, explanation, criteria, warnings,
 * reasons) are in its folder's texts.ts, the local analyses' shared ones in local-texts.ts.
 * Wording follows the VRS code (validationLevel0.py) and the example report
 * (../shared/reference/vrs-report-emd-3271.md); where the profiles differ the Decisions section
 * of ../shared/spec/level0.md says how. The abstract sentences (one per section) are in each
 * section's declaration (<section>/index.ts).
 */
import type { ResolutionEstimate } from '../levels.js';

export const NO_RESOLUTION_REASON = 'The user did not provide a resolution, so this analysis does not apply.';

export const NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: some programs (0.d–0.h) do not apply or may not work properly. ' +
  'Give the reported resolution with --resolution R (GraphQL: the resolution argument, or setMapMetadata).';

/** The rule of the threshold estimate (spec level0.md, Decisions 4; inputs.ts estimateThreshold, the level0.threshold metric). */
export const THRESHOLD_ESTIMATE_RULE = 'the level above which 1 % of the voxels lie';

/** How a user gives the map's contour level instead of the estimate. */
export const HOW_TO_GIVE_A_THRESHOLD =
  'give it with --threshold T, or its EMDB header with --emdb-header XML (GraphQL: the threshold argument, or setMapMetadata)';

/** How the summary's estimated-threshold notice begins (the report shows it as an alert). */
export const ESTIMATED_THRESHOLD_NOTICE_START = 'No threshold was given';

/** Threshold values as the command line prints them: six significant digits. */
export const thresholdText = (t: number): string => (Number.isInteger(t) ? String(t) : t.toPrecision(6).replace(/\.?0+$/, ''));

/** The summary's notice when the threshold was estimated: the value, the rule, how to give one. */
export function estimatedThresholdNotice(threshold: number): string {
  return `${ESTIMATED_THRESHOLD_NOTICE_START}: the threshold ${thresholdText(threshold)} was estimated as ${THRESHOLD_ESTIMATE_RULE}, ` +
    `and the masks (0.b) and the analyses that use them rest on it. To use the map's contour level instead, ${HOW_TO_GIVE_A_THRESHOLD}.`;
}

export function scoreSentence(score: number, evaluable: number): string {
  return `The overall score (passing tests) of this report is ${score} out of ${evaluable} evaluable items.`;
}

/** How the summary's resolution-estimates sentence begins (the report prints it as its own paragraph). */
export const RESOLUTION_SENTENCE_START = 'Resolution estimated by the analyses:';

const aa = (x: number) => `${x.toFixed(1)} Å`;

/** Å values printed with one decimal, as in the example report ("12.9 Å"). */
export function resolutionSentence(estimates: ResolutionEstimate[], reported: number | null, overestimated: boolean): string {
  const each = estimates.map((e) => e.p2_5 !== null && e.p97_5 !== null
    ? `${e.label}, median ${aa(e.median)}, 2.5–97.5 % range ${e.p2_5.toFixed(1)}–${aa(e.p97_5)}`
    : `${e.label}, ${aa(e.median)}`);
  let s = `${RESOLUTION_SENTENCE_START} ${each.join('; ')}.`;
  if (reported !== null) s += ` The resolution reported by the user was ${reported} Å.`;
  if (overestimated) s += ' The resolution reported may be over-estimated.';
  return s;
}

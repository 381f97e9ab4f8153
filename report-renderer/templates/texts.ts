/**
 * Sentences of the summary's abstract the report lays out apart (a paragraph, an alert). They
 * are the contract's words (worker-pool/metrics/level0/texts.ts makes them; texts.test.ts
 * checks that both say the same).
 */
export const NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: some programs (0.d–0.h) do not apply or may not work properly.';

export const RESOLUTION_SENTENCE_START = 'The average resolution of the map estimated by various methods';

/** How every level's no-resolution notice begins (Level 1's says which criteria were not checked). */
export const NO_RESOLUTION_START = 'The user did not report a resolution';

/** The score over every printed level, when the report has more than one. */
export function overallScoreSentence(score: number, evaluable: number): string {
  return `Over all levels, the overall score (passing tests) of this report is ${score} out of ${evaluable} evaluable items.`;
}

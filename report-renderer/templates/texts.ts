/**
 * Sentences of the summary's abstract the report lays out apart (a paragraph, an alert). They
 * are the contract's words (worker-pool/metrics/level0/texts.ts makes them; texts.test.ts
 * checks that both say the same).
 */
export const NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: some programs (0.d–0.h) do not apply or may not work properly.';

export const RESOLUTION_SENTENCE_START = 'The average resolution of the map estimated by various methods';

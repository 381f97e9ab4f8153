/**
 * Sentences of the summary's abstract the report lays out apart (a paragraph, an alert). They
 * are the contract's words (worker-pool/metrics/level0/texts.ts makes them; texts.test.ts
 * checks that both say the same).
 */
export const NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: some programs (0.d–0.h) do not apply or may not work properly. ' +
  'Give the reported resolution with --resolution R (GraphQL: the resolution argument, or setMapMetadata).';

/** How the notice of an estimated threshold begins. */
export const ESTIMATED_THRESHOLD_NOTICE_START = 'No threshold was given';

export const RESOLUTION_SENTENCE_START = 'Resolution estimated by the analyses:';

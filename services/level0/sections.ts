/** Level 0 section fields ↔ metric names (worker-pool/metrics/level0). One field, one metric. */
export const LEVEL0_SECTIONS = {
  inputData: 'level0.inputData',
  mass: 'level0.mass',
  mask: 'level0.mask',
  background: 'level0.background',
  bFactor: 'level0.bFactor',
  localResolution: 'level0.localResolution',
  localBFactor: 'level0.localBFactor',
  localOccupancy: 'level0.localOccupancy',
  hand: 'level0.hand',
  summary: 'level0.summary',
} as const;

export type Level0SectionField = keyof typeof LEVEL0_SECTIONS;

/** The sections a dashboard starts and polls (the summary is derived from them). */
export const LEVEL0_COMPUTED_SECTIONS = (Object.keys(LEVEL0_SECTIONS) as Level0SectionField[]).filter((s) => s !== 'summary');

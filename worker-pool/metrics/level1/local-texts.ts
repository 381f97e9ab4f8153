/** Words shared by Level 1's local-resolution sections (1.c, 1.e). */

export const level1LocalWarnings = {
  /** printf %5.2f for both numbers, as 0.e */
  resolutionPercentile: (resolution: number, percentile: number) =>
    `The reported resolution, ${resolution.toFixed(2)} Å, is particularly high with respect to the local resolution ` +
    `distribution. It occupies the ${percentile.toFixed(2)} percentile.`,
};

export const LEVEL1_NO_RESOLUTION_REASON =
  'No reported resolution was given: the criterion compares it with the measured distribution (give --resolution).';

/**
 * Words shared by the Level A sections (the atomic model against the map): why a section does
 * not apply, and the summary's notice. Each section's own words are in its folder's texts.ts.
 */

export const LEVEL_A_NO_RESOLUTION_REASON =
  'The user did not provide a resolution; the model map is computed at the map\'s resolution, so this analysis does not apply.';

export const LEVEL_A_NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: the map–model analyses of Level A do not apply.';

/** The reason every Level A section gives when the placement pre-check found no frame where the model fits. */
export function notPlacedReason(ccMask: number | null): string {
  const cc = ccMask === null ? 'no atom of the model lies in the box' : `the best CC_mask is ${ccMask.toFixed(2)}, below 0.8`;
  return `The model is not placed in the map (${cc}, with the map's origin and each alternative origin VRS tries); ` +
    'fit the model into the map (or give the right origin) and validate again.';
}

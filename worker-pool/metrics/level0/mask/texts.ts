/** Words of 0.b Mask analysis (VRS wording; the criteria differ by profile). */
import type { CriteriaProfile } from '../../types.js';

export const MASK_TITLE = '0.b Mask analysis';

export const MASK_EXPLANATION =
  'The map at the threshold used should have most of its mass concentrated in a single connected component. ' +
  'It is normal that after thresholding there are a few thousands of very small, disconnected noise blobs. However, ' +
  'their total mass should not exceed 10%. The raw mask (just thresholding) and the mask constructed for the analysis ' +
  '(thresholding + largest connected component + dilation) should significantly overlap. Overlap is defined by the ' +
  'overlapping coefficient (size(Raw AND Constructed)/size(Raw)) that is a number between 0 and 1, the closer to 1, ' +
  'the more they agree.';
export function maskCriteria(profile: CriteriaProfile): string {
  const second =
    profile === 'vrs-2024'
      ? 'the average volume of the blobs outside the given threshold has a size smaller than 5 Å³'
      : 'the mass outside the largest connected component is at most 10% of the raw mask';
  return (
    'The validation is OK if 1) to keep 95% of the mass we need to keep at most 5 connected components; and ' +
    `2) ${second}; and 3) the overlap between the raw mask and the mask constructed for the analysis is larger than 75%.`
  );
}
export const maskWarnings = {
  connectivity:
    'There might be a problem of connectivity at this threshold because more than 5 connected components are needed ' +
    'to reach 95% of the total mask. Probably a smaller threshold will not cause this issue.',
  /** vrs-2024 criterion 2 (printf %f: six decimals). */
  noiseBlobVolume: (v: number) =>
    `There might be a problem with noise and artifacts, because the average noise blob has a volume of ${v.toFixed(6)} Å³.`,
  /** standard criterion 2. */
  outsideLargest: (p: number) =>
    `There might be a problem with noise and artifacts: ${p.toFixed(2)} % of the thresholded mass lies outside the largest component (more than 10 %).`,
  overlap:
    'There might be a problem in the construction of the mask, because the overlap is smaller than 0.75. A common ' +
    'reason is that the threshold causes too many disconnected components.',
};

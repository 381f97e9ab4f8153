/**
 * Words of the Level 0 sections 0.a–0.d: titles, explanations, criteria, warnings and the
 * abstract sentences. Wording follows the VRS code (validationLevel0.py) and the example
 * report (../shared/reference/vrs-report-emd-3271.md); where the profiles differ the
 * Decisions section of ../shared/spec/level0.md says how.
 * Deliberate corrections in BOTH profiles (Decision 1, "labels printed right"):
 *  - 0.a criteria say "20 Å" (the code's test), not "20 % of the map dimensions";
 *  - 0.d says ln of the mean amplitude |F| (not log |F|²);
 *  - 0.d's out-of-range warning has its sentence (VRS's operator precedence makes it an empty
 *    string when B < −300; the count of warnings is unchanged).
 */
import type { Axis } from '../../volume.js';
import type { CriteriaProfile } from '../types.js';

/**
 * Section titles, id included, each printed once: "0.a Mass analysis" in the section table,
 * "2.1 Level 0.a Mass analysis" as the heading. They name what is measured, not the method
 * (0.e is MonoRes and 0.h helix template matching here, not VRS's DeepRes and Deep Hand;
 * level0.md Decisions 2 and 3): the method is named in the section's text and `algorithm`.
 */
export const TITLES = {
  '0.a': '0.a Mass analysis',
  '0.b': '0.b Mask analysis',
  '0.c': '0.c Background analysis',
  '0.d': '0.d B-factor analysis',
  '0.e': '0.e Local resolution',
  '0.f': '0.f Local B-factor',
  '0.g': '0.g Local Occupancy',
  '0.h': '0.h Hand',
} as const;

export type SectionId = keyof typeof TITLES;

const AX: Record<Axis, string> = { x: 'X', y: 'Y', z: 'Z' };

// ---- 0.a -------------------------------------------------------------------------------
export const MASS_EXPLANATION =
  'The reconstructed map must be relatively well centered in the box, and there should be at least 30 Å ' +
  '(the exact size depends on the CTF) on each side to make sure that the CTF can be appropriately corrected.';
export const MASS_CRITERIA =
  'The validation is OK if 1) the decentering and center of mass less than 20% of the map dimensions in all ' +
  'directions, and 2) the extra space on each direction is more than 20 Å. For local and focused refinement, ' +
  'or similar, warnings are expected.';
export const massWarnings = {
  decentered: (a: Axis) => `The volume might be significantly decentered in ${AX[a]}.`,
  leftSpace: (a: Axis) => `There could be little space from ${AX[a]} left to effectively correct for the CTF.`,
  rightSpace: (a: Axis) => `There could be little space from ${AX[a]} right to effectively correct for the CTF.`,
  centerOfMass: (a: Axis) =>
    `The center of mass in ${AX[a]} may be significantly shifted. This is common when the refinement is applied exclusively to one protein region.`,
  emptyMask: 'Threshold parameter is too high, try to lower it.',
};

// ---- 0.b -------------------------------------------------------------------------------
export const MASK_EXPLANATION =
  'The map at the suggested threshold should have most of its mass concentrated in a single connected component. ' +
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
    'reason is that the suggested threshold causes too many disconnected components.',
};

// ---- 0.c -------------------------------------------------------------------------------
export const BACKGROUND_EXPLANATION =
  'Background is defined as the region outside the macromolecule mask. The background mean should be zero, and the ' +
  'number of voxels with a very low or very high value (below 5 standard deviations of the noise) should be very small ' +
  'and they should be randomly distributed without any specific structure. Sometimes, you can see some structure due ' +
  'to the symmetry of the structure.';
export const BACKGROUND_CRITERIA =
  'The validation is OK if 1) the p-value of the null hypothesis that the background has 0 mean is larger than 0.001; ' +
  'and 2) the number of voxels above or below 5 sigma is smaller than 20 times the amount expected for a Gaussian ' +
  'with the same standard deviation whose mean is 0.';
export const backgroundWarnings = {
  mean:
    'The null hypothesis that the background mean is 0 has been rejected because the p-value of the comparison is smaller than 0.001',
  /** printf %5.2f */
  outliers: (ratio: number) => `There is a significant proportion of outlier values in the background (cdf5 ratio=${ratio.toFixed(2)})`,
};

// ---- 0.d -------------------------------------------------------------------------------
export const BFACTOR_EXPLANATION =
  'The B-factor line (Rosenthal and Henderson, 2003) fitted between 15 Å and the resolution reported should have a ' +
  'B-factor (4 × slope of ln mean |F| versus 1/d²) between −300 and 0 Å².';
export const BFACTOR_CRITERIA = 'The validation is OK if the B-factor is in the range [-300,0].';
export const bfactorWarnings = {
  outOfRange: (b: number) => `The B-factor is out of the interval [-300,0].${b > 0 ? ' It is oversharpened.' : ''}`,
};
export const BFACTOR_NOT_MEASURED =
  'The B-factor could not be measured: there are fewer than two Fourier shells between 15 Å and the reported resolution.';
export const NO_RESOLUTION_REASON = 'The user did not provide a resolution, so this analysis does not apply.';

// The abstract sentences (one per section, VRS wording) are in each section's declaration (<section>/index.ts).

export const NO_RESOLUTION_NOTICE =
  'The user did not report a resolution: some programs (0.d–0.h) do not apply or may not work properly.';

export function scoreSentence(score: number, evaluable: number): string {
  return `The overall score (passing tests) of this report is ${score} out of ${evaluable} evaluable items.`;
}

/** Å values printed with one decimal, as in the example report ("12.9Å"). */
/** How the summary's resolution-estimates sentence begins (the report prints it as its own paragraph). */
export const RESOLUTION_SENTENCE_START = 'The average resolution of the map estimated by various methods';

export function resolutionSentence(min: number, max: number, mean: number, reported: number | null, overestimated: boolean): string {
  let s = `${RESOLUTION_SENTENCE_START} goes from ${min.toFixed(1)}Å to ${max.toFixed(1)}Å with an average of ${mean.toFixed(1)}Å.`;
  if (reported !== null) s += ` The resolution reported by the user was ${reported}Å.`;
  if (overestimated) s += ' The resolution reported may be over-estimated.';
  return s;
}

// ---- 0.e–0.g local analyses (MonoRes, LocBFactor, LocOccupancy) -------------------------
// Warning sentences follow the VRS code as far as it is known; the 0.e percentile warning and
// the 0.g median warning are reconstructions (the example report shows neither firing).
export const LOCAL_RESOLUTION_EXPLANATION =
  'MonoRes (Vilas et al. 2018, Structure) measures the local resolution with the monogenic signal: the map is ' +
  'high-pass filtered at a sequence of resolutions and, at each of them, the local amplitude of every voxel inside ' +
  'the mask is compared with the amplitude of the noise outside the mask. A voxel is assigned the finest resolution ' +
  'at which its amplitude is still significantly above the noise (95%). VRS used DeepRes here; its trained network ' +
  'is not available, so this single-map MonoRes estimate is used instead (values limited to the DeepRes range).';
export const LOCAL_RESOLUTION_CRITERIA =
  'The validation is OK if the percentile of the user provided resolution is larger than 0.1% of the percentile of ' +
  'the local resolution as estimated by MonoRes.';
export const LOCAL_BFACTOR_EXPLANATION =
  'LocBfactor (Kaur et al. 2021, Nat Commun) estimates a local resolution B-factor by decomposing the input map into ' +
  'a local magnitude and phase term using the spiral transform.';
export const LOCAL_BFACTOR_CRITERIA = 'The validation is OK if the median B-factor is in the range [-300,0].';
export const LOCAL_OCCUPANCY_EXPLANATION =
  'LocOccupancy (Kaur et al. 2021, Nat Commun) estimates the occupancy of a voxel by the macromolecule.';
export const LOCAL_OCCUPANCY_CRITERIA = 'The validation is OK if the median occupancy is larger than 50%.';
export const localWarnings = {
  homogeneous: 'Program output seems too homogeneous. There might be some program issue analyzing the data.',
  /** printf %5.2f for both numbers */
  resolutionPercentile: (resolution: number, percentile: number) =>
    `The reported resolution, ${resolution.toFixed(2)} Å, is particularly high with respect to the local resolution ` +
    `distribution. It occupies the ${percentile.toFixed(2)} percentile.`,
  bfactorMedian: 'The median B-factor is out of the interval [-300,0]',
  occupancyMedian: 'The median occupancy is smaller than 50%',
};
export const LOCAL_RESOLUTION_RANGE_REASON = (r: number) =>
  `The reported resolution, ${r} Å, is outside the range 2–13 Å in which the local-resolution analysis applies.`;
export const LOCAL_EMPTY_REASON = 'The local analysis could not be measured: no voxel of the mask received a value.';
export const LOCAL_LOW_RESOLUTION_REASON = (r: number) =>
  `The local analysis could not be measured: the reported resolution, ${r} Å, is not finer than 15 Å, the low end of its frequency range.`;

// ---- 0.h hand (helix template matching, the DeepHand stand-in of level0.md Decision 3) ---
export const HAND_METHOD = 'Helix template matching (DeepHand stand-in)';
export const HAND_EXPLANATION =
  'The hand of the map is checked for maps with a resolution of 5 Å or better, with a value between 0 (correct ' +
  'hand) and 1 (mirrored map). VRS used Deep Hand, a neural network, here; its trained weights are not available, ' +
  'so this report uses helix template matching instead: density tubes (α-helix candidates) are found in the map ' +
  'filtered to 5 Å or finer, and each is compared with ideal right-handed and left-handed α-helices filtered in ' +
  'the same way. Proteins have right-handed α-helices, so a map whose helices match the left-handed template ' +
  'better is probably mirrored.';
export const HAND_CRITERIA = 'The validation is OK if the hand value is smaller than 0.4 (0.5 or more: the map seems flipped).';
export const handWarnings = {
  flipped: 'The volume seems to be flipped.',
  uncertain: 'The orientation of the volume is uncertain.',
};
export const HAND_RESOLUTION_REASON = 'This method cannot be applied to maps with a resolution worse than 5Å.';
export const HAND_NOT_MEASURED =
  'The hand could not be measured: no α-helix-like density tube was found in the mask (the map may have no helices, ' +
  'or the threshold may be too high).';

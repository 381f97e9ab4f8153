/** Words of 0.h Hand (helix template matching, the DeepHand stand-in of level0.md Decision 3). */

export const HAND_TITLE = '0.h Hand';

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
/** FAILED: the mask holds no density tube at all (nothing at the threshold, or only blobs). */
export const HAND_NO_TUBES =
  'The hand could not be measured: no density tube was found at the threshold (the threshold may be too high, or the ' +
  'map holds no tube-like density).';
export const HAND_NO_TUBES_EVIDENCE = 'No density tube of 8 Å or more was found inside the mask V ≥ t.';
/** FAILED: tubes, but none like an α-helix (a β-only or coil map). */
export const HAND_NO_HELICES =
  'The hand could not be measured: density tubes were found but none is like an α-helix (the map may have no ' +
  'helices: β-sheets and loops only).';
/** FAILED: tubes voted, but the vote's confidence is low (below medium, |z| < 1): no hand is shown. */
export const HAND_UNDECIDED =
  'The hand could not be measured: the density tubes do not agree on a hand (the vote\'s confidence is below 0.68; ' +
  'the map may have no clear α-helices: β-sheets and loops only, or too few of them).';

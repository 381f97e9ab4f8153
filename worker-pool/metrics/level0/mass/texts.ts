/**
 * Words of 0.a Mass analysis (VRS wording, validationLevel0.py). Deliberate correction in both
 * profiles (level0.md Decision 1, "labels printed right"): the criteria say "20 Å" (the code's
 * test), not "20 % of the map dimensions".
 */
import type { Axis } from '../../../volume.js';

export const MASS_TITLE = '0.a Mass analysis';

const AX: Record<Axis, string> = { x: 'X', y: 'Y', z: 'Z' };

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


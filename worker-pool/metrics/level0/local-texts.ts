/**
 * Words shared by the local analyses 0.e–0.g (MonoRes, LocBFactor, LocOccupancy); each
 * section's own words are in its texts.ts. Warning sentences follow the VRS code as far as it
 * is known.
 */

export const localWarnings = {
  homogeneous: 'Program output seems too homogeneous. There might be some program issue analyzing the data.',
};
export const LOCAL_EMPTY_REASON = 'The local analysis could not be measured: no voxel of the mask received a value.';
export const LOCAL_LOW_RESOLUTION_REASON = (r: number) =>
  `The local analysis could not be measured: the reported resolution, ${r} Å, is not finer than 15 Å, the low end of its frequency range.`;

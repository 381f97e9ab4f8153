/**
 * Level 1's input figures (higher-levels.md §5, as EMDB va shows them): central and
 * largest-variance slices of each half map and of half1 − half2.
 */
import type { Dims } from '../../../volume.js';
import { centralSlices, maxVarianceSlices, type PutArtifact } from '../../level0/figures.js';
import type { HalfMapData } from './record.js';

export const HALF_MAP_DATA_VERSION = '1';

export function computeHalfMapData(half1: Float32Array, half2: Float32Array, d: Dims, put: PutArtifact): HalfMapData {
  const difference = new Float32Array(half1.length);
  for (let i = 0; i < difference.length; i++) difference[i] = half1[i]! - half2[i]!;
  return {
    half1CentralSlices: centralSlices(half1, d, put, 'half1CentralSlice'),
    half1MaxVarianceSlices: maxVarianceSlices(half1, d, put, 'half1MaxVarianceSlice'),
    half2CentralSlices: centralSlices(half2, d, put, 'half2CentralSlice'),
    half2MaxVarianceSlices: maxVarianceSlices(half2, d, put, 'half2MaxVarianceSlice'),
    differenceCentralSlices: centralSlices(difference, d, put, 'halfDifferenceCentralSlice'),
    differenceMaxVarianceSlices: maxVarianceSlices(difference, d, put, 'halfDifferenceMaxVarianceSlice'),
  };
}

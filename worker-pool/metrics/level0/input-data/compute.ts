/**
 * The "Input data" figures (level0.md §3): central slices, largest-variance slices and
 * projections of the map, and the largest-variance slices of the hard and soft masks.
 * Isosurface views are rendered by the report renderer and start empty.
 */
import type { Dims } from '../../../volume.js';
import type { InputData } from './record.js';
import type { Image } from '../../section-record.js';
import { centralSlices, maxVarianceSlices, projections, type PutArtifact } from '../figures.js';

// 2: slices whose variances tie (symmetric maps) go to the first index, as np.argmax of the exact variances
export const INPUT_DATA_VERSION = '2';

/** `softMaskSlices`: made by level0.softMask with the mask (support.ts), so the soft mask is not read here. */
export function computeInputData(data: Float32Array, d: Dims, hard: Uint8Array, softMaskSlices: Image[], put: PutArtifact): InputData {
  return {
    centralSlices: centralSlices(data, d, put, 'centralSlice'),
    maxVarianceSlices: maxVarianceSlices(data, d, put, 'maxVarianceSlice'),
    projections: projections(data, d, put, 'projection'),
    hardMaskSlices: maxVarianceSlices(hard, d, put, 'hardMaskSlice'),
    softMaskSlices,
    isosurfaceViews: [],
  };
}

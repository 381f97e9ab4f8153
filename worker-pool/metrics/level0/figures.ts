/**
 * Orthogonal-slice and projection figures as PNG artifacts (level0.md §3): the images kernel
 * extracts and encodes them the VRS way; this file only names and stores them.
 */
import type { Axis, Dims } from '../../volume.js';
import type { ArtifactRef } from '../types.js';
import type { Image } from '../section-record.js';
import { centralSliceIndices, extractSlice, maxVarianceSliceIndices, projections as projectionImages, sparseMaxVarianceSliceIndices, sparseSlice, vrsPng, type SparseVoxels } from '../../kernels/images.js';

export type PutArtifact = (bytes: Uint8Array, mediaType: string, role: string) => ArtifactRef;
type Voxels = Float32Array | Float64Array | Uint8Array;

const AXES: Axis[] = ['x', 'y', 'z'];
const NAME: Record<Axis, string> = { x: 'X', y: 'Y', z: 'Z' };

function store(put: PutArtifact, png: { png: Uint8Array; width: number; height: number }, role: string, axis: Axis, index: number | null, caption: string): Image {
  const ref = put(png.png, 'image/png', role);
  return { sha256: ref.sha256, url: `/artifacts/${ref.sha256}.png`, axis, index, width: png.width, height: png.height, caption };
}

/** `value`, when given, maps every voxel of a slice first (as the slice of the mapped volume, without building that volume). */
function slicesAt(data: Voxels, d: Dims, at: Record<Axis, number>, put: PutArtifact, role: string, value?: (v: number) => number): Image[] {
  return AXES.map((a) => {
    const slice = extractSlice(data, d, a, at[a]);
    if (value) slice.values.forEach((v, i) => (slice.values[i] = value(v)));
    return store(put, vrsPng(slice, a), role, a, at[a], `${NAME[a]} Slice ${at[a]}`);
  });
}

/** Slices at floor(N/2); `value` maps each voxel first (elementwise). */
export function centralSlices(data: Voxels, d: Dims, put: PutArtifact, role: string, value?: (v: number) => number): Image[] {
  return slicesAt(data, d, centralSliceIndices(d), put, role, value);
}

/** The slice of largest population variance along each axis. */
export function maxVarianceSlices(data: Voxels, d: Dims, put: PutArtifact, role: string): Image[] {
  return slicesAt(data, d, maxVarianceSliceIndices(data, d), put, role);
}

/** maxVarianceSlices of a map that is zero but at a few voxels, without building its box. */
export function sparseMaxVarianceSlices(sparse: SparseVoxels, d: Dims, put: PutArtifact, role: string): Image[] {
  const at = sparseMaxVarianceSliceIndices(sparse, d);
  return AXES.map((a) => store(put, vrsPng(sparseSlice(sparse, d, a, at[a]), a), role, a, at[a], `${NAME[a]} Slice ${at[a]}`));
}

/** Sums along each axis; with `from`, of the map thresholded there (values below it count as 0). */
export function projections(data: Voxels, d: Dims, put: PutArtifact, role: string, from?: number): Image[] {
  const sums = projectionImages(data, d, from);
  return AXES.map((a) => store(put, vrsPng(sums[a], a), role, a, null, `${NAME[a]} Projection`));
}

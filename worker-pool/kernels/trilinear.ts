/**
 * Trilinear interpolation of a map (x fastest, volume.ts layout). Values outside the box, and in
 * the last voxel layer of each axis (where the eight corners are not all inside), are 0, as
 * Chimera's `interpolated_values` (which MapQ's Q-score uses) answers outside the grid. Shared by
 * 0.h (helix matching), the Q-score and atom inclusion.
 */
import type { Dims, Volume } from '../volume.js';

/** The map at voxel coordinates (x, y, z) (voxel i at coordinate i); 0 outside. */
export function trilinear(map: Float32Array, d: Dims, x: number, y: number, z: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y), z0 = Math.floor(z);
  if (x0 < 0 || y0 < 0 || z0 < 0 || x0 >= d.nx - 1 || y0 >= d.ny - 1 || z0 >= d.nz - 1) return 0;
  const fx = x - x0, fy = y - y0, fz = z - z0;
  const sy = d.nx, sz = d.nx * d.ny;
  const i = x0 + sy * y0 + sz * z0;
  const c00 = map[i]! + fx * (map[i + 1]! - map[i]!);
  const c10 = map[i + sy]! + fx * (map[i + sy + 1]! - map[i + sy]!);
  const c01 = map[i + sz]! + fx * (map[i + sz + 1]! - map[i + sz]!);
  const c11 = map[i + sy + sz]! + fx * (map[i + sy + sz + 1]! - map[i + sy + sz]!);
  const c0 = c00 + fy * (c10 - c00);
  const c1 = c01 + fy * (c11 - c01);
  return c0 + fz * (c1 - c0);
}

/** The map at a point given in Å (the model's frame: voxel (0,0,0) sits at `origin`); 0 outside. */
export function sampleAt(v: Volume, x: number, y: number, z: number): number {
  return trilinear(v.data, v, (x - v.origin.x) / v.voxelSize.x, (y - v.origin.y) / v.voxelSize.y, (z - v.origin.z) / v.voxelSize.z);
}

/** The map at n points (Å), e.g. every atom of a model. */
export function sampleAtPoints(v: Volume, x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = sampleAt(v, x[i]!, y[i]!, z[i]!);
  return out;
}

/**
 * The in-memory map every kernel and metric works on.
 * Voxels are float32, x fastest: index = x + nx·(y + ny·z)  ([z][y][x], numpy V[z, y, x]).
 * `data` is normally backed by a SharedArrayBuffer so the pool's workers read it without copying.
 */
import { sharedBuffer } from './kernels/memory/shared-memory.js';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface Dims {
  nx: number;
  ny: number;
  nz: number;
}

export interface Volume extends Dims {
  data: Float32Array;
  /** Å per voxel along x, y, z. */
  voxelSize: Vec3;
  /** Å, position of voxel (0, 0, 0). */
  origin: Vec3;
}

export type Axis = 'x' | 'y' | 'z';

export function voxelCount(d: Dims): number {
  return d.nx * d.ny * d.nz;
}

/** A Float32Array of n voxels on a SharedArrayBuffer (zero-filled; a big one on huge pages when it can: kernels/memory). */
export function sharedFloat32(n: number): Float32Array {
  return new Float32Array(sharedBuffer(n * 4));
}

/** A Uint8Array of n voxels on a SharedArrayBuffer (zero-filled; huge pages as sharedFloat32): masks. */
export function sharedUint8(n: number): Uint8Array {
  return new Uint8Array(sharedBuffer(n));
}

/**
 * Float32 voxels stored as little-endian bytes (an artifact read back): a view when the bytes
 * are 4-byte aligned, else an aligned copy. (Copy with `new Uint8Array(bytes)`, never
 * `bytes.slice()`: on a Node Buffer `slice` is a view of the whole underlying memory.)
 */
export function float32FromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  return new Float32Array(new Uint8Array(bytes).buffer, 0, bytes.byteLength >> 2);
}

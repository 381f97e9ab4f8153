/**
 * A pass of the 3D FFT described as plain data, so that the calling thread and the helper
 * threads (fft-worker.ts) run the same chunks. Chunks are claimed with Atomics.add on a
 * per-pass control array: [0] next chunk, [1] chunks done, [2] error flag.
 */
import type { Dims } from '../../volume.js';
import type { FftEngine } from './engine.js';
import { SPECTRUM_PLANE_KERNELS, type SpectrumPlaneKernel } from '../fourier/spectrum-planes.js';
import { wholePlane, zeroSpectrumPlane, type PlaneRect } from './rfft3d-core.js';

export interface ArrayRef {
  buffer: ArrayBufferLike;
  byteOffset: number;
  length: number;
}

export interface PassJob {
  /** The FFT's three chunk kinds, or 'spectrumPlane': `kernel` on plane i of spectra a (and b). */
  op: 'forwardPlane' | 'column' | 'inversePlane' | 'roundTripPlane' | 'spectrumPlane';
  engine: 'ts' | 'wasm';
  dims: Dims;
  /** forwardPlane: real input; column: source spectrum; inversePlane, roundTripPlane: spectrum. */
  a: ArrayRef;
  /** forwardPlane: spectrum; column: destination spectrum; inversePlane: real output. */
  b: ArrayRef;
  sign: 1 | -1;
  scale: number;
  /** Number of chunks: nz for plane passes, ny for column passes. */
  total: number;
  /** forwardPlane: multiply the real input by this (same length) as it is read; roundTripPlane: the mask. */
  mask?: ArrayRef;
  /**
   * The mask holds only this box [x0, x1, y0, y1, z0, z1) (x fastest) and is zero outside it
   * (fft3d.ts BoxedMask): each plane is expanded into a per-thread plane as it is needed.
   */
  maskBox?: MaskBox;
  /** column: transform only the columns with fx² + fy² < radius² (cycles per voxel), zero the others. */
  radius?: number;
  /** spectrumPlane: which kernel (fourier/spectrum-planes.ts), its numeric parameters and its Float64 output. */
  kernel?: SpectrumPlaneKernel;
  params?: number[];
  out?: ArrayRef;
  /** spectrumPlane: more float32 arrays the kernel reads or writes. */
  extra?: ArrayRef[];
  /** Int32Array(4) on a SharedArrayBuffer, plus an error text area after it. */
  control?: SharedArrayBuffer;
}

export function refOf(a: Float32Array | Float64Array): ArrayRef {
  return { buffer: a.buffer, byteOffset: a.byteOffset, length: a.length };
}

export function viewOf(r: ArrayRef): Float32Array {
  return new Float32Array(r.buffer, r.byteOffset, r.length);
}

/** [x0, x1, y0, y1, z0, z1): a half-open box of voxels. */
export type MaskBox = [number, number, number, number, number, number];

let scratch: { key: string; plane: Float32Array } | undefined;

/**
 * The nx·ny values of the mask's plane z and where they may be non-zero (null: all zero), from a
 * whole mask or a boxed one.
 */
function maskPlane(job: PassJob, z: number): { plane: Float32Array; rect: PlaneRect } | null {
  const { nx, ny } = job.dims;
  const m = viewOf(job.mask!);
  if (!job.maskBox) return { plane: m.subarray(z * nx * ny, (z + 1) * nx * ny), rect: wholePlane(nx, ny) };
  const [x0, x1, y0, y1, z0, z1] = job.maskBox;
  if (z < z0 || z >= z1) return null;
  const bx = x1 - x0, by = y1 - y0, from = (z - z0) * bx * by;
  const rect = { x0, x1, y0, y1 };
  if (bx === nx && by === ny) return { plane: m.subarray(from, from + nx * ny), rect };
  // outside the box the plane stays zero: only the box's rows are written, the same ones every plane
  const key = `${nx},${ny},${job.maskBox.join(',')}`;
  if (scratch?.key !== key) scratch = { key, plane: new Float32Array(nx * ny) };
  const p = scratch.plane;
  for (let y = 0; y < by; y++) p.set(m.subarray(from + y * bx, from + (y + 1) * bx), (y0 + y) * nx + x0);
  return { plane: p, rect };
}

export function runChunk(eng: FftEngine, job: PassJob, a: Float32Array, b: Float32Array, i: number): void {
  if (job.op === 'forwardPlane' || job.op === 'roundTripPlane') {
    const mask = job.mask ? maskPlane(job, i) : undefined;
    // a zero mask plane: the masked plane and its transform are zero
    if (mask === null) zeroSpectrumPlane(job.op === 'forwardPlane' ? b : a, job.dims, i);
    else if (job.op === 'forwardPlane') eng.forwardPlane(a, b, job.dims, i, mask?.plane, mask?.rect);
    else eng.roundTripPlane(a, mask!.plane, job.dims, i, job.scale, mask!.rect);
  } else if (job.op === 'spectrumPlane') SPECTRUM_PLANE_KERNELS[job.kernel!](a, b, job.dims, i, job.params ?? [], job.out && new Float64Array(job.out.buffer, job.out.byteOffset, job.out.length), job.extra?.map(viewOf));
  else if (job.op === 'column') eng.columnPass(a, b, job.dims, i, job.sign, job.scale, job.radius);
  else eng.inversePlane(a, b, job.dims, i, job.scale);
}

export const CONTROL_BYTES = 16 + 1024;

/** Claims and runs chunks until none is left; records the first error in the control area. */
export function workOnPass(eng: FftEngine, job: PassJob): void {
  const ctl = new Int32Array(job.control!, 0, 4);
  const a = viewOf(job.a), b = viewOf(job.b);
  for (;;) {
    const i = Atomics.add(ctl, 0, 1);
    if (i >= job.total) break;
    try {
      runChunk(eng, job, a, b, i);
    } catch (error) {
      if (Atomics.compareExchange(ctl, 2, 0, 1) === 0) {
        const text = new TextEncoder().encode(String((error as Error)?.stack ?? error)).subarray(0, 1024);
        new Uint8Array(job.control!, 16, 1024).set(text);
      }
    }
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  }
}

/**
 * An engine = a per-thread workspace plus a batched 1D complex FFT on it. The 3D driver
 * (rfft3d-core.ts) only moves data between the caller's arrays and the workspace, so the
 * TypeScript engine and the WASM engine are interchangeable.
 */
import type { Dims } from '../../volume.js';
import { fftBatchTs, type SplitBuffers } from './batch-ts.js';
import { plan1d } from './plan1d.js';
import { columnPass, forwardPlane, inversePlane, roundTripPlane, type LineFft, type PlaneRect } from './rfft3d-core.js';

/** A line transform (rfft3d-core.ts) plus the three chunk kinds of the 3D transform. */
export interface FftEngine extends LineFft {
  readonly kind: 'ts' | 'wasm';
  /** The three chunk kinds of the 3D transform (see rfft3d-core.ts for their meaning). */
  /**
   * `mask` (the nx·ny values of the mask's plane z): transform input·mask, multiplied while the
   * plane is read; `rect`: where that plane may be non-zero (default the whole plane).
   */
  forwardPlane(input: Float32Array, spec: Float32Array, d: Dims, z: number, mask?: Float32Array, rect?: PlaneRect): void;
  /** `radius` (cycles per voxel): only columns with fx² + fy² < radius² are transformed, the others zeroed. */
  columnPass(src: Float32Array, dst: Float32Array, d: Dims, y: number, sign: 1 | -1, scale: number, radius?: number): void;
  inversePlane(spec: Float32Array, out: Float32Array, d: Dims, z: number, scale: number): void;
  /** Inverse plane z (scaled), times `mask` (the nx·ny values of the mask's plane z), forward plane z, in place in `spec` (rfft3d-core.ts roundTripPlane). */
  roundTripPlane(spec: Float32Array, mask: Float32Array, d: Dims, z: number, scale: number, rect?: PlaneRect): void;
}

export class TsEngine implements FftEngine {
  readonly kind = 'ts' as const;
  private main: SplitBuffers = { xRe: new Float32Array(0), xIm: new Float32Array(0), yRe: new Float32Array(0), yIm: new Float32Array(0) };
  private blue: SplitBuffers = { xRe: new Float32Array(0), xIm: new Float32Array(0), yRe: new Float32Array(0), yIm: new Float32Array(0) };

  prepare(n: number, lines: number): SplitBuffers {
    const need = n * lines;
    if (this.main.xRe.length < need) this.main = alloc(need);
    const bp = plan1d(n).bluestein;
    if (bp && this.blue.xRe.length < bp.m * lines) this.blue = alloc(bp.m * lines);
    return this.main;
  }

  fft(n: number, lines: number, sign: 1 | -1, inY: boolean): boolean {
    const m = this.main;
    const b = inY ? { xRe: m.yRe, xIm: m.yIm, yRe: m.xRe, yIm: m.xIm } : m;
    return fftBatchTs(plan1d(n), lines, sign, b, this.blue) !== inY;
  }

  forwardPlane(input: Float32Array, spec: Float32Array, d: Dims, z: number, mask?: Float32Array, rect?: PlaneRect): void {
    forwardPlane(this, input, spec, d, z, mask, rect);
  }

  columnPass(src: Float32Array, dst: Float32Array, d: Dims, y: number, sign: 1 | -1, scale: number, radius?: number): void {
    columnPass(this, src, dst, d, y, sign, scale, radius);
  }

  inversePlane(spec: Float32Array, out: Float32Array, d: Dims, z: number, scale: number): void {
    inversePlane(this, spec, out, d, z, scale);
  }

  private plane = new Float32Array(0);

  roundTripPlane(spec: Float32Array, mask: Float32Array, d: Dims, z: number, scale: number, rect?: PlaneRect): void {
    if (this.plane.length < d.nx * d.ny) this.plane = new Float32Array(d.nx * d.ny);
    roundTripPlane(this, spec, mask, d, z, scale, this.plane, rect);
  }
}

function alloc(n: number): SplitBuffers {
  return { xRe: new Float32Array(n), xIm: new Float32Array(n), yRe: new Float32Array(n), yIm: new Float32Array(n) };
}

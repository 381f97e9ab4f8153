/**
 * The 3D real FFT as independent chunks of work, so one thread or a team can run them:
 *   forward:  plane pass (per z: real x-transform of row pairs, then y-transform) →
 *             column pass (per y: z-transform of the [z][kx] slab, with the scale).
 *   inverse:  column pass (per y) → plane pass (per z: y-transform, then x c2r).
 * Spectrum layout: [z][y][kx] complex interleaved, kx = 0 … floor(nx/2), sign exp(−2πi·k·x/n)
 * for the forward transform (numpy's and FFTW's convention).
 *
 * Real rows are transformed two at a time as one complex line z = a + i·b:
 *   A_k = (Z_k + conj Z_{n−k}) / 2,  B_k = (Z_k − conj Z_{n−k}) / 2i.
 */
import type { Dims } from '../../volume.js';
import type { SplitBuffers } from './batch-ts.js';

/** What the 3D driver needs of an engine (engine.ts): a workspace and a batched 1D FFT on it. */
export interface LineFft {
  /**
   * Workspace able to hold `lines` lines of length n (and the Bluestein arrays if n needs
   * them). Views may be replaced by the next call: fetch them again after each `prepare`.
   */
  prepare(n: number, lines: number): SplitBuffers;
  /**
   * Transforms the prepared lines, which are in the y arrays when `inY`, else in the x
   * arrays. Returns true when the result is in the y arrays, false for the x arrays.
   */
  fft(n: number, lines: number, sign: 1 | -1, inY: boolean): boolean;
}

export function halfX(nx: number): number {
  return (nx >> 1) + 1;
}

/**
 * How many columns kx = 0, 1, … of spectrum row y lie inside the frequency radius: fx² + fy² <
 * radius² (cycles per voxel, each axis by its own size). A row's kept columns are a prefix; a
 * column within 1e-6 of a column step outside the circle is kept too (rounding must never drop
 * a wanted one).
 */
export function keptColumns(d: Dims, y: number, radius: number): number {
  const nkx = halfX(d.nx);
  if (!(radius < Infinity)) return nkx;
  const ky = y <= d.ny >> 1 ? y : y - d.ny;
  const left = radius * radius - (ky / d.ny) ** 2;
  if (left <= 0) return 0;
  return Math.min(nkx, Math.ceil(Math.sqrt(left) * d.nx + 1e-6));
}

/**
 * Where a mask's plane may be non-zero: columns [x0, x1) of rows [y0, y1) (a boxed mask's box,
 * fft3d.ts). Outside it the plane is zero, so the product needs no multiplication there: at 400³
 * the FSC's spherical mask keeps 44 % of each plane, and multiplying whole planes cost more than
 * the transforms it fed (1.a's masked forward transforms were slower than unmasked ones).
 */
export interface PlaneRect { x0: number; x1: number; y0: number; y1: number }

/** The whole nx × ny plane. */
export const wholePlane = (nx: number, ny: number): PlaneRect => ({ x0: 0, x1: nx, y0: 0, y1: ny });

/** True when the mask's plane (nx values per row) is zero inside `rect`, and so everywhere. */
export function maskPlaneIsZero(mask: Float32Array, nx: number, rect: PlaneRect): boolean {
  for (let y = rect.y0; y < rect.y1; y++) if (!planeIsZero(mask, y * nx + rect.x0, rect.x1 - rect.x0)) return false;
  return true;
}

/**
 * out[i] = input[base + i] · mask[i] over the nx · ny plane, multiplied inside `rect` only and
 * zero outside it (the mask's zeros). `out` may be `input` with base 0 (the product in place).
 */
export function maskedPlaneInto(out: Float32Array, input: Float32Array, base: number, mask: Float32Array, nx: number, ny: number, rect: PlaneRect): void {
  const { x0, x1, y0, y1 } = rect;
  out.fill(0, 0, y0 * nx);
  for (let y = y0; y < y1; y++) {
    const row = y * nx;
    out.fill(0, row, row + x0);
    for (let x = row + x0, end = row + x1, j = base + x; x < end; x++, j++) out[x] = input[j]! * mask[x]!;
    out.fill(0, row + x1, row + nx);
  }
  out.fill(0, y1 * nx, nx * ny);
}

/** True when a[from … from + count) is all zero: a masked plane whose transform is zero (the plane's work is skipped). */
export function planeIsZero(a: Float32Array, from: number, count: number): boolean {
  for (let i = from, end = from + count; i < end; i++) if (a[i] !== 0) return false;
  return true;
}

/** Plane z of a spectrum set to zero. */
export function zeroSpectrumPlane(spec: Float32Array, d: Dims, z: number): void {
  const m = 2 * d.ny * halfX(d.nx);
  spec.fill(0, z * m, (z + 1) * m);
}

/**
 * Plane z of `spec` (already z-transformed by an inverse column pass) → the real plane (scaled)
 * → times `mask` (nx·ny values: the mask's plane z) → forward plane z back into `spec`: the middle of
 * rfft(mask · irfft(spec)) with no real box in between. A zero mask plane gives a zero plane.
 */
export function roundTripPlane(eng: LineFft, spec: Float32Array, mask: Float32Array, d: Dims, z: number, scale: number, plane: Float32Array, rect = wholePlane(d.nx, d.ny)): void {
  const { nx, ny } = d;
  if (maskPlaneIsZero(mask, nx, rect)) { zeroSpectrumPlane(spec, d, z); return; }
  const m = 2 * ny * halfX(nx);
  const one: Dims = { nx, ny, nz: 1 };
  const specPlane = spec.subarray(z * m, (z + 1) * m);
  inversePlane(eng, specPlane, plane, one, 0, scale);
  forwardPlane(eng, plane, specPlane, one, 0, mask, rect);
}

/** Forward: rows of plane z of `input` (real), times `mask` (nx·ny values: the mask's plane z) when given → plane z of `spec` (x and y transformed). */
export function forwardPlane(eng: LineFft, input: Float32Array, spec: Float32Array, d: Dims, z: number, mask?: Float32Array, rect = wholePlane(d.nx, d.ny)): void {
  const { nx, ny } = d;
  if (mask && maskPlaneIsZero(mask, nx, rect)) { zeroSpectrumPlane(spec, d, z); return; }
  const nkx = halfX(nx);
  const L = (ny + 1) >> 1;
  eng.prepare(nx, L);
  const b = eng.prepare(ny, nkx);
  const base = z * nx * ny;
  {
    const re = b.xRe, im = b.xIm;
    for (let l = 0; l < L; l++) {
      const m0 = 2 * l * nx, r0 = base + m0; // m0: the row in the mask's plane
      if (2 * l + 1 < ny) {
        const r1 = r0 + nx, m1 = m0 + nx;
        if (mask) for (let x = 0; x < nx; x++) { re[x * L + l] = input[r0 + x]! * mask[m0 + x]!; im[x * L + l] = input[r1 + x]! * mask[m1 + x]!; }
        else for (let x = 0; x < nx; x++) { re[x * L + l] = input[r0 + x]!; im[x * L + l] = input[r1 + x]!; }
      } else {
        for (let x = 0; x < nx; x++) { re[x * L + l] = mask ? input[r0 + x]! * mask[m0 + x]! : input[r0 + x]!; im[x * L + l] = 0; }
      }
    }
  }
  const inY = eng.fft(nx, L, -1, false);
  const zr = inY ? b.yRe : b.xRe, zi = inY ? b.yIm : b.xIm;
  const pr = inY ? b.xRe : b.yRe, pi = inY ? b.xIm : b.yIm;
  for (let l = 0; l < L; l++) {
    const rowA = 2 * l * nkx, rowB = rowA + nkx, hasB = 2 * l + 1 < ny;
    for (let k = 0; k < nkx; k++) {
      const j = k === 0 ? 0 : nx - k;
      const ar = zr[k * L + l]!, ai = zi[k * L + l]!, cr = zr[j * L + l]!, ci = zi[j * L + l]!;
      pr[rowA + k] = 0.5 * (ar + cr);
      pi[rowA + k] = 0.5 * (ai - ci);
      if (hasB) {
        pr[rowB + k] = 0.5 * (ai + ci);
        pi[rowB + k] = -0.5 * (ar - cr);
      }
    }
  }
  const inY2 = eng.fft(ny, nkx, -1, !inY);
  const rr = inY2 ? b.yRe : b.xRe, ri = inY2 ? b.yIm : b.xIm;
  const o = 2 * z * ny * nkx;
  const m = ny * nkx;
  for (let i = 0; i < m; i++) { spec[o + 2 * i] = rr[i]!; spec[o + 2 * i + 1] = ri[i]!; }
}

/**
 * z-transform of the [z][kx] slab at row y: read from `src`, write `dst` (may be the same
 * array) multiplied by `scale`. Only the columns inside `radius` (keptColumns) are transformed;
 * the others are set to zero.
 */
export function columnPass(eng: LineFft, src: Float32Array, dst: Float32Array, d: Dims, y: number, sign: 1 | -1, scale: number, radius = Infinity): void {
  const { ny, nz } = d;
  const nkx = keptColumns(d, y, radius);
  zeroColumnsBeyond(dst, d, y, nkx);
  if (nkx === 0) return;
  const b = eng.prepare(nz, nkx);
  const re = b.xRe, im = b.xIm;
  const full = halfX(d.nx), zStride = 2 * ny * full;
  for (let z = 0; z < nz; z++) {
    const s = z * zStride + 2 * y * full, t = z * nkx;
    for (let k = 0; k < nkx; k++) { re[t + k] = src[s + 2 * k]!; im[t + k] = src[s + 2 * k + 1]!; }
  }
  const inY = eng.fft(nz, nkx, sign, false);
  const rr = inY ? b.yRe : b.xRe, ri = inY ? b.yIm : b.xIm;
  for (let z = 0; z < nz; z++) {
    const s = z * zStride + 2 * y * full, t = z * nkx;
    if (scale === 1) {
      for (let k = 0; k < nkx; k++) { dst[s + 2 * k] = rr[t + k]!; dst[s + 2 * k + 1] = ri[t + k]!; }
    } else {
      for (let k = 0; k < nkx; k++) { dst[s + 2 * k] = rr[t + k]! * scale; dst[s + 2 * k + 1] = ri[t + k]! * scale; }
    }
  }
}

/** Columns kx ≥ from of row y set to zero in every plane. */
export function zeroColumnsBeyond(spec: Float32Array, d: Dims, y: number, from: number): void {
  const full = halfX(d.nx);
  if (from >= full) return;
  const zStride = 2 * d.ny * full;
  for (let z = 0, s = 2 * y * full; z < d.nz; z++, s += zStride) spec.fill(0, s + 2 * from, s + 2 * full);
}

/**
 * Inverse: plane z of `spec` (already z-transformed) → rows of plane z of `out` (real),
 * multiplied by `scale`. The imaginary parts at kx = 0 and kx = nx/2 are ignored (as numpy's
 * irfftn and FFTW's c2r do: only the Hermitian part of the input counts).
 */
export function inversePlane(eng: LineFft, spec: Float32Array, out: Float32Array, d: Dims, z: number, scale: number): void {
  const { nx, ny } = d;
  const nkx = halfX(nx);
  const L = (ny + 1) >> 1;
  eng.prepare(nx, L);
  const b = eng.prepare(ny, nkx);
  const o = 2 * z * ny * nkx;
  const m = ny * nkx;
  {
    const re = b.xRe, im = b.xIm;
    for (let i = 0; i < m; i++) { re[i] = spec[o + 2 * i]!; im[i] = spec[o + 2 * i + 1]!; }
  }
  const inY = eng.fft(ny, nkx, 1, false);
  const pr = inY ? b.yRe : b.xRe, pi = inY ? b.yIm : b.xIm;
  const zr = inY ? b.xRe : b.yRe, zi = inY ? b.xIm : b.yIm;
  const evenNyq = nx % 2 === 0 ? nx >> 1 : -1;
  for (let l = 0; l < L; l++) {
    const rowA = 2 * l * nkx, rowB = rowA + nkx, hasB = 2 * l + 1 < ny;
    for (let k = 0; k < nkx; k++) {
      let ar = pr[rowA + k]!, ai = pi[rowA + k]!;
      let br = hasB ? pr[rowB + k]! : 0, bi = hasB ? pi[rowB + k]! : 0;
      if (k === 0 || k === evenNyq) { ai = 0; bi = 0; }
      // Z_k = A_k + i·B_k;  Z_{n−k} = conj(A_k) + i·conj(B_k)
      zr[k * L + l] = ar - bi;
      zi[k * L + l] = ai + br;
      if (k !== 0 && k !== evenNyq) {
        const j = nx - k;
        zr[j * L + l] = ar + bi;
        zi[j * L + l] = br - ai;
      }
    }
  }
  const inY2 = eng.fft(nx, L, 1, !inY);
  const rr = inY2 ? b.yRe : b.xRe, ri = inY2 ? b.yIm : b.xIm;
  const base = z * nx * ny;
  for (let l = 0; l < L; l++) {
    const r0 = base + 2 * l * nx;
    for (let x = 0; x < nx; x++) out[r0 + x] = rr[x * L + l]! * scale;
    if (2 * l + 1 < ny) {
      const r1 = r0 + nx;
      for (let x = 0; x < nx; x++) out[r1 + x] = ri[x * L + l]! * scale;
    }
  }
}

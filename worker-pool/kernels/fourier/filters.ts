/**
 * Radial filters applied in place to a half-complex spectrum (fft3d.ts layout), in digital
 * frequency |f| (cycles/voxel), with Xmipp's shapes (spec level0.md §4.1, §6.2).
 */
import type { Dims } from '../../volume.js';
import { frequencyAxes } from './frequency.js';
import type { SpectrumRows } from '../fft/spectrum-rows.js';

/** Xmipp's raised-cosine edge width (digital frequency). */
export const RAISED_COSINE_WIDTH = 0.02;

/**
 * Multiplies every coefficient by h(|f|) (of the whole spectrum of box d, or of the part of it
 * `part` holds). Rows (kz, ky) whose fz² + fy² are equal hold the same |f| sequence along kx (a
 * cube has about eight such rows per value: ±ky, ±kz, ky ↔ kz), so the rows are visited grouped
 * by that value and each distinct row of gains is computed once: an eighth of the h calls (each
 * an exp or cos) on a cube, the same gains to the bit.
 */
export function applyRadialFilter(spectrum: Float32Array, d: Dims, h: (f: number) => number, part?: SpectrumRows): void {
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = part ? part.columns : fx.length;
  const rowFy = part ? Float64Array.from(part.rows, (y) => fy[y]!) : fy;
  const rowCount = rowFy.length;
  const fx2 = fx.map((v) => v * v);
  const yz2 = new Float64Array(rowCount * d.nz);
  for (let z = 0; z < d.nz; z++) for (let y = 0; y < rowCount; y++) yz2[z * rowCount + y] = fz[z]! * fz[z]! + rowFy[y]! * rowFy[y]!;
  const rows = new Uint32Array(yz2.length).map((_, r) => r).sort((a, b) => yz2[a]! - yz2[b]!);
  const gains = new Float64Array(nkx);
  let current = NaN;
  for (const r of rows) {
    if (yz2[r] !== current) {
      current = yz2[r]!;
      for (let x = 0; x < nkx; x++) gains[x] = h(Math.sqrt(current + fx2[x]!));
    }
    for (let x = 0, i = 2 * r * nkx; x < nkx; x++, i += 2) {
      spectrum[i]! *= gains[x]!;
      spectrum[i + 1]! *= gains[x]!;
    }
  }
}

/** Low-pass transfer: 1 below w1, ½(1 + cos(π(|f| − w1)/width)) up to w1 + width, 0 beyond. */
export function lowPassGain(f: number, w1: number, width = RAISED_COSINE_WIDTH): number {
  if (f < w1) return 1;
  if (f < w1 + width) return 0.5 * (1 + Math.cos((Math.PI * (f - w1)) / width));
  return 0;
}

/** High-pass transfer (MonoRes): 1 at and above w1, raised cosine over [w1 − width, w1), 0 below. */
export function highPassGain(f: number, w1: number, width = RAISED_COSINE_WIDTH): number {
  if (f >= w1) return 1;
  if (f > w1 - width) return 0.5 * (1 + Math.cos((Math.PI * (w1 - f)) / width));
  return 0;
}

/** Gaussian transfer exp(−π²σ²|f|²), σ in voxels (Xmipp real_gaussian; effective std σ/√2). */
export function gaussianGain(f: number, sigma: number): number {
  return Math.exp(-Math.PI * Math.PI * sigma * sigma * f * f);
}

export function lowPass(spectrum: Float32Array, d: Dims, w1: number, width = RAISED_COSINE_WIDTH, part?: SpectrumRows): void {
  applyRadialFilter(spectrum, d, (f) => lowPassGain(f, w1, width), part);
}

export function highPass(spectrum: Float32Array, d: Dims, w1: number, width = RAISED_COSINE_WIDTH): void {
  applyRadialFilter(spectrum, d, (f) => highPassGain(f, w1, width));
}

export function gaussianFilter(spectrum: Float32Array, d: Dims, sigma: number): void {
  applyRadialFilter(spectrum, d, (f) => gaussianGain(f, sigma));
}

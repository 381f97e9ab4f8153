/**
 * Radial filters applied in place to a half-complex spectrum (fft3d.ts layout), in digital
 * frequency |f| (cycles/voxel), with Xmipp's shapes (spec level0.md §4.1, §6.2).
 */
import type { Dims } from '../../volume.js';
import { frequencyAxes } from './frequency.js';

/** Xmipp's raised-cosine edge width (digital frequency). */
export const RAISED_COSINE_WIDTH = 0.02;

/** Multiplies every coefficient by h(|f|). */
export function applyRadialFilter(spectrum: Float32Array, d: Dims, h: (f: number) => number): void {
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = fx.length;
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    for (let y = 0; y < d.ny; y++) {
      const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
      for (let x = 0; x < nkx; x++, i++) {
        const g = h(Math.sqrt(yz2 + fx[x]! * fx[x]!));
        spectrum[2 * i]! *= g;
        spectrum[2 * i + 1]! *= g;
      }
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

export function lowPass(spectrum: Float32Array, d: Dims, w1: number, width = RAISED_COSINE_WIDTH): void {
  applyRadialFilter(spectrum, d, (f) => lowPassGain(f, w1, width));
}

export function highPass(spectrum: Float32Array, d: Dims, w1: number, width = RAISED_COSINE_WIDTH): void {
  applyRadialFilter(spectrum, d, (f) => highPassGain(f, w1, width));
}

export function gaussianFilter(spectrum: Float32Array, d: Dims, sigma: number): void {
  applyRadialFilter(spectrum, d, (f) => gaussianGain(f, sigma));
}

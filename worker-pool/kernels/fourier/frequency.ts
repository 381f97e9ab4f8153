/**
 * Digital frequencies (cycles per voxel) of the half-complex spectrum layout of fft3d.ts,
 * with Xmipp's conventions (spec level0.md §4.1): FFT_IDX2DIGFREQ(idx, N) = idx/N when
 * idx ≤ N/2 (integer division N>>1), else (idx − N)/N; every axis uses its own N.
 */
import type { Dims } from '../../volume.js';

/** Xmipp's FFT_IDX2DIGFREQ. */
export function digitalFrequency(idx: number, n: number): number {
  return idx <= n >> 1 ? idx / n : (idx - n) / n;
}

/** Xmipp's ROUND: trunc(x + 0.5) for x > 0, trunc(x − 0.5) otherwise. */
export function xmippRound(x: number): number {
  // `+ 0` turns trunc(−0.5) = −0 into 0
  return x > 0 ? Math.trunc(x + 0.5) : Math.trunc(x - 0.5) + 0;
}

export interface FrequencyAxes {
  /** kx = 0 … floor(nx/2): fx ≥ 0. */
  fx: Float64Array;
  fy: Float64Array;
  fz: Float64Array;
}

/** Digital frequency of every stored index along each axis. */
export function frequencyAxes(d: Dims): FrequencyAxes {
  const nkx = (d.nx >> 1) + 1;
  const axis = (len: number, n: number) => Float64Array.from({ length: len }, (_, i) => digitalFrequency(i, n));
  return { fx: axis(nkx, d.nx), fy: axis(d.ny, d.ny), fz: axis(d.nz, d.nz) };
}

/** |f| for every stored coefficient, [kz][ky][kx] (nkx·ny·nz values). */
export function frequencyMagnitudes(d: Dims, out?: Float32Array): Float32Array {
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = fx.length;
  const res = out ?? new Float32Array(nkx * d.ny * d.nz);
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    const z2 = fz[z]! * fz[z]!;
    for (let y = 0; y < d.ny; y++) {
      const yz2 = z2 + fy[y]! * fy[y]!;
      for (let x = 0; x < nkx; x++) res[i++] = Math.sqrt(yz2 + fx[x]! * fx[x]!);
    }
  }
  return res;
}

/**
 * Calls fn(index of the coefficient in complex units, |f|², fx, fy, fz) for every stored
 * coefficient: the one loop every radial filter and shell sum is written with.
 */
export function forEachFrequency(d: Dims, fn: (i: number, f2: number, fx: number, fy: number, fz: number) => void): void {
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = fx.length;
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    const vz = fz[z]!;
    for (let y = 0; y < d.ny; y++) {
      const vy = fy[y]!, yz2 = vz * vz + vy * vy;
      for (let x = 0; x < nkx; x++, i++) fn(i, yz2 + fx[x]! * fx[x]!, fx[x]!, vy, vz);
    }
  }
}

/**
 * Translation search by FFT cross-correlation: the shift t (voxels) that maximises
 * Σ_x a(x)·b(x − t) over all periodic shifts at once (C = IFFT(A·conj(B))), refined to a
 * sub-voxel position by a parabola through the peak and its two neighbours along each axis (through
 * their logarithms when all three are positive: a Gaussian fit).
 * Both maps are centred (mean removed) first, so a constant offset does not move the peak.
 * Pure: arrays in, the shift out.
 */
import { sharedFloat32, type Dims, type Vec3 } from '../volume.js';
import { irfft3d, rfft3d } from './fft/fft3d.js';

export interface TranslationPeak {
  /** voxels, each in [−n/2, n/2): b moved by it matches a best */
  shift: Vec3;
  /** the correlation at the peak voxel over √(Σa²·Σb²) of the centred maps (1 = identical up to the shift) */
  score: number;
}

function centred(a: Float32Array): { data: Float32Array; norm2: number } {
  let mean = 0;
  for (let i = 0; i < a.length; i++) mean += a[i]!;
  mean /= a.length;
  const data = sharedFloat32(a.length);
  let norm2 = 0;
  for (let i = 0; i < a.length; i++) { data[i] = a[i]! - mean; norm2 += data[i]! * data[i]!; }
  return { data, norm2 };
}

export function translationSearch(a: Float32Array, b: Float32Array, d: Dims, threads?: number): TranslationPeak {
  const ca = centred(a), cb = centred(b);
  const A = rfft3d(ca.data, d, { normalize: 'none', threads });
  const B = rfft3d(cb.data, d, { normalize: 'none', threads });
  // A·conj(B), in place in A
  for (let k = 0; k < A.length; k += 2) {
    const ar = A[k]!, ai = A[k + 1]!, br = B[k]!, bi = B[k + 1]!;
    A[k] = ar * br + ai * bi;
    A[k + 1] = ai * br - ar * bi;
  }
  const c = irfft3d(A, d, { normalize: 'backward', threads, overwriteInput: true });
  let best = 0;
  for (let i = 1; i < c.length; i++) if (c[i]! > c[best]!) best = i;
  const px = best % d.nx, py = Math.floor(best / d.nx) % d.ny, pz = Math.floor(best / (d.nx * d.ny));
  const at = (x: number, y: number, z: number) => c[((x + d.nx) % d.nx) + d.nx * (((y + d.ny) % d.ny) + d.ny * ((z + d.nz) % d.nz))]!;
  const peak = c[best]!;
  // parabola through (−1, m), (0, peak), (1, p): vertex at (m − p) / (2(m − 2·peak + p)); through the logs
  // when all three are positive (a Gaussian through them: exact for a Gaussian peak, which a map's is near)
  const refine = (m: number, p: number) => {
    const [a, b, c] = m > 0 && p > 0 && peak > 0 ? [Math.log(m), Math.log(peak), Math.log(p)] : [m, peak, p];
    const den = a - 2 * b + c;
    return den < 0 ? Math.max(-0.5, Math.min(0.5, (a - c) / (2 * den))) : 0;
  };
  const wrap = (v: number, n: number) => (v >= n / 2 ? v - n : v);
  const shift = {
    x: wrap(px, d.nx) + refine(at(px - 1, py, pz), at(px + 1, py, pz)),
    y: wrap(py, d.ny) + refine(at(px, py - 1, pz), at(px, py + 1, pz)),
    z: wrap(pz, d.nz) + refine(at(px, py, pz - 1), at(px, py, pz + 1)),
  };
  const den = Math.sqrt(ca.norm2 * cb.norm2);
  return { shift, score: den > 0 ? peak / den : 0 };
}

/**
 * Fourier cropping with a gain: out(k) = gain(|f(k)|²)·src(k) for every coefficient of a smaller
 * box t, read from the same signed index k of the box s (t ≤ s per axis). The frequency is taken
 * relative to a reference box `ref` (the original map's), so a chain of crops keeps physical
 * frequencies: index k always means k/ref.n cycles per original voxel. Used where a band-limited
 * quantity is computed on a coarser grid (local FSC bands, windowed sums). Unlike
 * resample.ts's resizeSpectrum, the Nyquist planes are not folded: callers use gains that
 * vanish there (a band-pass below the target Nyquist, or a window whose gain is negligible).
 */
import type { Dims } from '../../volume.js';
import { allocateSpectrum } from '../fft/fft3d.js';

/** Signed index of stored index i on a full axis of n (Xmipp / numpy order). */
const signed = (i: number, n: number) => (i <= (n - 1) >> 1 ? i : i - n);

/**
 * `gain(f2)` gets |f|² in (cycles per reference voxel)²; return 0 to zero a coefficient. The
 * source is a spectrum in fft3d.ts's half-complex layout of box s; the result is box t's.
 */
export function cropSpectrum(src: Float32Array, s: Dims, t: Dims, ref: Dims, gain: (f2: number) => number, out?: Float32Array): Float32Array {
  const res = out ?? allocateSpectrum(t);
  const snkx = (s.nx >> 1) + 1, tnkx = (t.nx >> 1) + 1;
  const fx2 = Float64Array.from({ length: tnkx }, (_, x) => (x / ref.nx) ** 2);
  let o = 0;
  for (let z = 0; z < t.nz; z++) {
    const kz = signed(z, t.nz);
    const sz = (kz + s.nz) % s.nz;
    const fz2 = (kz / ref.nz) ** 2;
    for (let y = 0; y < t.ny; y++) {
      const ky = signed(y, t.ny);
      const sy = (ky + s.ny) % s.ny;
      const yz2 = fz2 + (ky / ref.ny) ** 2;
      const row = 2 * snkx * (sy + s.ny * sz);
      for (let x = 0; x < tnkx; x++, o += 2) {
        const g = x < snkx ? gain(yz2 + fx2[x]!) : 0;
        if (g === 0) {
          res[o] = 0;
          res[o + 1] = 0;
        } else {
          res[o] = g * src[row + 2 * x]!;
          res[o + 1] = g * src[row + 2 * x + 1]!;
        }
      }
    }
  }
  return res;
}

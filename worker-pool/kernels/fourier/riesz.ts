/**
 * Monogenic amplitude through the Riesz (spiral) transform (MonoRes, spec level0.md §6.2):
 * for an already-filtered spectrum F, v0 = IFFT(F) and v_k = IFFT(H_k·F) with
 * H_k = −i·f_k/|f| (0 at DC), amplitude = sqrt(v0² + v_x² + v_y² + v_z²).
 * f_k are digital frequencies per axis (a non-cubic box uses each axis' own size).
 */
import type { Dims } from '../../volume.js';
import { sharedFloat32 } from '../../volume.js';
import { allocateSpectrum, irfft3d, type FftNormalization } from '../fft/fft3d.js';
import { frequencyAxes } from './frequency.js';

export interface RieszOptions {
  /** The normalisation the spectrum was made with (the inverse uses the same convention). */
  normalize: FftNormalization;
  threads?: number;
  /** Buffers to work in (rieszScratch(d)), for a caller that calls many times on one box. */
  scratch?: RieszScratch;
}

/** A scratch spectrum and a real map: allocated once per box, not per call (64 MB each at 400³). */
export interface RieszScratch {
  spectrum: Float32Array;
  real: Float32Array;
}

export function rieszScratch(d: Dims): RieszScratch {
  return { spectrum: allocateSpectrum(d), real: sharedFloat32(d.nx * d.ny * d.nz) };
}

/** Writes the monogenic amplitude into `out` (nx·ny·nz, allocated if absent); `spectrum` is unchanged. */
export function monogenicAmplitude(spectrum: Float32Array, d: Dims, options: RieszOptions, out?: Float32Array): Float32Array {
  const n = d.nx * d.ny * d.nz;
  const amp = out ?? sharedFloat32(n);
  const work = options.scratch?.spectrum ?? allocateSpectrum(d);
  const v = options.scratch?.real ?? sharedFloat32(n);
  const fft = { normalize: options.normalize, threads: options.threads, overwriteInput: true };
  work.set(spectrum);
  irfft3d(work, d, fft, v);
  for (let i = 0; i < n; i++) amp[i] = v[i]! * v[i]!;
  const { fx, fy, fz } = frequencyAxes(d);
  for (let axis = 0; axis < 3; axis++) {
    rieszComponent(spectrum, work, fx, fy, fz, axis);
    irfft3d(work, d, fft, v);
    if (axis < 2) for (let j = 0; j < n; j++) amp[j]! += v[j]! * v[j]!;
    // the last sum rounded to float32 before its root, as when it is stored first
    else for (let j = 0; j < n; j++) amp[j] = Math.sqrt(Math.fround(amp[j]! + v[j]! * v[j]!));
  }
  return amp;
}

/**
 * H_k·F into `work`, H_k = −i·f_k/|f| (0 at DC), k = 0, 1, 2 for x, y, z. Along a row (one
 * ky, kz) f_y and f_z are constant: only the x component needs f_x per coefficient.
 */
function rieszComponent(spectrum: Float32Array, work: Float32Array, fx: Float64Array, fy: Float64Array, fz: Float64Array, axis: number): void {
  const nkx = fx.length;
  let i = 0;
  for (let z = 0; z < fz.length; z++) {
    for (let y = 0; y < fy.length; y++, i += nkx) {
      const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
      const along = axis === 1 ? fy[y]! : fz[z]!;
      for (let x = 0; x < nkx; x++) {
        const f2 = yz2 + fx[x]! * fx[x]!;
        const h = f2 > 0 ? (axis === 0 ? fx[x]! : along) / Math.sqrt(f2) : 0;
        // (−i·h)·(re + i·im) = h·im − i·h·re
        const k = 2 * (i + x);
        const re = spectrum[k]!, im = spectrum[k + 1]!;
        work[k] = h * im;
        work[k + 1] = -h * re;
      }
    }
  }
}

/**
 * MonoRes's per-step passes as per-plane kernels (fourier/spectrum-planes.ts registry), so the
 * FFT team runs them on every core like the transforms around them: the high-passed spectrum
 * and its three Riesz components, the monogenic amplitude, and the smoothing low-pass. Every
 * coefficient (or voxel) is computed with the same operations as the serial loops of monores.ts
 * did, so the result is bit for bit the same on any number of threads.
 */
import type { Dims } from '../volume.js';
import { frequencyAxes, type FrequencyAxes } from './fourier/frequency.js';
import { RAISED_COSINE_WIDTH, lowPassGain } from './fourier/filters.js';

let cachedAxes: { key: string; axes: FrequencyAxes } | undefined;
function axesOf(d: Dims): FrequencyAxes {
  const key = `${d.nx},${d.ny},${d.nz}`;
  if (cachedAxes?.key !== key) cachedAxes = { key, axes: frequencyAxes(d) };
  return cachedAxes.axes;
}

/**
 * Plane z of: s0 = spectrum high-passed at w (raised cosine of RAISED_COSINE_WIDTH below w),
 * s1…s3 = its Riesz components H_k·s0, H_k = −i·f_k/|f|. params [w]; extra [s1, s2, s3].
 */
export function rieszPlane(spectrum: Float32Array, s0: Float32Array, d: Dims, z: number, params: number[], _out?: Float64Array, extra: Float32Array[] = []): void {
  const [w] = params as [number];
  const [s1, s2, s3] = extra as [Float32Array, Float32Array, Float32Array];
  const { fx, fy, fz } = axesOf(d);
  const nkx = fx.length, lo = w - RAISED_COSINE_WIDTH, vz = fz[z]!;
  for (let y = 0, i = z * d.ny * nkx; y < d.ny; y++) {
    const vy = fy[y]!, yz2 = vz * vz + vy * vy;
    for (let x = 0; x < nkx; x++, i++) {
      const m = Math.sqrt(yz2 + fx[x]! * fx[x]!);
      const f = Math.fround(m); // frequencyMagnitudes stores |f| as float32
      const g = f >= w ? 1 : f > lo ? 0.5 * (1 + Math.cos((Math.PI * (w - f)) / RAISED_COSINE_WIDTH)) : 0;
      const re = Math.fround(spectrum[2 * i]! * g), im = Math.fround(spectrum[2 * i + 1]! * g);
      s0[2 * i] = re;
      s0[2 * i + 1] = im;
      const hx = m > 0 ? fx[x]! / m : 0, hy = m > 0 ? vy / m : 0, hz = m > 0 ? vz / m : 0;
      // (−i·h)·(re + i·im) = h·im − i·h·re
      s1[2 * i] = hx * im;
      s1[2 * i + 1] = -hx * re;
      s2[2 * i] = hy * im;
      s2[2 * i + 1] = -hy * re;
      s3[2 * i] = hz * im;
      s3[2 * i + 1] = -hz * re;
    }
  }
}

/**
 * Plane z (real space) of amp = √(v0² + v1² + v2² + amp²), rounded to float32 after each term
 * (as accumulating into a float32 map). a = v0, b = amp (holds the last component); extra [v1, v2].
 */
export function amplitudePlane(v0: Float32Array, amp: Float32Array, d: Dims, z: number, _params: number[], _out?: Float64Array, extra: Float32Array[] = []): void {
  const [v1, v2] = extra as [Float32Array, Float32Array];
  for (let j = z * d.nx * d.ny, end = j + d.nx * d.ny; j < end; j++) {
    let a = Math.fround(v0[j]! * v0[j]!);
    a = Math.fround(a + v1[j]! * v1[j]!);
    a = Math.fround(a + v2[j]! * v2[j]!);
    amp[j] = Math.sqrt(Math.fround(a + amp[j]! * amp[j]!));
  }
}

/** Plane z of spec times the raised-cosine low-pass from w to w + RAISED_COSINE_WIDTH (|f| in float64). params [w]. */
export function lowPassPlane(spec: Float32Array, _b: Float32Array, d: Dims, z: number, params: number[]): void {
  const [w] = params as [number];
  const { fx, fy, fz } = axesOf(d);
  const nkx = fx.length;
  for (let y = 0, i = z * d.ny * nkx; y < d.ny; y++) {
    const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
    for (let x = 0; x < nkx; x++, i++) {
      const g = lowPassGain(Math.sqrt(yz2 + fx[x]! * fx[x]!), w, RAISED_COSINE_WIDTH);
      if (g === 1) continue;
      spec[2 * i]! *= g;
      spec[2 * i + 1]! *= g;
    }
  }
}

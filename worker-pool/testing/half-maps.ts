/**
 * Synthetic half maps for tests (no real half-map pair is available here): one signal (a few
 * Gaussian blobs), and each half = signal + its own independent Gaussian noise; the map is
 * the halves' average. Seeded: the same arguments give the same voxels everywhere.
 */
import { irfft3d, rfft3d } from '../kernels/fft/fft3d.js';
import { forEachFrequency } from '../kernels/fourier/frequency.js';
import { gaussian, mulberry32 } from '../synthetic/random.js';
import { sharedFloat32, type Vec3, type Volume } from '../volume.js';

export interface HalfMapsOptions {
  /** Box edge, voxels (default 24). */
  n?: number;
  /** Å (default 1.5). */
  voxelSize?: number;
  /** Å (default 0, 0, 0). */
  origin?: Vec3;
  /** Standard deviation of each half's noise, in units of the signal's peak (default 0.3). */
  noise?: number;
  /** Seed of the signal (default 1); the halves' noise uses seed·1000 + 1 and + 2 unless given. */
  signalSeed?: number;
  noiseSeeds?: [number, number];
}

export interface SyntheticHalfMaps {
  signal: Volume;
  half1: Volume;
  half2: Volume;
  /** (half1 + half2) / 2 */
  map: Volume;
}

export function syntheticHalfMaps(options: HalfMapsOptions = {}): SyntheticHalfMaps {
  const n = options.n ?? 24;
  const voxelSize = options.voxelSize ?? 1.5;
  const origin = options.origin ?? { x: 0, y: 0, z: 0 };
  const noise = options.noise ?? 0.3;
  const signalSeed = options.signalSeed ?? 1;
  const [s1, s2] = options.noiseSeeds ?? [signalSeed * 1000 + 1, signalSeed * 1000 + 2];
  const volume = (data: Float32Array): Volume => ({ nx: n, ny: n, nz: n, data, voxelSize: { x: voxelSize, y: voxelSize, z: voxelSize }, origin });
  const rnd = mulberry32(signalSeed);
  const blobs = Array.from({ length: 6 }, () => ({
    x: n * (0.3 + 0.4 * rnd()), y: n * (0.3 + 0.4 * rnd()), z: n * (0.3 + 0.4 * rnd()), s2: 2 * (1.5 + 2 * rnd()) ** 2,
  }));
  const signal = sharedFloat32(n * n * n);
  for (let z = 0, i = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, i++) {
    let v = 0;
    for (const b of blobs) v += Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2 + (z - b.z) ** 2) / b.s2);
    signal[i] = v;
  }
  const noisy = (seed: number) => {
    const r = mulberry32(seed);
    const out = sharedFloat32(signal.length);
    for (let i = 0; i < out.length; i++) out[i] = signal[i]! + noise * gaussian(r);
    return out;
  };
  const h1 = noisy(s1), h2 = noisy(s2);
  const avg = sharedFloat32(signal.length);
  for (let i = 0; i < avg.length; i++) avg[i] = (h1[i]! + h2[i]!) / 2;
  return { signal: volume(signal), half1: volume(h1), half2: volume(h2), map: volume(avg) };
}

export interface SpectralHalfMapsOptions {
  /** Box edge, voxels (default 64). */
  n?: number;
  /** Å (default 1). */
  voxelSize?: number;
  /** Amplitude A of the signal's filter a(f) = A·exp(−f²/(2w²)), f in cycles/voxel (default 3). */
  amplitude?: number;
  /** w, cycles/voxel (default 0.12). */
  width?: number;
  /** Standard deviation of each half's white noise (default 1). */
  noise?: number;
  seed?: number;
}

export interface SpectralHalfMaps {
  half1: Volume;
  half2: Volume;
  /** The signal's power spectrum per voxel variance unit: S(f) = a(f)² (f in cycles/voxel). */
  signalPower: (f: number) => number;
  /** The noise's power spectrum (white): N = σ². */
  noisePower: number;
}

/**
 * Half maps of known spectra: signal = white Gaussian noise (unit variance) filtered by
 * a(f) = A·exp(−f²/(2w²)) in Fourier space, so its power spectrum is a(f)² per unit variance;
 * each half = signal + its own white Gaussian noise of variance σ². The expected FSC of a shell is
 * then mean S/(S + σ²) over its coefficients, and FSC = 0.143 where a² = σ²·0.143/0.857.
 */
export function spectralHalfMaps(options: SpectralHalfMapsOptions = {}): SpectralHalfMaps {
  const n = options.n ?? 64;
  const voxelSize = options.voxelSize ?? 1;
  const A = options.amplitude ?? 3, w = options.width ?? 0.12, sigma = options.noise ?? 1;
  const seed = options.seed ?? 7;
  const d = { nx: n, ny: n, nz: n };
  const white = (s: number) => {
    const r = mulberry32(s);
    const v = sharedFloat32(n * n * n);
    for (let i = 0; i < v.length; i++) v[i] = gaussian(r);
    return v;
  };
  const signalPower = (f: number) => (A * Math.exp(-(f * f) / (2 * w * w))) ** 2;
  const spec = rfft3d(white(seed), d, { normalize: 'backward' });
  forEachFrequency(d, (i, f2) => {
    const g = A * Math.exp(-f2 / (2 * w * w));
    spec[2 * i]! *= g;
    spec[2 * i + 1]! *= g;
  });
  const signal = irfft3d(spec, d, { normalize: 'backward', overwriteInput: true });
  const half = (s: number) => {
    const e = white(s);
    for (let i = 0; i < e.length; i++) e[i] = signal[i]! + sigma * e[i]!;
    return { ...d, data: e, voxelSize: { x: voxelSize, y: voxelSize, z: voxelSize }, origin: { x: 0, y: 0, z: 0 } };
  };
  return { half1: half(seed + 1), half2: half(seed + 2), signalPower, noisePower: sigma * sigma };
}

/**
 * Synthetic half maps for tests (no real half-map pair is available here): one signal (a few
 * Gaussian blobs), and each half = signal + its own independent Gaussian noise; the map is
 * the halves' average. Seeded: the same arguments give the same voxels everywhere.
 */
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

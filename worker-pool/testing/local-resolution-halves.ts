/**
 * Half maps of known local and directional resolution, for the Level 1 local analyses' tests:
 * - `twoResolutionHalves`: one signal (white Gaussian noise, seeded) low-passed at one resolution
 *   in the half of the box x < n/2 and at another in the half x ≥ n/2 (sharp spherical cut-offs,
 *   the same spectral density below them), plus independent white noise in each half map;
 * - `anisotropicHalves`: one signal low-passed by an ellipsoidal cut-off (one resolution along
 *   x and y, another along z) plus independent noise: an isotropic pair when they are equal.
 * Signal-to-noise per Fourier coefficient below the cut-off is (signal / noise)².
 */
import { gaussian, mulberry32 } from '../synthetic/random.js';
import { sharedFloat32, type Dims } from '../volume.js';
import { irfft3d, rfft3d } from '../kernels/fft/fft3d.js';
import { frequencyAxes } from '../kernels/fourier/frequency.js';

export interface HalvesOptions {
  /** box edge, voxels (default 96) */
  n?: number;
  /** Å (default 1) */
  voxelSize?: number;
  /** standard deviation of the white signal before low-passing (default 1) */
  signal?: number;
  /** standard deviation of each half's white noise (default 0.5) */
  noise?: number;
  seed?: number;
  /**
   * Å²: an envelope exp(−B·s²/4) applied to each half map as a whole (signal and noise alike, as
   * a reconstruction's falls off); it leaves every FSC unchanged (default 0: none)
   */
  bFactor?: number;
  threads?: number;
}

export interface Halves {
  d: Dims;
  voxelSize: number;
  half1: Float32Array;
  half2: Float32Array;
}

function white(n: number, sd: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  const out = sharedFloat32(n);
  for (let i = 0; i < n; i++) out[i] = sd * gaussian(r);
  return out;
}

/** The map low-passed by gain 1 where (fx/ax)² + (fy/ay)² + (fz/az)² < 1 (cycles/voxel), 0 elsewhere. */
function ellipsoidLowPass(v: Float32Array, d: Dims, ax: number, ay: number, az: number, threads?: number): Float32Array {
  const spec = rfft3d(v, d, { normalize: 'forward', threads });
  const { fx, fy, fz } = frequencyAxes(d);
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < fx.length; x++, i++) {
        const q = (fx[x]! / ax) ** 2 + (fy[y]! / ay) ** 2 + (fz[z]! / az) ** 2;
        if (q >= 1) spec[2 * i] = spec[2 * i + 1] = 0;
      }
  return irfft3d(spec, d, { normalize: 'forward', threads, overwriteInput: true });
}

function withNoise(signal: Float32Array, d: Dims, o: HalvesOptions, seed: number, ts: number): [Float32Array, Float32Array] {
  const noise = o.noise ?? 0.5;
  const n1 = white(signal.length, noise, seed * 1000 + 1), n2 = white(signal.length, noise, seed * 1000 + 2);
  for (let i = 0; i < signal.length; i++) {
    n1[i]! += signal[i]!;
    n2[i]! += signal[i]!;
  }
  const B = o.bFactor ?? 0;
  return B > 0 ? [envelope(n1, d, B, ts, o.threads), envelope(n2, d, B, ts, o.threads)] : [n1, n2];
}

/** The map multiplied in Fourier space by exp(−B·s²/4), s in 1/Å. */
function envelope(v: Float32Array, d: Dims, B: number, ts: number, threads?: number): Float32Array {
  const spec = rfft3d(v, d, { normalize: 'forward', threads });
  const { fx, fy, fz } = frequencyAxes(d);
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < fx.length; x++, i++) {
        const s2 = (fx[x]! ** 2 + fy[y]! ** 2 + fz[z]! ** 2) / (ts * ts);
        const g = Math.exp((-B * s2) / 4);
        spec[2 * i]! *= g;
        spec[2 * i + 1]! *= g;
      }
  return irfft3d(spec, d, { normalize: 'forward', threads, overwriteInput: true });
}

/** Region 0 (x < n/2) low-passed at `resolutions[0]` Å, region 1 (x ≥ n/2) at `resolutions[1]` Å. */
export function twoResolutionHalves(resolutions: [number, number], o: HalvesOptions = {}): Halves & { region: Uint8Array } {
  const n = o.n ?? 96, ts = o.voxelSize ?? 1, seed = o.seed ?? 7;
  const d = { nx: n, ny: n, nz: n };
  const s = white(n * n * n, o.signal ?? 1, seed);
  const [w0, w1] = resolutions.map((r) => ts / r) as [number, number];
  const a = ellipsoidLowPass(s, d, w0, w0, w0, o.threads);
  const b = ellipsoidLowPass(s, d, w1, w1, w1, o.threads);
  const region = new Uint8Array(n * n * n);
  const signal = sharedFloat32(n * n * n);
  for (let i = 0; i < signal.length; i++) {
    const second = i % n >= n / 2;
    region[i] = second ? 1 : 0;
    signal[i] = second ? b[i]! : a[i]!;
  }
  const [half1, half2] = withNoise(signal, d, o, seed, ts);
  return { d, voxelSize: ts, half1, half2, region };
}

/** Signal low-passed at `lateral` Å along x and y and at `axial` Å along z. */
export function anisotropicHalves(lateral: number, axial: number, o: HalvesOptions = {}): Halves {
  const n = o.n ?? 96, ts = o.voxelSize ?? 1, seed = o.seed ?? 11;
  const d = { nx: n, ny: n, nz: n };
  const s = ellipsoidLowPass(white(n * n * n, o.signal ?? 1, seed), d, ts / lateral, ts / lateral, ts / axial, o.threads);
  const [half1, half2] = withNoise(s, d, o, seed, ts);
  return { d, voxelSize: ts, half1, half2 };
}

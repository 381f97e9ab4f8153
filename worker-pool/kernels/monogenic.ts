/**
 * LocSpiral-family local maps (spec level0.md §4.8, §4.9, §6.3; Kaur et al. 2021, ucm numpy
 * port): the monogenic amplitude of the map band-passed by a Gaussian shell around a physical
 * frequency f0 (1/Å), the per-voxel B-factor fit and the occupancy count.
 * Generalised to non-cubic boxes and per-axis voxel sizes: |f| is physical per axis, the
 * background sphere is the inscribed ellipsoid. The Riesz part is kernels/fourier/riesz.ts.
 * Pure functions on caller-given arrays; the forward spectrum is computed once by the caller
 * ('backward' normalisation = numpy's fftn/ifftn) and reused for every frequency.
 *
 * Every shell runs on the full box. Tried for issue 14: inverse transforms on the box cropped to
 * f0 + 4·fw and the amplitude interpolated back (trilinear). The grid is the map resampled to
 * R/2, so its Nyquist is 1/R, the last shell's centre, and σ = 4.8 Fourier bins: on the 256³ and
 * 400³ phantoms (102³, 160³ resampled) a crop with Nyquist at the band edge moved 0.f/0.g
 * percentiles by up to 27 % (amplitude detail above the crop's Nyquist is lost), and with 1.5×
 * oversampling almost no shell is small enough to crop (≤ 3 % CPU saved).
 */
import type { Dims, Vec3 } from '../volume.js';
import { sharedFloat32, sharedUint8 } from '../volume.js';
import { sharedBuffer } from './memory/shared-memory.js';
import { allocateSpectrum } from './fft/fft3d.js';
import { frequencyAxes } from './fourier/frequency.js';
import { monogenicAmplitude, rieszScratch, type RieszScratch } from './fourier/riesz.js';
import { linspace, percentiles } from './stats/index.js';

/** |f| in 1/Å of every stored coefficient ([kz][ky][kx], nkx·ny·nz). */
export function physicalFrequencies(d: Dims, voxelSize: Vec3): Float32Array {
  const { fx, fy, fz } = frequencyAxes(d);
  const out = new Float32Array(fx.length * d.ny * d.nz);
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    const vz = fz[z]! / voxelSize.z;
    for (let y = 0; y < d.ny; y++) {
      const vy = fy[y]! / voxelSize.y;
      const yz2 = vz * vz + vy * vy;
      for (let x = 0; x < fx.length; x++) {
        const vx = fx[x]! / voxelSize.x;
        out[i++] = Math.sqrt(yz2 + vx * vx);
      }
    }
  }
  return out;
}

/**
 * Shell width fw = 4.8/(n·Ts') (1/Å). A cube has one box length n·Ts'; a non-cubic box uses the
 * geometric mean of its three lengths (the port would use shape[0] for all axes).
 */
export function shellWidth(d: Dims, voxelSize: Vec3, voxelWidth = 4.8): number {
  const L = Math.cbrt(d.nx * voxelSize.x * d.ny * voxelSize.y * d.nz * voxelSize.z);
  return voxelWidth / L;
}

/**
 * How the shell filter is scaled. 'sum' (the port, VRS): S/ΣS. Since a shell at f0 holds ∝ f0²
 * coefficients, a map with a flat spectrum then gets a local amplitude ∝ 1/f0, which biases
 * the local B by a fixed ≈ −100 Å² (15 → 4.5 Å). 'energy': S/√ΣS², so a flat spectrum gives the
 * same amplitude at every f0 and the local B of a map blurred by exp(−B₀s²/4) is −B₀.
 * The two differ by one factor per f0, so their ln amplitudes differ by a constant per f0.
 */
export type ShellNormalization = 'sum' | 'energy';

/**
 * Monogenic amplitude of the map filtered by the Gaussian shell S = exp(−(|f| − f0)²/(2fw²)),
 * scaled as `normalization` says (sums over the full, not half, spectrum, as numpy sums the whole
 * fftn grid). `work` (a spectrum) is scratch.
 */
export function shellAmplitude(
  spectrum: Float32Array,
  freq: Float32Array,
  d: Dims,
  f0: number,
  fw: number,
  out: Float32Array,
  work: Float32Array = allocateSpectrum(d),
  threads?: number,
  normalization: ShellNormalization = 'sum',
  riesz?: RieszScratch,
): Float32Array {
  const nkx = (d.nx >> 1) + 1;
  // coefficients kx = 1 … ceil(nx/2)−1 stand for two of the full grid (kx and −kx)
  const lastSingle = d.nx % 2 === 0 ? nkx - 1 : -1;
  const k = -1 / (2 * fw * fw);
  let sum = 0, sum2 = 0;
  for (let i = 0; i < freq.length; i++) {
    const dfr = freq[i]! - f0;
    const s = Math.exp(k * dfr * dfr);
    const kx = i % nkx;
    const mult = kx === 0 || kx === lastSingle ? 1 : 2;
    sum += mult * s;
    sum2 += mult * s * s;
    work[2 * i] = spectrum[2 * i]! * s;
    work[2 * i + 1] = spectrum[2 * i + 1]! * s;
  }
  const scale = normalization === 'sum' ? sum : Math.sqrt(sum2);
  const inv = scale > 0 ? 1 / scale : 0;
  for (let i = 0; i < work.length; i++) work[i]! *= inv;
  return monogenicAmplitude(work, d, { normalize: 'backward', threads, scratch: riesz }, out);
}

/** Background of the LocSpiral noise estimate: NOT mask and inside the inscribed sphere (ellipsoid) about n/2. */
export function inscribedBackground(mask: Uint8Array, d: Dims): Uint8Array {
  const out = sharedUint8(mask.length);
  const cx = d.nx / 2, cy = d.ny / 2, cz = d.nz / 2;
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    const rz = (z - cz) / cz;
    for (let y = 0; y < d.ny; y++) {
      const ry = (y - cy) / cy;
      for (let x = 0; x < d.nx; x++, i++) {
        const rx = (x - cx) / cx;
        out[i] = mask[i] === 0 && rx * rx + ry * ry + rz * rz < 1 ? 1 : 0;
      }
    }
  }
  return out;
}

export interface LocalBFactorOptions {
  minRes?: number;
  /** Å, the reported resolution */
  maxRes: number;
  numPoints?: number;
  noiseQuantile?: number;
  voxelWidth?: number;
  /** default 'sum' (the port) */
  normalization?: ShellNormalization;
  threads?: number;
  onFrequency?: (k: number, of: number) => void;
}

/**
 * LocBFactor: for f0 = linspace(1/minRes, 1/maxRes, numPoints), L = ln(Cref·m) with
 * Cref = m/(m+q) (q = noise quantile of m over the background), then a per-voxel least-squares
 * line of L vs f0²; B = 4·slope (Å², negative for a decaying signal). Sums are accumulated per
 * frequency, so memory stays at a few maps whatever numPoints is.
 */
export function localBFactorMap(spectrum: Float32Array, d: Dims, voxelSize: Vec3, mask: Uint8Array, o: LocalBFactorOptions): Float32Array {
  const n = d.nx * d.ny * d.nz;
  const points = o.numPoints ?? 10;
  const f0s = linspace(1 / (o.minRes ?? 15), 1 / o.maxRes, points);
  const freq = physicalFrequencies(d, voxelSize);
  const fw = shellWidth(d, voxelSize, o.voxelWidth ?? 4.8);
  const background = inscribedBackground(mask, d);
  const m = sharedFloat32(n);
  const work = allocateSpectrum(d);
  const riesz = rieszScratch(d);
  // per-voxel sums on huge pages (sharedBuffer): 2 × 8 bytes a voxel, no page fault per 4 KiB
  const sy = new Float64Array(sharedBuffer(8 * n));
  const sxy = new Float64Array(sharedBuffer(8 * n));
  let sx = 0, sxx = 0;
  for (let k = 0; k < points; k++) {
    o.onFrequency?.(k, points);
    shellAmplitude(spectrum, freq, d, f0s[k]!, fw, m, work, o.threads, o.normalization ?? 'sum', riesz);
    const q = percentiles(m, [100 * (o.noiseQuantile ?? 0.9)], { mask: background })[0]!;
    const x = f0s[k]! * f0s[k]!;
    sx += x;
    sxx += x * x;
    for (let i = 0; i < n; i++) {
      const a = m[i]!;
      // ln(Cref·m) = ln(m²/(m+q)); a zero amplitude would be −∞ (numpy: NaN slope): floor it
      const L = Math.log(Math.max((a * a) / (a + q), 1e-300));
      sy[i]! += L;
      sxy[i]! += x * L;
    }
  }
  const den = points * sxx - sx * sx;
  const out = sharedFloat32(n);
  for (let i = 0; i < n; i++) out[i] = den !== 0 ? (4 * (points * sxy[i]! - sx * sy[i]!)) / den : NaN;
  return out;
}

export interface LocalOccupancyOptions {
  minRes?: number;
  maxRes: number;
  proteinQuantile?: number;
  voxelWidth?: number;
  threads?: number;
  onFrequency?: (k: number, of: number) => void;
}

/** K = max(1, int((1/R − 1/15)/fw)) frequencies, as the port (numpy linspace, K = 1 gives [1/15]). */
export function occupancyFrequencies(maxRes: number, fw: number, minRes = 15): Float64Array {
  const K = Math.max(1, Math.trunc((1 / maxRes - 1 / minRes) / fw));
  return K === 1 ? Float64Array.of(1 / minRes) : linspace(1 / minRes, 1 / maxRes, K);
}

/** LocOccupancy: fraction of the frequencies at which m ≥ the protein quantile of m over the mask. */
export function localOccupancyMap(spectrum: Float32Array, d: Dims, voxelSize: Vec3, mask: Uint8Array, o: LocalOccupancyOptions): Float32Array {
  const n = d.nx * d.ny * d.nz;
  const freq = physicalFrequencies(d, voxelSize);
  const fw = shellWidth(d, voxelSize, o.voxelWidth ?? 4.8);
  const f0s = occupancyFrequencies(o.maxRes, fw, o.minRes ?? 15);
  const m = sharedFloat32(n);
  const work = allocateSpectrum(d);
  const riesz = rieszScratch(d);
  const count = new Uint16Array(sharedBuffer(2 * n));
  for (let k = 0; k < f0s.length; k++) {
    o.onFrequency?.(k, f0s.length);
    shellAmplitude(spectrum, freq, d, f0s[k]!, fw, m, work, o.threads, 'sum', riesz);
    const q = percentiles(m, [100 * (o.proteinQuantile ?? 0.25)], { mask })[0]!;
    for (let i = 0; i < n; i++) if (m[i]! >= q) count[i]!++;
  }
  const out = sharedFloat32(n);
  for (let i = 0; i < n; i++) out[i] = count[i]! / f0s.length;
  return out;
}

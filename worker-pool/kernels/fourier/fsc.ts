/**
 * Fourier shell correlation between two half-complex spectra (fft3d.ts layout), its
 * threshold curves and their crossings. Shared by Level 1 (half map vs half map) and Level A
 * (map vs model map).
 *
 * Shells are physical-frequency shells of width 1/(N·Ts), N the largest box side, so a
 * non-cubic box bins like its cube: a coefficient with digital frequency f (cycles/voxel, each
 * axis by its own size) lies in shell round(|f|·N); shell s is centred at s/(N·Ts) Å⁻¹.
 * Shells 0 … floor(N/2) (Nyquist) are kept; the corners beyond are ignored, as relion's getFSC
 * and Xmipp do.
 *
 * Sums run over the full sphere of coefficients, counting Hermitian pairs correctly: a stored
 * coefficient with 0 < kx < nx/2 stands for itself and its conjugate (weight 2); the kx = 0
 * plane and, for even nx, the kx = nx/2 plane already hold both members of each pair (weight
 * 1). `count` is thus the number of coefficients of the whole 3D transform in the shell.
 */
import type { Dims } from '../../volume.js';
import { refOf } from '../fft/jobs.js';
import { defaultThreads, runPass } from '../fft/team.js';
import { frequencyAxes } from './frequency.js';
import { ALL_SUMS, FSC_SUMS, SUM_BEYOND1, SUM_BEYOND2, SUM_COUNT, SUM_CROSS, SUM_DPR_DEN, SUM_DPR_NUM, SUM_MINUS, SUM_P1, SUM_P2, SUM_PLUS } from './spectrum-planes.js';

export interface FscCurve {
  /** Shell centre, 1/Å (s/(N·Ts)). */
  frequency: Float64Array;
  /** Re Σ F1·F2* / √(Σ|F1|² · Σ|F2|²) per shell (NaN for an empty shell or a zero spectrum there). */
  fsc: Float64Array;
  /** Coefficients of the full (not half) transform in each shell. */
  count: Float64Array;
  /** Mean |F1|², |F2|² per coefficient of the shell (NaN when empty). */
  power1: Float64Array;
  power2: Float64Array;
}

export interface FscOptions {
  /** Shells to return, from shell 0 (default floor(N/2) + 1: up to Nyquist). */
  shells?: number;
  /** A shell map of this box from `fscShellMap` (saves recomputing it for several curves). */
  shellMap?: FscShellMap;
}

/** For every stored coefficient its shell (−1 beyond the last shell); per kx its Hermitian weight. */
export interface FscShellMap {
  dims: Dims;
  shells: number;
  /** Int16: 2 bytes per coefficient (64 MB at 400³); boxes up to 65,534 voxels a side. */
  shell: Int16Array;
  weightX: Uint8Array;
}

/** The largest box side: the N of the shell width 1/(N·Ts). */
export function fscBoxSize(d: Dims): number {
  return Math.max(d.nx, d.ny, d.nz);
}

/**
 * The frequency radius (cycles per voxel) of the FSC's last shell: coefficients beyond it are in
 * no shell, so a transform made only for an FSC may skip them (rfft3d's `radius`).
 */
export function fscRadius(d: Dims, shells = (fscBoxSize(d) >> 1) + 1): number {
  return (shells - 0.5) / fscBoxSize(d);
}

/** Shell index and Hermitian weight of every stored coefficient of a box (see the file's comment). */
export function fscShellMap(d: Dims, shells = (fscBoxSize(d) >> 1) + 1): FscShellMap {
  const n = fscBoxSize(d);
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = fx.length;
  const shell = new Int16Array(nkx * d.ny * d.nz);
  const weightX = new Uint8Array(nkx);
  for (let x = 0; x < nkx; x++) weightX[x] = x === 0 || 2 * x === d.nx ? 1 : 2;
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    for (let y = 0; y < d.ny; y++) {
      const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
      for (let x = 0; x < nkx; x++, i++) {
        const s = Math.round(Math.sqrt(yz2 + fx[x]! * fx[x]!) * n);
        shell[i] = s < shells ? s : -1;
      }
    }
  }
  return { dims: d, shells, shell, weightX };
}

/** FSC per shell between two spectra of the same box (fft3d.ts layout; any normalisation, the same for both). */
export function fourierShellCorrelation(spectrum1: Float32Array, spectrum2: Float32Array, d: Dims, voxelSize: number, options: FscOptions = {}): FscCurve {
  if (spectrum1.length !== spectrum2.length) throw new RangeError(`FSC needs two spectra of one box, got ${spectrum1.length} and ${spectrum2.length} floats.`);
  const n = fscBoxSize(d);
  const shells = options.shells ?? options.shellMap?.shells ?? (n >> 1) + 1;
  const map = options.shellMap && options.shellMap.shells === shells && sameDims(options.shellMap.dims, d) ? options.shellMap : fscShellMap(d, shells);
  if (map.shell.length * 2 !== spectrum1.length) throw new RangeError(`FSC spectra have ${spectrum1.length} floats, the box ${d.nx}×${d.ny}×${d.nz} needs ${map.shell.length * 2}.`);
  const cross = new Float64Array(shells), p1 = new Float64Array(shells), p2 = new Float64Array(shells), count = new Float64Array(shells);
  const { shell, weightX } = map;
  const nkx = weightX.length;
  for (let row = 0, i = 0; row < d.ny * d.nz; row++) {
    for (let x = 0; x < nkx; x++, i++) {
      const s = shell[i]!;
      if (s < 0) continue;
      const w = weightX[x]!;
      const a = spectrum1[2 * i]!, b = spectrum1[2 * i + 1]!, c = spectrum2[2 * i]!, e = spectrum2[2 * i + 1]!;
      cross[s]! += w * (a * c + b * e);
      p1[s]! += w * (a * a + b * b);
      p2[s]! += w * (c * c + e * e);
      count[s]! += w;
    }
  }
  const frequency = Float64Array.from({ length: shells }, (_, s) => s / (n * voxelSize));
  const fsc = cross.map((v, s) => (p1[s]! > 0 && p2[s]! > 0 ? v / Math.sqrt(p1[s]! * p2[s]!) : NaN));
  const power1 = p1.map((v, s) => (count[s]! > 0 ? v / count[s]! : NaN));
  const power2 = p2.map((v, s) => (count[s]! > 0 ? v / count[s]! : NaN));
  return { frequency, fsc, count, power1, power2 };
}

function sameDims(a: Dims, b: Dims): boolean {
  return a.nx === b.nx && a.ny === b.ny && a.nz === b.nz;
}

export interface FscThresholds {
  halfBit: Float64Array;
  oneBit: Float64Array;
  threeSigma: Float64Array;
  /** The effective number of independent voxels per shell the three curves use. */
  nEff: Float64Array;
}

/**
 * Information-based threshold curves per shell, with EMDB va's formulas (higher-levels.md
 * §7.1, from van Heel & Schatz 2005):
 *   half-bit (0.2071 + 1.9102/√n_eff)/(1.2071 + 0.9102/√n_eff),
 *   one-bit  (0.5 + 2.4142/√n_eff)/(1.5 + 1.4142/√n_eff),
 *   3σ       3/(√n_eff + 2),
 * n_eff = count·(1.5·0.66)²/(2·asymmetricUnits). va takes the shell's analytic volume
 * (4/3)π((i+1)³ − i³) for count; here it is the counted coefficients of the full shell
 * (`FscCurve.count`), which is the same volume measured on the grid. An empty shell gives NaN.
 */
export function fscThresholdCurves(count: Float64Array, options: { asymmetricUnits?: number } = {}): FscThresholds {
  const asym = options.asymmetricUnits ?? 1;
  const nEff = count.map((c) => (c * (1.5 * 0.66) ** 2) / (2 * asym));
  const curve = (f: (r: number) => number) => nEff.map((n) => (n > 0 ? f(Math.sqrt(n)) : NaN));
  return {
    halfBit: curve((r) => (0.2071 + 1.9102 / r) / (1.2071 + 0.9102 / r)),
    oneBit: curve((r) => (0.5 + 2.4142 / r) / (1.5 + 1.4142 / r)),
    threeSigma: curve((r) => 3 / (r + 2)),
    nEff,
  };
}

/** Shells below this are never searched for a crossing (VRS needs index > 1; relion starts at 1). */
export const FSC_CROSSING_FROM_SHELL = 2;

/**
 * Frequency (1/Å) where the FSC first falls below the threshold, searching from shell
 * `fromShell` (default FSC_CROSSING_FROM_SHELL) on, linearly interpolated between the last
 * shell at or above the threshold and the first below it (on fsc − threshold, so a curved
 * threshold works). A curve already below at shell fromShell − 1 crosses there. NaN shells
 * (empty) are skipped. null when it never falls below up to the last shell.
 */
export function fscCrossing(frequency: Float64Array, fsc: Float64Array, threshold: number | Float64Array, options: { fromShell?: number } = {}): number | null {
  const from = Math.max(1, options.fromShell ?? FSC_CROSSING_FROM_SHELL);
  const t = (i: number) => (typeof threshold === 'number' ? threshold : threshold[i]!);
  let prev = -1;
  for (let i = from - 1; i < fsc.length; i++) {
    const d = fsc[i]! - t(i);
    if (Number.isNaN(d)) continue;
    if (i >= from && d < 0) {
      if (prev < 0) return frequency[i]!;
      const dp = fsc[prev]! - t(prev);
      if (dp <= 0) return frequency[prev]!;
      return frequency[prev]! + ((frequency[i]! - frequency[prev]!) * dp) / (dp - d);
    }
    prev = i;
  }
  return null;
}

/**
 * Replaces the phase of every coefficient at or beyond shell `index` by a uniform random phase,
 * keeping its amplitude, in place: relion's randomizePhasesBeyond (fftw.cpp: |k|² ≥ index², |k|
 * in index units of the largest side here, every stored coefficient drawn independently).
 * Seeded (spectrum-planes.ts: one xorshift32 stream per plane), so the result is reproducible
 * and the same for any thread count; planes run in parallel on the FFT team.
 */
export function randomizePhasesBeyond(spectrum: Float32Array, d: Dims, index: number, seed: number, threads = defaultThreads()): void {
  runPass({ op: 'spectrumPlane', kernel: 'randomizePhases', params: [index, seed >>> 0], engine: 'ts', dims: d, a: refOf(spectrum), b: refOf(spectrum), sign: 1, scale: 1, total: d.nz }, threads);
}

export interface HalfMapCurves {
  fsc: FscCurve;
  /**
   * Differential phase residual per shell (Xmipp's frc_dpr): √(Σ (|F1|+|F2|)·Δφ² / Σ (|F1|+|F2|)),
   * Δφ the phase difference in (−180°, 180°], in degrees. Random phases give 180/√3 = 103.9°.
   * Only with `withPhase`.
   */
  dpr?: Float64Array;
  /**
   * VRS's spectral signal-to-noise ratio per shell: mean|F1 + F2| / mean|F1 − F2| (the ½ of the
   * average and half-difference cancel); NaN where the difference is zero. Only with `withPhase`.
   */
  ssnr?: Float64Array;
  /**
   * Σ |F|² of each spectrum over the whole transform (every coefficient of the full box, beyond
   * the last shell too) but the zero frequency: by Parseval, N²·variance of the map for an
   * unscaled forward transform (N voxels). Only with `withPhase`.
   */
  acPower?: [number, number];
}

/**
 * FSC of two spectra (as fourierShellCorrelation, same shells and Hermitian weights) and, with
 * `withPhase`, the DPR and SSNR, in one pass over the coefficients that the FFT team runs in
 * parallel (spectrum-planes.ts). Arrays not on SharedArrayBuffers run on this thread.
 */
export function halfMapCurves(spectrum1: Float32Array, spectrum2: Float32Array, d: Dims, voxelSize: number, options: { withPhase?: boolean; threads?: number } = {}): HalfMapCurves {
  if (spectrum1.length !== spectrum2.length) throw new RangeError(`FSC needs two spectra of one box, got ${spectrum1.length} and ${spectrum2.length} floats.`);
  const n = fscBoxSize(d), shells = (n >> 1) + 1;
  const sums = options.withPhase ? ALL_SUMS : FSC_SUMS;
  const out = new Float64Array(new SharedArrayBuffer(d.nz * sums * shells * 8));
  runPass({ op: 'spectrumPlane', kernel: 'shellSums', params: [n, shells, options.withPhase ? 1 : 0], engine: 'ts', dims: d, a: refOf(spectrum1), b: refOf(spectrum2), out: refOf(out), sign: 1, scale: 1, total: d.nz }, options.threads ?? defaultThreads());
  const total = new Float64Array(sums * shells);
  for (let z = 0; z < d.nz; z++) for (let j = 0, o = z * sums * shells; j < total.length; j++) total[j]! += out[o + j]!;
  const q = (k: number) => total.subarray(k * shells, (k + 1) * shells);
  const [cross, p1, p2, count] = [q(SUM_CROSS), q(SUM_P1), q(SUM_P2), q(SUM_COUNT)];
  const fsc: FscCurve = {
    frequency: Float64Array.from({ length: shells }, (_, s) => s / (n * voxelSize)),
    fsc: cross.map((v, s) => (p1[s]! > 0 && p2[s]! > 0 ? v / Math.sqrt(p1[s]! * p2[s]!) : NaN)),
    count: Float64Array.from(count),
    power1: p1.map((v, s) => (count[s]! > 0 ? v / count[s]! : NaN)),
    power2: p2.map((v, s) => (count[s]! > 0 ? v / count[s]! : NaN)),
  };
  if (!options.withPhase) return { fsc };
  const dprDen = q(SUM_DPR_DEN), minus = q(SUM_MINUS);
  return {
    fsc,
    dpr: q(SUM_DPR_NUM).map((v, s) => (dprDen[s]! > 0 ? Math.sqrt(v / dprDen[s]!) : NaN)),
    ssnr: q(SUM_PLUS).map((v, s) => (minus[s]! > 0 ? v / minus[s]! : NaN)),
    acPower: [acPower(p1, total[SUM_BEYOND1 * shells]!), acPower(p2, total[SUM_BEYOND2 * shells]!)],
  };
}

/** The power of shells 1 … last plus that beyond the last shell; shell 0 holds only the zero frequency (the next |f|·N is at least 1). */
function acPower(shellPower: Float64Array, beyond: number): number {
  return shellPower.reduce((t, v, s) => (s > 0 ? t + v : t), beyond);
}

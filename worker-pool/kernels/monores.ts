/**
 * Single-map MonoRes local resolution (Vilas et al. 2018; spec level0.md §6.2): noise from the
 * voxels outside the mask within the cliff radius, mask refined by the smoothed monogenic
 * amplitude, then a sweep from maxRes towards Nyquist (step snapped to Fourier indices): at each
 * resolution r the map is high-passed at w = Ts/r, its monogenic amplitude smoothed by a
 * low-pass at w + 0.02, and mask voxels whose amplitude beats the 95 % noise quantile take r.
 * Pure: the caller gives the map and the hard mask and gets the local-resolution map back.
 *
 * With half maps (option `noise`, Level 1's 1.e): the map is their average and the noise is
 * their half-difference (h1 − h2)/2, which has the noise of the average and none of its signal;
 * at each step the noise amplitude is the same high-passed, smoothed monogenic amplitude of the
 * noise map, read at the mask's own voxels (no noise region outside the mask, no mask
 * refinement: the mask is used as given).
 *
 * Why every step transforms the whole (sub-)box: the step's filter is a high-pass, so its Riesz
 * components hold every frequency from w up to Nyquist and cannot be computed on a grid cropped
 * in Fourier space; only the smoothed amplitude is band-limited (to w + 0.02), and it is the
 * non-linear amplitude of the full-band components. Cropping applies to band-passes (local FSC).
 */
import type { Dims } from '../volume.js';
import { sharedFloat32, sharedUint8 } from '../volume.js';
import { sharedBuffer } from './memory/shared-memory.js';
import { allocateSpectrum, irfft3d, rfft3d } from './fft/fft3d.js';
import { refOf } from './fft/jobs.js';
import { defaultThreads, runPass } from './fft/team.js';
import { frequencyAxes, frequencyMagnitudes, xmippRound } from './fourier/frequency.js';
import { RAISED_COSINE_WIDTH, gaussianFilter, lowPassGain } from './fourier/filters.js';
import { percentiles } from './stats/index.js';

export interface MonoResOptions {
  /** Å/voxel (isotropic) */
  voxelSize: number;
  /** Å, where the sweep starts (low-resolution end) */
  maxRes: number;
  /** Å, the sweep never goes finer than max(minRes, 2·Ts) */
  minRes: number;
  /** Å, ≥ 0.25 */
  step?: number;
  significance?: number;
  /** a noise map on the same box (half maps: (h1 − h2)/2): noise amplitudes come from it, at the signal voxels */
  noise?: Float32Array;
  threads?: number;
  onStep?: (resolution: number) => void;
}

export interface MonoResResult {
  /** Å inside the refined mask, 0 outside */
  resolution: Float32Array;
  /** 1 = signal (refined mask), 0 = noise, −1 = excluded (beyond the cliff) */
  regions: Int8Array;
  /** the resolutions the sweep visited, Å */
  sweep: number[];
  stopReason: 'fewActive' | 'lowAmplitude' | 'zTest' | 'nyquist';
}

const Z95 = 1.6448536269514722;

/**
 * Math.round(√r²) for every integer r² up to `max`: a voxel's shell by table lookup, the same
 * value as rounding its distance (one square root per distinct r², not per voxel).
 */
function shellTable(max: number): Int32Array {
  const t = new Int32Array(max + 1);
  for (let r2 = 0; r2 <= max; r2++) t[r2] = Math.round(Math.sqrt(r2));
  return t;
}

/**
 * Cliff radius (voxels from the box centre): from the protein radius outwards, the first
 * 1-voxel shell whose variance falls below 1 % of the previous shell's marks a flattened
 * (pre-masked) region; the limit is that radius − 1. Default: half the smallest box side.
 */
export function cliffRadius(v: Float32Array, d: Dims, mask: Uint8Array): number {
  const cx = d.nx >> 1, cy = d.ny >> 1, cz = d.nz >> 1;
  const half = Math.min(cx, cy, cz);
  const shells = Math.ceil(Math.sqrt(cx * cx + cy * cy + cz * cz)) + 2;
  const s1 = new Float64Array(shells), s2 = new Float64Array(shells), cnt = new Float64Array(shells);
  // |x − cx| ≤ cx on every axis (cx = n >> 1), so r² ≤ cx² + cy² + cz²
  const shellOf = shellTable(cx * cx + cy * cy + cz * cz);
  // the protein radius is the largest distance of a mask voxel: compared as r² (integers), rooted once
  let proteinR2 = 0;
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++) {
      const yz2 = (y - cy) * (y - cy) + (z - cz) * (z - cz);
      for (let x = 0; x < d.nx; x++, i++) {
        const r2 = (x - cx) * (x - cx) + yz2;
        const k = shellOf[r2]!;
        const a = v[i]!;
        s1[k]! += a;
        s2[k]! += a * a;
        cnt[k]!++;
        if (mask[i] && r2 > proteinR2) proteinR2 = r2;
      }
    }
  const protein = Math.sqrt(proteinR2);
  let prev = NaN;
  for (let k = Math.ceil(protein); k <= half; k++) {
    if (cnt[k]! < 2) continue;
    const mean = s1[k]! / cnt[k]!;
    const variance = s2[k]! / cnt[k]! - mean * mean;
    if (prev > 0 && variance / prev < 0.01) return k - 1;
    prev = variance;
  }
  return half;
}

/** Regions: 1 inside the mask, 0 noise (outside the mask, within the cliff radius), −1 beyond it. */
export function noiseRegions(v: Float32Array, d: Dims, mask: Uint8Array): { regions: Int8Array; radius: number } {
  const radius = cliffRadius(v, d, mask);
  const regions = new Int8Array(sharedBuffer(mask.length)); // huge pages, as the masks
  const cx = d.nx >> 1, cy = d.ny >> 1, cz = d.nz >> 1;
  const R2 = radius * radius;
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++) {
      const yz2 = (y - cy) * (y - cy) + (z - cz) * (z - cz);
      for (let x = 0; x < d.nx; x++, i++) regions[i] = mask[i] ? 1 : (x - cx) * (x - cx) + yz2 <= R2 ? 0 : -1;
    }
  return { regions, radius };
}

const selector = (regions: Int8Array, value: number) => {
  const m = sharedUint8(regions.length);
  for (let i = 0; i < m.length; i++) m[i] = regions[i] === value ? 1 : 0;
  return m;
};

/** The sweep's resolutions: maxRes − k·step snapped to Fourier indices ROUND(N·Ts/r), duplicates skipped, down to max(minRes, 2Ts). */
export function sweepResolutions(N: number, Ts: number, maxRes: number, minRes: number, step: number): number[] {
  const floor = Math.max(minRes, 2 * Ts);
  const out: number[] = [];
  let last = -1;
  for (let k = 0; ; k++) {
    const target = maxRes - k * step;
    if (target < floor - 1e-9) break;
    const idx = xmippRound((N * Ts) / target);
    if (idx < 1 || idx === last) continue;
    const r = (N * Ts) / idx;
    if (r < floor - 1e-9) break;
    out.push(r);
    last = idx;
  }
  return out;
}

/**
 * Everything one sweep step needs, allocated once per box: |f| (float32 for the high-pass, as
 * the filters see it, and float64 for the low-pass), the four spectra of the monogenic signal,
 * its four real components (the last one in the amplitude's array). Reusing them keeps the loop
 * free of allocations and of the page faults of fresh 64 MB buffers.
 */
interface Workspace {
  d: Dims;
  freq: Float32Array;
  mag: Float64Array;
  fx: Float64Array;
  fy: Float64Array;
  fz: Float64Array;
  spectra: [Float32Array, Float32Array, Float32Array, Float32Array];
  /** the filtered map and two Riesz components (the third goes to amp) */
  v: [Float32Array, Float32Array, Float32Array];
  amp: Float32Array;
}

function workspace(d: Dims): Workspace {
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = fx.length;
  const mag = new Float64Array(nkx * d.ny * d.nz);
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++) {
      // the same operations as applyRadialFilter, so the low-pass gains are bit for bit its own
      const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
      for (let x = 0; x < nkx; x++, i++) mag[i] = Math.sqrt(yz2 + fx[x]! * fx[x]!);
    }
  const n = d.nx * d.ny * d.nz;
  return {
    d, freq: frequencyMagnitudes(d), mag, fx, fy, fz,
    spectra: [allocateSpectrum(d), allocateSpectrum(d), allocateSpectrum(d), allocateSpectrum(d)],
    v: [sharedFloat32(n), sharedFloat32(n), sharedFloat32(n)],
    amp: sharedFloat32(n),
  };
}

/**
 * ws.amp = monogenic amplitude of `spectrum` high-passed at w (w = 0: unfiltered), the same
 * values as high-passing into a spectrum and calling riesz.ts's monogenicAmplitude, in one pass
 * over the coefficients (filtered map and its three Riesz components, H_k = −i·f_k/|f|) and
 * four inverse transforms.
 */
function highPassedAmplitude(spectrum: Float32Array, ws: Workspace, w: number, threads: number | undefined): Float32Array {
  const { d, v, amp } = ws;
  const [s0, s1, s2, s3] = ws.spectra;
  const t = threads ?? defaultThreads();
  const plane = { op: 'spectrumPlane' as const, engine: 'ts' as const, dims: d, sign: 1 as const, scale: 1, total: d.nz };
  runPass({ ...plane, kernel: 'riesz', params: [w], a: refOf(spectrum), b: refOf(s0), extra: [s1, s2, s3].map(refOf) }, t);
  const inv = { normalize: 'forward' as const, threads, overwriteInput: true };
  const [v0, v1, v2] = v;
  irfft3d(s0, d, inv, v0);
  irfft3d(s1, d, inv, v1);
  irfft3d(s2, d, inv, v2);
  irfft3d(s3, d, inv, amp);
  runPass({ ...plane, kernel: 'amplitude', params: [], a: refOf(v0), b: refOf(amp), extra: [v1, v2].map(refOf) }, t);
  return amp;
}

/** The sweep's monogenic amplitude of `spectrum` high-passed at w (cycles/voxel), in a workspace of its own (tests). */
export function sweepAmplitude(spectrum: Float32Array, d: Dims, w: number, threads?: number): Float32Array {
  return highPassedAmplitude(spectrum, workspace(d), w, threads);
}

/** ws.amp smoothed by the raised-cosine low-pass from w to w + 0.02 (forward, gain, inverse). */
function smoothAmplitude(ws: Workspace, w: number, threads: number | undefined): void {
  const { d, amp } = ws;
  const spec = ws.spectra[0];
  rfft3d(amp, d, { normalize: 'forward', threads }, spec);
  runPass({ op: 'spectrumPlane', engine: 'ts', kernel: 'lowPass', params: [w], dims: d, a: refOf(spec), b: refOf(spec), sign: 1, scale: 1, total: d.nz }, threads ?? defaultThreads());
  irfft3d(spec, d, { normalize: 'forward', threads, overwriteInput: true }, amp);
}

function indicesOf(regions: Int8Array, value: number): Int32Array {
  let count = 0;
  for (let i = 0; i < regions.length; i++) if (regions[i] === value) count++;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < regions.length; i++) if (regions[i] === value) out[k++] = i;
  return out;
}

/** Mean and population variance of a[idx] (summed in index order, as a masked pass would). */
function meanVarAt(a: Float32Array, idx: Int32Array): { mean: number; variance: number; n: number } {
  let s = 0, s2 = 0;
  for (let k = 0; k < idx.length; k++) {
    const x = a[idx[k]!]!;
    s += x;
    s2 += x * x;
  }
  const n = idx.length;
  const mean = n > 0 ? s / n : 0;
  return { mean, variance: n > 0 ? Math.max(0, s2 / n - mean * mean) : 0, n };
}

/** q-th percentile of a[idx] (the same order statistics as a masked percentile). */
function percentileAt(a: Float32Array, idx: Int32Array, q: number, scratch: Float32Array): number {
  for (let k = 0; k < idx.length; k++) scratch[k] = a[idx[k]!]!;
  return percentiles(scratch, [q])[0]!;
}

/**
 * MonoRes on map `v` with its regions (noiseRegions(), or a crop of them: the caller may work on
 * a sub-box). `regions` is refined in place (signal voxels below the noise amplitude become noise).
 */
export function monoRes(v: Float32Array, d: Dims, regions: Int8Array, o: MonoResOptions): MonoResResult {
  const n = d.nx * d.ny * d.nz;
  const Ts = o.voxelSize;
  const threads = o.threads;
  const ws = workspace(d);
  const spectrum = rfft3d(v, d, { normalize: 'forward', threads });

  const noiseSpectrum = o.noise ? rfft3d(o.noise, d, { normalize: 'forward', threads }) : null;
  const amp = ws.amp;
  if (!noiseSpectrum) {
    // refine the mask: smoothed amplitude of the whole map vs the 95 % noise quantile
    highPassedAmplitude(spectrum, ws, 0, threads);
    rfft3d(amp, d, { normalize: 'forward', threads }, ws.spectra[0]);
    gaussianFilter(ws.spectra[0], d, 4);
    irfft3d(ws.spectra[0], d, { normalize: 'forward', threads, overwriteInput: true }, amp);
    const noise0 = indicesOf(regions, 0);
    if (noise0.length > 0) {
      const t = percentileAt(amp, noise0, 95, new Float32Array(noise0.length));
      for (let i = 0; i < n; i++) if (regions[i] === 1 && amp[i]! < t) regions[i] = 0;
    }
  }
  const signalIdx = indicesOf(regions, 1);
  // with a noise map, its amplitudes are read at the signal voxels
  const noiseIdx = noiseSpectrum ? signalIdx : indicesOf(regions, 0);
  const signal = selector(regions, 1);
  const res = new Float32Array(n);
  const miss = new Uint8Array(n);
  // the voxels still swept, in index order; compacted as voxels freeze
  let active = signalIdx.slice();
  const nSignal = signalIdx.length;
  const nNoise = noiseIdx.length;
  const result = (stopReason: MonoResResult['stopReason'], sweep: number[]): MonoResResult => ({
    resolution: postProcess(res, signal, d, Ts, threads),
    regions,
    sweep,
    stopReason,
  });
  if (nSignal === 0 || nNoise === 0) return result('nyquist', []);

  const N = Math.max(d.nx, d.ny, d.nz);
  const list = sweepResolutions(N, Ts, o.maxRes, o.minRes, Math.max(0.25, o.step ?? 0.25));
  const zCrit = o.significance === undefined || o.significance === 0.95 ? Z95 : zQuantile(o.significance);
  const noiseScratch = new Float32Array(nNoise);
  const visited: number[] = [];
  let maxMean = 0;
  let stop: MonoResResult['stopReason'] = 'nyquist';
  for (let k = 0; k < list.length; k++) {
    const r = list[k]!;
    o.onStep?.(r);
    const w = Ts / r;
    const q = 100 * (o.significance ?? 0.95);
    let thr = 0, Nz = { mean: 0, variance: 0, n: 0 };
    if (noiseSpectrum) {
      // the noise map's amplitude first: only its quantile and moments are kept, the buffer is reused
      highPassedAmplitude(noiseSpectrum, ws, w, threads);
      smoothAmplitude(ws, w, threads);
      thr = percentileAt(amp, noiseIdx, q, noiseScratch);
      Nz = meanVarAt(amp, noiseIdx);
    }
    highPassedAmplitude(spectrum, ws, w, threads);
    smoothAmplitude(ws, w, threads);
    if (!noiseSpectrum) {
      thr = percentileAt(amp, noiseIdx, q, noiseScratch);
      Nz = meanVarAt(amp, noiseIdx);
    }
    const S = meanVarAt(amp, signalIdx);
    maxMean = Math.max(maxMean, S.mean);
    const z = (S.mean - Nz.mean) / Math.sqrt(S.variance / S.n + Nz.variance / Nz.n);
    if (S.mean < 0.001 * maxMean) { stop = 'lowAmplitude'; break; }
    if (!(z >= zCrit)) { stop = 'zTest'; break; }
    visited.push(r);
    let nActive = 0;
    for (let k2 = 0; k2 < active.length; k2++) {
      const i = active[k2]!;
      if (amp[i]! > thr) {
        res[i] = r;
        miss[i] = 0;
      } else if (++miss[i]! >= 2) {
        // missed twice in a row: frozen at the resolution of two steps earlier
        if (res[i] === 0) res[i] = visited[Math.max(0, visited.length - 3)]!;
        continue;
      }
      active[nActive++] = i;
    }
    active = active.subarray(0, nActive);
    if (nActive < 0.025 * nSignal) { stop = 'fewActive'; break; }
  }
  return result(stop, visited);
}

/** Unassigned signal voxels take the median; real_gaussian σ = 3 smoothing; clamps; 0 outside the mask. */
function postProcess(res: Float32Array, signal: Uint8Array, d: Dims, Ts: number, threads?: number): Float32Array {
  const n = res.length;
  const assigned = new Uint8Array(n);
  let any = false;
  for (let i = 0; i < n; i++) if (signal[i] && res[i]! > 0) { assigned[i] = 1; any = true; }
  const out = sharedFloat32(n);
  if (!any) return out;
  const median = percentiles(res, [50], { mask: assigned })[0]!;
  // outside the mask the median too, so that smoothing does not pull the border towards 0
  for (let i = 0; i < n; i++) out[i] = assigned[i] ? res[i]! : median;
  const spec = rfft3d(out, d, { normalize: 'forward', threads });
  gaussianFilter(spec, d, 3);
  irfft3d(spec, d, { normalize: 'forward', threads, overwriteInput: true }, out);
  const nyquist = 2 * Ts;
  for (let i = 0; i < n; i++) {
    if (!signal[i]) { out[i] = 0; continue; }
    const raw = assigned[i] ? res[i]! : median;
    out[i] = Math.max(nyquist, Math.min(out[i]!, raw));
  }
  return out;
}

/** Standard normal quantile, Acklam's central-region rational approximation (valid for 0.025 < p < 0.975). */
function zQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

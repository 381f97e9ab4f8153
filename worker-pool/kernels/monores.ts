/**
 * Single-map MonoRes local resolution (Vilas et al. 2018; spec level0.md §6.2): noise from the
 * voxels outside the mask within the cliff radius, mask refined by the smoothed monogenic
 * amplitude, then a sweep from maxRes towards Nyquist (step snapped to Fourier indices): at each
 * resolution r the map is high-passed at w = Ts/r, its monogenic amplitude smoothed by a
 * low-pass at w + 0.02, and mask voxels whose amplitude beats the 95 % noise quantile take r.
 * Pure: the caller gives the map and the hard mask and gets the local-resolution map back.
 */
import type { Dims } from '../volume.js';
import { sharedFloat32 } from '../volume.js';
import { allocateSpectrum, irfft3d, rfft3d } from './fft/fft3d.js';
import { frequencyMagnitudes, xmippRound } from './fourier/frequency.js';
import { RAISED_COSINE_WIDTH, gaussianFilter, highPassGain, lowPass } from './fourier/filters.js';
import { monogenicAmplitude } from './fourier/riesz.js';
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
 * Cliff radius (voxels from the box centre): from the protein radius outwards, the first
 * 1-voxel shell whose variance falls below 1 % of the previous shell's marks a flattened
 * (pre-masked) region; the limit is that radius − 1. Default: half the smallest box side.
 */
export function cliffRadius(v: Float32Array, d: Dims, mask: Uint8Array): number {
  const cx = d.nx >> 1, cy = d.ny >> 1, cz = d.nz >> 1;
  const half = Math.min(cx, cy, cz);
  const shells = Math.ceil(Math.sqrt(cx * cx + cy * cy + cz * cz)) + 2;
  const s1 = new Float64Array(shells), s2 = new Float64Array(shells), cnt = new Float64Array(shells);
  let protein = 0;
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < d.nx; x++, i++) {
        const r = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2);
        const k = Math.round(r);
        const a = v[i]!;
        s1[k]! += a;
        s2[k]! += a * a;
        cnt[k]!++;
        if (mask[i] && r > protein) protein = r;
      }
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
  const regions = new Int8Array(mask.length);
  const cx = d.nx >> 1, cy = d.ny >> 1, cz = d.nz >> 1;
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < d.nx; x++, i++) {
        const r2 = (x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2;
        regions[i] = mask[i] ? 1 : r2 <= radius * radius ? 0 : -1;
      }
  return { regions, radius };
}

const selector = (regions: Int8Array, value: number) => {
  const m = new Uint8Array(regions.length);
  for (let i = 0; i < m.length; i++) m[i] = regions[i] === value ? 1 : 0;
  return m;
};

/** Mean and population variance of `a` over the voxels with sel ≠ 0. */
function meanVar(a: Float32Array, sel: Uint8Array): { mean: number; variance: number; n: number } {
  let s = 0, s2 = 0, n = 0;
  for (let i = 0; i < a.length; i++) {
    if (sel[i] === 0) continue;
    const x = a[i]!;
    s += x;
    s2 += x * x;
    n++;
  }
  const mean = n > 0 ? s / n : 0;
  return { mean, variance: n > 0 ? Math.max(0, s2 / n - mean * mean) : 0, n };
}

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
 * MonoRes on map `v` with its regions (noiseRegions(), or a crop of them: the caller may work on
 * a sub-box). `regions` is refined in place (signal voxels below the noise amplitude become noise).
 */
export function monoRes(v: Float32Array, d: Dims, regions: Int8Array, o: MonoResOptions): MonoResResult {
  const n = d.nx * d.ny * d.nz;
  const Ts = o.voxelSize;
  const threads = o.threads;
  const fwd = { normalize: 'forward' as const, threads };
  const inv = { normalize: 'forward' as const, threads, overwriteInput: true };
  const spectrum = rfft3d(v, d, fwd);
  const work = allocateSpectrum(d);
  const amp = sharedFloat32(n);

  // refine the mask: smoothed amplitude of the whole map vs the 95 % noise quantile
  monogenicAmplitude(spectrum, d, { normalize: 'forward', threads }, amp);
  rfft3d(amp, d, fwd, work);
  gaussianFilter(work, d, 4);
  irfft3d(work, d, inv, amp);
  const noise0 = selector(regions, 0);
  if (noise0.some((x) => x)) {
    const t = percentiles(amp, [95], { mask: noise0 })[0]!;
    for (let i = 0; i < n; i++) if (regions[i] === 1 && amp[i]! < t) regions[i] = 0;
  }
  const signal = selector(regions, 1);
  const noise = selector(regions, 0);
  const res = new Float32Array(n);
  const miss = new Uint8Array(n);
  const active = signal.slice();
  const nSignal = signal.reduce((a, b) => a + b, 0);
  const nNoise = noise.reduce((a, b) => a + b, 0);
  const result = (stopReason: MonoResResult['stopReason'], sweep: number[]): MonoResResult => ({
    resolution: postProcess(res, signal, d, Ts, threads),
    regions,
    sweep,
    stopReason,
  });
  if (nSignal === 0 || nNoise === 0) return result('nyquist', []);

  const freq = frequencyMagnitudes(d);
  const N = Math.max(d.nx, d.ny, d.nz);
  const list = sweepResolutions(N, Ts, o.maxRes, o.minRes, Math.max(0.25, o.step ?? 0.25));
  const zCrit = o.significance === undefined || o.significance === 0.95 ? Z95 : zQuantile(o.significance);
  const visited: number[] = [];
  let maxMean = 0;
  let stop: MonoResResult['stopReason'] = 'nyquist';
  for (let k = 0; k < list.length; k++) {
    const r = list[k]!;
    o.onStep?.(r);
    const w = Ts / r;
    for (let i = 0; i < freq.length; i++) {
      const g = highPassGain(freq[i]!, w, RAISED_COSINE_WIDTH);
      work[2 * i] = spectrum[2 * i]! * g;
      work[2 * i + 1] = spectrum[2 * i + 1]! * g;
    }
    monogenicAmplitude(work, d, { normalize: 'forward', threads }, amp);
    rfft3d(amp, d, fwd, work);
    lowPass(work, d, w, RAISED_COSINE_WIDTH);
    irfft3d(work, d, inv, amp);
    const thr = percentiles(amp, [100 * (o.significance ?? 0.95)], { mask: noise })[0]!;
    const S = meanVar(amp, signal), Nz = meanVar(amp, noise);
    maxMean = Math.max(maxMean, S.mean);
    const z = (S.mean - Nz.mean) / Math.sqrt(S.variance / S.n + Nz.variance / Nz.n);
    if (S.mean < 0.001 * maxMean) { stop = 'lowAmplitude'; break; }
    if (!(z >= zCrit)) { stop = 'zTest'; break; }
    visited.push(r);
    let nActive = 0;
    for (let i = 0; i < n; i++) {
      if (active[i] === 0) continue;
      if (amp[i]! > thr) {
        res[i] = r;
        miss[i] = 0;
      } else if (++miss[i]! >= 2) {
        // missed twice in a row: frozen at the resolution of two steps earlier
        active[i] = 0;
        if (res[i] === 0) res[i] = visited[Math.max(0, visited.length - 3)]!;
        continue;
      }
      nActive++;
    }
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

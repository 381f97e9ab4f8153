/**
 * Resampling by Fourier cropping/padding, and the VRS `resizeMap` step (spec level0.md §2.2).
 *
 * Known difference from VRS (allowed by the spec): Xmipp's `image_resize --factor` uses spline
 * interpolation; here the spectrum is cropped (downsampling) or zero-padded (upsampling), which
 * is exact for band-limited maps. Even-size Nyquist bins are folded/split as
 * scipy.signal.resample does, so the result stays real and keeps its mean.
 */
import type { Dims, Volume } from '../../volume.js';
import { sharedFloat32 } from '../../volume.js';
import { allocateSpectrum, irfft3d, rfft3d, rfft3dRows } from '../fft/fft3d.js';
import type { SpectrumRows } from '../fft/spectrum-rows.js';
import { lowPass, RAISED_COSINE_WIDTH } from './filters.js';

interface AxisMap {
  /** Up to two (source index, weight) pairs per target index; src −1 = unused. */
  s1: Int32Array; w1: Float64Array; s2: Int32Array; w2: Float64Array;
}

function newMap(m: number): AxisMap {
  return { s1: new Int32Array(m).fill(-1), w1: new Float64Array(m), s2: new Int32Array(m).fill(-1), w2: new Float64Array(m) };
}

/** Full (complex) axis of length n → m. */
function fullAxisMap(n: number, m: number): AxisMap {
  const map = newMap(m);
  const N = Math.min(n, m);
  for (let t = 0; t < m; t++) {
    const s = t <= (m - 1) >> 1 ? t : t - m;
    if (2 * Math.abs(s) < N) { map.s1[t] = (s + n) % n; map.w1[t] = 1; continue; }
    if (2 * Math.abs(s) !== N) continue;
    if (m === n) { map.s1[t] = t; map.w1[t] = 1; }
    else if (m < n) { map.s1[t] = m / 2; map.w1[t] = 1; map.s2[t] = n - m / 2; map.w2[t] = 1; } // fold ±m/2
    else { map.s1[t] = n / 2; map.w1[t] = 0.5; } // split the source Nyquist over ±n/2
  }
  return map;
}

/** Half (real-input) x axis: kx = 0 … floor(n/2) → 0 … floor(m/2). */
function halfAxisMap(n: number, m: number): AxisMap {
  const mk = (m >> 1) + 1;
  const map = newMap(mk);
  const N = Math.min(n, m);
  for (let t = 0; t < mk; t++) {
    if (2 * t < N) { map.s1[t] = t; map.w1[t] = 1; }
    else if (2 * t === N) { map.s1[t] = t; map.w1[t] = m === n ? 1 : m < n ? 2 : 0.5; }
  }
  return map;
}

/**
 * The part of box d's spectrum a crop to box e (every side ≤ d's) reads: the source rows ky of
 * its y axis map and the kx up to e's last (rfft3dRows computes just these).
 */
export function cropRows(d: Dims, e: Dims): SpectrumRows {
  const my = fullAxisMap(d.ny, e.ny);
  const rows = new Set<number>();
  for (let t = 0; t < e.ny; t++) for (const s of [my.s1[t]!, my.s2[t]!]) if (s >= 0) rows.add(s);
  // whole fours of columns (rfft3dRows' rule; the crop reads the first (e.nx >> 1) + 1)
  const nkx = (d.nx >> 1) + 1, columns = 4 * Math.ceil(((e.nx >> 1) + 1) / 4);
  return { rows: Int32Array.from([...rows].sort((a, b) => a - b)), columns: columns <= nkx ? columns : nkx };
}

/**
 * Crops or zero-pads a 'forward'-normalised spectrum of box d into box e. `part`: `spec` holds
 * only those rows and columns of d's spectrum (rfft3dRows), enough for a crop (cropRows).
 */
export function resizeSpectrum(spec: Float32Array, d: Dims, e: Dims, out?: Float32Array, part?: SpectrumRows): Float32Array {
  const res = out ?? allocateSpectrum(e);
  const mx = halfAxisMap(d.nx, e.nx), my = fullAxisMap(d.ny, e.ny), mz = fullAxisMap(d.nz, e.nz);
  const nkx = part ? part.columns : (d.nx >> 1) + 1, ekx = (e.nx >> 1) + 1;
  const rowCount = part ? part.rows.length : d.ny;
  const rowOf = part ? new Int32Array(d.ny).fill(-1) : Int32Array.from({ length: d.ny }, (_, y) => y);
  if (part) part.rows.forEach((y, r) => (rowOf[y] = r));
  const terms = (m: AxisMap, t: number): [number, number][] => {
    const r: [number, number][] = [];
    if (m.s1[t]! >= 0) r.push([m.s1[t]!, m.w1[t]!]);
    if (m.s2[t]! >= 0) r.push([m.s2[t]!, m.w2[t]!]);
    return r;
  };
  const xs = Array.from({ length: ekx }, (_, t) => terms(mx, t));
  // every source row and column the crop reads must be in the part given (checked once, not per coefficient)
  for (let y = 0; y < e.ny; y++) for (const [sy] of terms(my, y)) if (rowOf[sy]! < 0) throw new RangeError(`resizeSpectrum: row ${sy} is not in the part of the spectrum given`);
  for (const [sx] of xs.flat()) if (sx >= nkx) throw new RangeError(`resizeSpectrum: column ${sx} is not in the part of the spectrum given`);
  for (let z = 0; z < e.nz; z++) {
    const tz = terms(mz, z);
    for (let y = 0; y < e.ny; y++) {
      const ty = terms(my, y);
      for (let x = 0; x < ekx; x++) {
        let re = 0, im = 0;
        for (const [sz, wz] of tz) for (const [sy, wy] of ty) for (const [sx, wx] of xs[x]!) {
          const i = 2 * (sx + nkx * (rowOf[sy]! + rowCount * sz));
          const w = wz * wy * wx;
          re += w * spec[i]!; im += w * spec[i + 1]!;
        }
        const o = 2 * (x + ekx * (y + e.ny * z));
        res[o] = re; res[o + 1] = im;
      }
    }
  }
  return res;
}

/** Resamples a real map to box e by Fourier cropping/padding (voxel size scales by n/m per axis). */
export function fourierResample(data: Float32Array, d: Dims, e: Dims, threads?: number): Float32Array {
  const spec = rfft3d(data, d, { normalize: 'forward', threads });
  const small = resizeSpectrum(spec, d, e);
  return irfft3d(small, e, { normalize: 'forward', threads, overwriteInput: true });
}

/** VRS's resized box: X' = 2·floor(X·Ts/Ts'/2) (always even). */
export function resizedBox(n: number, voxelSize: number, targetVoxelSize: number): number {
  return 2 * Math.floor((n * voxelSize) / targetVoxelSize / 2);
}

/** Centred window (crop or zero-pad) of a real box, as Xmipp's window to X' after resizing. */
export function centredWindow(data: Float32Array, d: Dims, e: Dims): Float32Array {
  const out = sharedFloat32(e.nx * e.ny * e.nz);
  // Xmipp windows around the logical centre n/2 (integer division) of both boxes
  const ox = (d.nx >> 1) - (e.nx >> 1), oy = (d.ny >> 1) - (e.ny >> 1), oz = (d.nz >> 1) - (e.nz >> 1);
  for (let z = 0; z < e.nz; z++) {
    const sz = z + oz;
    if (sz < 0 || sz >= d.nz) continue;
    for (let y = 0; y < e.ny; y++) {
      const sy = y + oy;
      if (sy < 0 || sy >= d.ny) continue;
      for (let x = 0; x < e.nx; x++) {
        const sx = x + ox;
        if (sx >= 0 && sx < d.nx) out[x + e.nx * (y + e.ny * z)] = data[sx + d.nx * (sy + d.ny * sz)]!;
      }
    }
  }
  return out;
}

export interface ResizeResult {
  volume: Volume;
  /** The box after Fourier resampling, before the centred window. */
  resampledBox: Dims;
}

/**
 * VRS resizeMap to voxel size `target` (Å, isotropic; e.g. resolution/2). When downsampling
 * (target > Ts) the map is first low-passed with Xmipp's raised cosine at Ts/(2·target) digital
 * frequency (edge 0.02); then Fourier-resampled to round(n·Ts/target) voxels per axis (voxel size
 * n·Ts/m, equal to target up to that rounding), then windowed (centred) to 2·floor(n·Ts/target/2).
 */
export function resizeMap(vol: Volume, target: number, threads?: number): ResizeResult {
  const d: Dims = { nx: vol.nx, ny: vol.ny, nz: vol.nz };
  const ts = vol.voxelSize.x;
  const m = (n: number) => Math.max(1, Math.round((n * ts) / target));
  const e: Dims = { nx: m(d.nx), ny: m(d.ny), nz: m(d.nz) };
  // a crop reads a few rows and columns of the spectrum: only they are computed (42 MB instead of
  // 258 MB at 400³ → 160³, the same values); zero-padding needs it all
  const part = e.nx <= d.nx && e.ny <= d.ny && e.nz <= d.nz ? cropRows(d, e) : undefined;
  const spec = part ? rfft3dRows(vol.data, d, part, { normalize: 'forward', threads }) : rfft3d(vol.data, d, { normalize: 'forward', threads });
  if (target > ts) lowPass(spec, d, ts / (2 * target), RAISED_COSINE_WIDTH, part);
  const resampled = irfft3d(resizeSpectrum(spec, d, e, undefined, part), e, { normalize: 'forward', threads, overwriteInput: true });
  const w: Dims = { nx: resizedBox(d.nx, ts, target), ny: resizedBox(d.ny, ts, target), nz: resizedBox(d.nz, ts, target) };
  const data = centredWindow(resampled, e, w);
  const voxelSize = { x: (d.nx * ts) / e.nx, y: (d.ny * vol.voxelSize.y) / e.ny, z: (d.nz * vol.voxelSize.z) / e.nz };
  return { volume: { ...w, data, voxelSize, origin: { ...vol.origin } }, resampledBox: e };
}

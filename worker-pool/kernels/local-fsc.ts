/**
 * Local FSC (BlocRes-like, Cardone et al. 2013): the FSC between the two half maps inside a soft
 * box centred on each position of a grid, and the local resolution where it first falls below
 * a threshold, interpolated to a map.
 *
 * How, without one FFT per box: by Parseval, the FSC of shell k in the window w centred on p is
 *   Σ_x w(x−p)·h1_k(x)·h2_k(x) / √(Σ_x w(x−p)·h1_k(x)² · Σ_x w(x−p)·h2_k(x)²),
 * with h_k the half map band-passed to shell k (a raised-cosine shell of width Δ = 1/box); the
 * three windowed sums are convolutions of products with w, computed for every position at once.
 * (This windows the band-passed maps rather than band-passing the windowed box; the two differ
 * by the window's own bandwidth, about one shell.) Band-limited tricks keep it cheap:
 * - h_k only has frequencies up to f_k + Δ, and only the low frequencies of the products
 *   survive the window (the Gaussian's gain is 0.2 % at 2Δ), so band k is inverse-transformed
 *   on a grid M just fine enough that the products' aliases stay above 2Δ
 *   (M/N ≈ 2·(f_k + 2Δ)): the low bands cost a fraction of a full FFT;
 * - the windowed sums are band-limited to ≈ 2Δ, so they are sampled on a coarse grid (step ≈
 *   box/4), which is the "step" of the sliding box;
 * - the sweep goes from low to high frequency and stops once every position of interest has
 *   crossed the threshold.
 * The soft box is a Gaussian of σ = box/(2√π): its effective volume (Σw)²/Σw² equals box³.
 * Pure: arrays in, arrays out.
 */
import type { Dims } from '../volume.js';
import { sharedFloat32 } from '../volume.js';
import { allocateSpectrum, irfft3d, rfft3d } from './fft/fft3d.js';
import { nextSmooth235 } from './fft/plan1d.js';
import { cropSpectrum } from './fourier/crop.js';

export interface LocalFscOptions {
  /** voxels: the edge of the box whose effective volume the soft (Gaussian) box has */
  box: number;
  /** voxels between positions (default box/4; the grid is rounded to FFT-friendly sizes) */
  step?: number;
  /** FSC threshold (default 0.5, BlocRes's) */
  threshold?: number;
  /** positions of interest: the sweep stops once every position whose nearest voxel is in the mask has crossed */
  mask?: Uint8Array;
  threads?: number;
  onBand?: (band: number, of: number) => void;
}

export interface LocalFscBands {
  /** the positions' grid: position (i, j, l) is at voxel (i·nx/grid.nx, j·ny/grid.ny, l·nz/grid.nz) */
  grid: Dims;
  /** σ of the Gaussian window, voxels */
  sigma: number;
  /** band centres, cycles/voxel: k/box, k = 1 … floor(box/2) */
  frequencies: Float64Array;
  /** FSC of each computed band at every position (grid order); bands after the sweep stopped are absent */
  fsc: Float32Array[];
}

export interface LocalFscResult extends LocalFscBands {
  /** cycles/voxel at every position: where its FSC first fell below the threshold (linear interpolation between bands) */
  crossing: Float32Array;
  /** true where the FSC stayed above the threshold up to the last band */
  neverCrossed: Uint8Array;
}

/** The windowed-FSC sweep: FSC per band at every grid position; `keepGoing(k, fsc)` stops it early. */
export function localFscBands(
  h1: Float32Array,
  h2: Float32Array,
  d: Dims,
  o: LocalFscOptions,
  keepGoing: (k: number, fsc: Float32Array) => boolean = () => true,
): LocalFscBands {
  const box = o.box;
  const threads = o.threads;
  const delta = 1 / box;
  const sigma = box / (2 * Math.sqrt(Math.PI));
  const step = o.step ?? box / 4;
  const grid: Dims = { nx: gridSize(d.nx, step), ny: gridSize(d.ny, step), nz: gridSize(d.nz, step) };
  const K = Math.floor(box / 2);
  const frequencies = Float64Array.from({ length: K }, (_, k) => (k + 1) * delta);
  const F1 = rfft3d(h1, d, { normalize: 'forward', threads });
  const F2 = rfft3d(h2, d, { normalize: 'forward', threads });
  const window = -2 * Math.PI * Math.PI * sigma * sigma;
  const windowGain = (f2: number) => Math.exp(window * f2);
  const nGrid = grid.nx * grid.ny * grid.nz;
  const gridSpec = allocateSpectrum(grid);
  const fsc: Float32Array[] = [];
  for (let k = 0; k < K; k++) {
    o.onBand?.(k, K);
    const fk = frequencies[k]!;
    // grid fine enough for the band and for its products' low frequencies (aliases above 2Δ)
    const need = 2 * (fk + 2 * delta);
    const m: Dims = { nx: bandSize(d.nx, need, grid.nx), ny: bandSize(d.ny, need, grid.ny), nz: bandSize(d.nz, need, grid.nz) };
    const lo = Math.max(0, fk - delta), hi = fk + delta;
    const lo2 = lo * lo, hi2 = hi * hi;
    const shell = (f2: number) => {
      if (f2 <= lo2 || f2 >= hi2) return 0;
      const c = Math.cos((Math.PI / 2) * ((Math.sqrt(f2) - fk) / delta));
      return c * c;
    };
    const inv = { normalize: 'forward' as const, threads, overwriteInput: true };
    const b1 = irfft3d(cropSpectrum(F1, d, m, d, shell), m, inv);
    const b2 = irfft3d(cropSpectrum(F2, d, m, d, shell), m, inv);
    const product = sharedFloat32(b1.length);
    const productSpec = allocateSpectrum(m);
    const windowed = (a: Float32Array, b: Float32Array): Float32Array => {
      for (let i = 0; i < product.length; i++) product[i] = a[i]! * b[i]!;
      rfft3d(product, m, { normalize: 'forward', threads }, productSpec);
      cropSpectrum(productSpec, m, grid, d, windowGain, gridSpec);
      return irfft3d(gridSpec, grid, inv, new Float32Array(nGrid));
    };
    const s12 = windowed(b1, b2), s11 = windowed(b1, b1), s22 = windowed(b2, b2);
    const out = new Float32Array(nGrid);
    for (let i = 0; i < nGrid; i++) {
      const den = Math.sqrt(Math.max(0, s11[i]!) * Math.max(0, s22[i]!));
      out[i] = den > 0 ? s12[i]! / den : 0;
    }
    fsc.push(out);
    if (!keepGoing(k, out)) break;
  }
  return { grid, sigma, frequencies, fsc };
}

/** Positions along an axis of n voxels for a step (FFT-friendly, at least 4). */
function gridSize(n: number, step: number): number {
  return Math.min(n, nextSmooth235(Math.max(4, Math.ceil(n / step))));
}

/** The band grid along an axis of n voxels sampled at `need` samples per voxel (≤ n, ≥ the positions' grid). */
function bandSize(n: number, need: number, min: number): number {
  const m = nextSmooth235(Math.max(min, Math.ceil(n * need) + 1));
  return m >= n ? n : m;
}

/** The local FSC sweep and, at every position, the frequency where the FSC first falls below the threshold. */
export function localFsc(h1: Float32Array, h2: Float32Array, d: Dims, o: LocalFscOptions): LocalFscResult {
  const threshold = o.threshold ?? 0.5;
  let crossing = new Float32Array(0);
  let done = new Uint8Array(0);
  let interest: Uint8Array | null = null;
  let left = 0;
  let prev: Float32Array | null = null;
  const bands = localFscBands(h1, h2, d, o, (k, fsc) => {
    const f = (k + 1) / o.box;
    if (prev === null) {
      crossing = new Float32Array(fsc.length);
      done = new Uint8Array(fsc.length);
      interest = positionsOfInterest(o.mask, d, gridOf(d, o));
      for (let i = 0; i < fsc.length; i++) if (interest[i]) left++;
    }
    for (let i = 0; i < fsc.length; i++) {
      if (done[i]) continue;
      const c = fsc[i]!;
      if (c >= threshold) continue;
      // first band below the threshold: interpolate between the previous band and this one
      if (prev === null) crossing[i] = f;
      else {
        const a = prev[i]!;
        const t = a === c ? 0 : (a - threshold) / (a - c);
        crossing[i] = f - (1 - t) / o.box;
      }
      done[i] = 1;
      if (interest![i]) left--;
    }
    prev = fsc;
    return left > 0;
  });
  const last = bands.frequencies[bands.fsc.length - 1]!;
  const neverCrossed = new Uint8Array(crossing.length);
  for (let i = 0; i < crossing.length; i++) if (!done[i]) { crossing[i] = last; neverCrossed[i] = 1; }
  return { ...bands, crossing, neverCrossed };
}

function gridOf(d: Dims, o: LocalFscOptions): Dims {
  const step = o.step ?? o.box / 4;
  return { nx: gridSize(d.nx, step), ny: gridSize(d.ny, step), nz: gridSize(d.nz, step) };
}

/** Grid positions whose nearest voxel is in the mask (all when there is no mask). */
function positionsOfInterest(mask: Uint8Array | undefined, d: Dims, g: Dims): Uint8Array {
  const out = new Uint8Array(g.nx * g.ny * g.nz);
  if (!mask) return out.fill(1);
  let i = 0;
  for (let l = 0; l < g.nz; l++) {
    const z = Math.round((l * d.nz) / g.nz) % d.nz;
    for (let j = 0; j < g.ny; j++) {
      const y = Math.round((j * d.ny) / g.ny) % d.ny;
      for (let q = 0; q < g.nx; q++, i++) {
        const x = Math.round((q * d.nx) / g.nx) % d.nx;
        out[i] = mask[x + d.nx * (y + d.ny * z)]!;
      }
    }
  }
  return out;
}

/**
 * Trilinear interpolation of grid values (periodic, position (i, j, l) at voxel i·n/g …) to every
 * voxel of d; voxels outside `mask` (when given) get 0.
 */
export function interpolateGrid(values: Float32Array, g: Dims, d: Dims, mask?: Uint8Array): Float32Array {
  const out = sharedFloat32(d.nx * d.ny * d.nz);
  const axis = (n: number, m: number) => {
    const i0 = new Int32Array(n), i1 = new Int32Array(n), t = new Float32Array(n);
    for (let x = 0; x < n; x++) {
      const u = (x * m) / n;
      const j = Math.floor(u);
      i0[x] = j % m;
      i1[x] = (j + 1) % m;
      t[x] = u - j;
    }
    return { i0, i1, t };
  };
  const ax = axis(d.nx, g.nx), ay = axis(d.ny, g.ny), az = axis(d.nz, g.nz);
  let v = 0;
  for (let z = 0; z < d.nz; z++) {
    const z0 = az.i0[z]! * g.ny, z1 = az.i1[z]! * g.ny, tz = az.t[z]!;
    for (let y = 0; y < d.ny; y++) {
      const y0 = ay.i0[y]!, y1 = ay.i1[y]!, ty = ay.t[y]!;
      const r00 = g.nx * (y0 + z0), r10 = g.nx * (y1 + z0), r01 = g.nx * (y0 + z1), r11 = g.nx * (y1 + z1);
      for (let x = 0; x < d.nx; x++, v++) {
        if (mask && !mask[v]) continue;
        const x0 = ax.i0[x]!, x1 = ax.i1[x]!, tx = ax.t[x]!;
        const c00 = values[r00 + x0]! + tx * (values[r00 + x1]! - values[r00 + x0]!);
        const c10 = values[r10 + x0]! + tx * (values[r10 + x1]! - values[r10 + x0]!);
        const c01 = values[r01 + x0]! + tx * (values[r01 + x1]! - values[r01 + x0]!);
        const c11 = values[r11 + x0]! + tx * (values[r11 + x1]! - values[r11 + x0]!);
        const c0 = c00 + ty * (c10 - c00), c1 = c01 + ty * (c11 - c01);
        out[v] = c0 + tz * (c1 - c0);
      }
    }
  }
  return out;
}

/**
 * The grid values (periodic, position (i, j, l) at voxel i·n/g …, as interpolateGrid) at a point
 * given in voxel coordinates of d (voxel i at coordinate i): trilinear between positions.
 */
export function sampleGrid(values: Float32Array, g: Dims, d: Dims, x: number, y: number, z: number): number {
  const at = (u: number, n: number, m: number) => {
    const s = (u * m) / n, j = Math.floor(s);
    return { i0: ((j % m) + m) % m, i1: (((j + 1) % m) + m) % m, t: s - j };
  };
  const ax = at(x, d.nx, g.nx), ay = at(y, d.ny, g.ny), az = at(z, d.nz, g.nz);
  const v = (i: number, j: number, l: number) => values[i + g.nx * (j + g.ny * l)]!;
  const c = (j: number, l: number) => v(ax.i0, j, l) + ax.t * (v(ax.i1, j, l) - v(ax.i0, j, l));
  const c0 = c(ay.i0, az.i0) + ay.t * (c(ay.i1, az.i0) - c(ay.i0, az.i0));
  const c1 = c(ay.i0, az.i1) + ay.t * (c(ay.i1, az.i1) - c(ay.i0, az.i1));
  return c0 + az.t * (c1 - c0);
}

/**
 * 0.e–0.g against analytic truth built in the test:
 *  - 0.e: a random dense object whose left half is low-passed at 4 Å and right half at 8 Å,
 *    plus white noise: each half's median local resolution within 15 % of its cutoff;
 *  - 0.f: the same kind of object (flat amplitude spectrum) blurred by exp(−B₀s²/4): median
 *    local B within 10 % of −B₀ inside the mask;
 *  - 0.g: a uniform object gives occupancy ≈ 1; a region scaled down gets a lower occupancy;
 *  - record shapes, warnings, applicability, non-cubic boxes.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFloat32, type Dims } from '../../volume.js';
import { irfft3d, rfft3d, shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import { applyRadialFilter, lowPass } from '../../kernels/fourier/filters.js';
import { percentiles } from '../../kernels/stats/index.js';
import { gaussian, mulberry32 } from '../../synthetic/random.js';
import { localResolutionMap, computeLocalResolution } from './local-resolution/compute.js';
import { computeLocalBFactor } from './local-bfactor/compute.js';
import { computeLocalOccupancy } from './local-occupancy/compute.js';
import { occupancyFrequencies, shellWidth } from '../../kernels/monogenic.js';
import { sweepResolutions } from '../../kernels/monores.js';
import { localStatistics, isHomogeneous } from './local-statistics.js';

afterAll(() => shutdownFftThreads());

const ctx = () => {
  const blobs = new Map<string, Uint8Array>();
  return {
    blobs,
    putArtifact(bytes: Uint8Array, mediaType: string, role: string) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      blobs.set(sha256, bytes);
      return { sha256, mediaType, role, sizeBytes: bytes.byteLength };
    },
    progress: () => undefined,
  };
};

/**
 * Random dense object (30 % of the voxels get a weight in [1, 2)) inside an ellipsoid of radii r
 * (voxels); `mask` is the object, `hard` the ellipsoid grown by `grow` voxels (as the hard mask is
 * the thresholded object dilated by 2 Å).
 */
function denseObject(d: Dims, r: [number, number, number], seed: number, grow = 0): { data: Float32Array; mask: Uint8Array; hard: Uint8Array } {
  const rnd = mulberry32(seed);
  const data = sharedFloat32(d.nx * d.ny * d.nz);
  const mask = new Uint8Array(data.length);
  const hard = new Uint8Array(data.length);
  const c = [d.nx / 2, d.ny / 2, d.nz / 2];
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < d.nx; x++, i++) {
        const q = ((x - c[0]!) / r[0]) ** 2 + ((y - c[1]!) / r[1]) ** 2 + ((z - c[2]!) / r[2]) ** 2;
        const g = ((x - c[0]!) / (r[0] + grow)) ** 2 + ((y - c[1]!) / (r[1] + grow)) ** 2 + ((z - c[2]!) / (r[2] + grow)) ** 2;
        if (g < 1) hard[i] = 1;
        if (q < 1) {
          mask[i] = 1;
          data[i] = rnd() < 0.3 ? 1 + rnd() : 0;
        }
      }
  return { data, mask, hard };
}

function filtered(data: Float32Array, d: Dims, f: (spec: Float32Array) => void): Float32Array {
  const spec = rfft3d(data, d, { normalize: 'forward' });
  f(spec);
  return irfft3d(spec, d, { normalize: 'forward', overwriteInput: true });
}

function addNoise(data: Float32Array, sigma: number, seed: number): void {
  const rnd = mulberry32(seed);
  for (let i = 0; i < data.length; i++) data[i]! += sigma * gaussian(rnd);
}

function std(data: Float32Array, mask: Uint8Array): number {
  let s = 0, s2 = 0, n = 0;
  for (let i = 0; i < data.length; i++) if (mask[i]) { s += data[i]!; s2 += data[i]! ** 2; n++; }
  return Math.sqrt(s2 / n - (s / n) ** 2);
}

describe('0.e local resolution (single-map MonoRes)', () => {
  // the object fills a third of the box width so the noise region is mostly away from it
  const n = 96;
  const d = { nx: n, ny: n, nz: n };
  const Ts = 1;
  const obj = denseObject(d, [26, 26, 26], 7, 3);
  const at4 = filtered(obj.data, d, (s) => lowPass(s, d, Ts / 4, 0.02));
  const at8 = filtered(obj.data, d, (s) => lowPass(s, d, Ts / 8, 0.02));
  const data = sharedFloat32(n * n * n);
  const left = new Uint8Array(data.length), right = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = i % n;
    data[i] = x < n / 2 ? at4[i]! : at8[i]!;
    if (obj.mask[i] && x < n / 2 - 4) left[i] = 1;
    if (obj.mask[i] && x >= n / 2 + 4) right[i] = 1;
  }
  addNoise(data, 0.3 * std(at8, obj.mask), 11);

  it('finds 4 Å in the left half and 8 Å in the right half (medians within 15 %)', () => {
    const local = localResolutionMap(data, d, obj.hard, Ts, { crop: false });
    // the sub-box sweep (mask bounding box + noise margin) agrees with the whole-box one
    const cropped = localResolutionMap(data, d, obj.hard, Ts, { crop: true });
    const both = Uint8Array.from(obj.mask, (v, i) => (v && local[i]! > 0 && cropped[i]! > 0 ? 1 : 0));
    const [a50] = percentiles(local, [50], { mask: both }), [b50] = percentiles(cropped, [50], { mask: both });
    expect(Math.abs(a50! - b50!) / a50!).toBeLessThan(0.1);
    const sel = (m: Uint8Array) => Uint8Array.from(m, (v, i) => (v && local[i]! > 0 ? 1 : 0));
    const medL = percentiles(local, [50], { mask: sel(left) })[0]!;
    const medR = percentiles(local, [50], { mask: sel(right) })[0]!;
    expect(Math.abs(medL - 4) / 4).toBeLessThan(0.15);
    expect(Math.abs(medR - 8) / 8).toBeLessThan(0.15);
    // clearly separated: the halves' interquartile ranges do not overlap
    const [, l75] = percentiles(local, [25, 75], { mask: sel(left) });
    const [r25] = percentiles(local, [25, 75], { mask: sel(right) });
    expect(l75!).toBeLessThan(r25!);
  }, 120_000);

  it('gives the record: method, percentiles, percentile of R, histogram, MRC artifact', () => {
    const c = ctx();
    const rec = computeLocalResolution(data, d, obj.hard, Ts, 6, c);
    expect(rec.method).toBe('MonoRes (single map)');
    expect(rec.status === 'OK' || rec.status === 'WARNING').toBe(true);
    expect(rec.percentiles!.p2_5).toBeGreaterThanOrEqual(2.5);
    expect(rec.percentiles!.p97_5).toBeLessThanOrEqual(12.9);
    expect(rec.histogram!.counts.length).toBe(25);
    expect(rec.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(rec.voxels);
    expect(rec.reportedResolutionPercentile!).toBeGreaterThan(10);
    expect(rec.reportedResolutionPercentile!).toBeLessThan(90);
    expect(c.blobs.has(rec.mapSha256!)).toBe(true);
    expect(new TextDecoder().decode(c.blobs.get(rec.mapSha256!)!.subarray(208, 212))).toBe('MAP ');
    // a reported resolution finer than every local value: the 0.1 % rule fires
    const low = computeLocalResolution(data, d, obj.hard, Ts, 2.2, ctx());
    expect(low.reportedResolutionPercentile).toBe(0);
    expect(low.warnings.some((w) => w.includes('particularly high'))).toBe(true);
  }, 120_000);

  it('does not apply without a resolution or outside 2–13 Å', () => {
    expect(computeLocalResolution(data, d, obj.mask, Ts, null, ctx()).status).toBe('NOT_APPLICABLE');
    expect(computeLocalResolution(data, d, obj.mask, Ts, 14, ctx()).status).toBe('NOT_APPLICABLE');
    expect(computeLocalResolution(data, d, obj.mask, Ts, 1.9, ctx()).status).toBe('NOT_APPLICABLE');
  });
});

describe('MonoRes sweep', () => {
  it('snaps to Fourier indices, skips duplicates and stops at max(minRes, 2Ts)', () => {
    const r = sweepResolutions(100, 1.5, 12.9, 3, 0.25);
    expect(r[0]).toBeCloseTo(150 / 12, 12);
    for (let i = 1; i < r.length; i++) expect(r[i]!).toBeLessThan(r[i - 1]!);
    expect(r.every((x) => Number.isInteger(150 / x + 1e-9) || Math.abs(150 / x - Math.round(150 / x)) < 1e-9)).toBe(true);
    expect(r[r.length - 1]!).toBeGreaterThanOrEqual(3 - 1e-9);
  });
});

describe('0.f local B-factor and 0.g local occupancy', () => {
  const B0 = 150;

  function blurred(d: Dims, Ts: number, r: [number, number, number], seed: number, grow = 0) {
    const obj = denseObject(d, r, seed, grow);
    // exp(−B0 s²/4), s = |f|/Ts
    const map = filtered(obj.data, d, (s) => applyRadialFilter(s, d, (f) => Math.exp((-B0 * (f / Ts) ** 2) / 4)));
    addNoise(map, 0.02 * std(map, obj.mask), seed + 1);
    return { map, mask: obj.mask, hard: obj.hard };
  }

  // The Gaussian shells are 4.8/(n·Ts) wide: a box of a few hundred Å (as the resampled maps
  // VRS feeds in) keeps the shell-averaging bias (≈ B₀²fw²/2) small next to B₀.
  it('median local B within 10 % of −B₀ (cube)', () => {
    const d = { nx: 128, ny: 128, nz: 128 };
    const Ts = 3;
    const { map, mask } = blurred(d, Ts, [40, 40, 40], 3);
    const rec = computeLocalBFactor({ map, hard: mask, dims: d, voxelSize: { x: Ts, y: Ts, z: Ts }, origin: { x: 0, y: 0, z: 0 } }, 6, ctx());
    expect(rec.unit).toBe('Å²');
    expect(Math.abs(rec.percentiles!.p50 + B0) / B0).toBeLessThan(0.1);
    expect(rec.warnings).toEqual([]);
    // vrs-2024 keeps the port's S/ΣS: lower by 4·slope of ln(√ΣS²/ΣS) vs f0², about −100 Å² here
    const vrs = computeLocalBFactor({ map, hard: mask, dims: d, voxelSize: { x: Ts, y: Ts, z: Ts }, origin: { x: 0, y: 0, z: 0 } }, 6, ctx(), 'vrs-2024');
    expect(vrs.percentiles!.p50).toBeLessThan(rec.percentiles!.p50 - 50);
  }, 60_000);

  it('median local B within 10 % of −B₀ (non-cubic box)', () => {
    const d = { nx: 128, ny: 112, nz: 96 };
    const Ts = 3;
    const { map, mask } = blurred(d, Ts, [40, 34, 28], 5);
    const rec = computeLocalBFactor({ map, hard: mask, dims: d, voxelSize: { x: Ts, y: Ts, z: Ts }, origin: { x: 0, y: 0, z: 0 } }, 6, ctx());
    expect(Math.abs(rec.percentiles!.p50 + B0) / B0).toBeLessThan(0.1);
  }, 60_000);

  it('occupancy ≈ 1 in a uniform object, lower where the density is scaled down', () => {
    const d = { nx: 64, ny: 64, nz: 64 };
    const Ts = 2;
    // object radius 20 inside a hard mask of radius 25: the 0.25-quantile falls in the rim
    const { map, mask, hard } = blurred(d, Ts, [20, 20, 20], 9, 5);
    const input = { map, hard, dims: d, voxelSize: { x: Ts, y: Ts, z: Ts }, origin: { x: 0, y: 0, z: 0 } };
    const c0 = ctx();
    const uniform = computeLocalOccupancy(input, 4.5, c0);
    expect(uniform.percentiles!.p50).toBeGreaterThanOrEqual(0.99);
    const occ0 = new Float32Array(c0.blobs.get(uniform.mapSha256!)!.slice(1024).buffer);
    expect(percentiles(occ0, [10], { mask })[0]!).toBeGreaterThanOrEqual(0.99);
    // homogeneous output (≥ 97.5 % share one value) is what VRS warns about
    expect(uniform.warnings.length).toBeGreaterThanOrEqual(0);

    const scaled = sharedFloat32(map.length);
    const weak = new Uint8Array(map.length), strong = new Uint8Array(map.length);
    for (let i = 0; i < map.length; i++) {
      const x = i % d.nx;
      scaled[i] = x < 28 ? 0.05 * map[i]! : map[i]!;
      if (mask[i] && x < 24) weak[i] = 1;
      if (mask[i] && x > 36) strong[i] = 1;
    }
    // mask = the object itself: the scaled third (35 % of it) holds the 0.25-quantile
    const c = ctx();
    const rec = computeLocalOccupancy({ ...input, map: scaled, hard: mask }, 4.5, c);
    const occ = c.blobs.get(rec.mapSha256!)!;
    const values = new Float32Array(occ.slice(1024).buffer);
    const mWeak = percentiles(values, [50], { mask: weak })[0]!;
    const mStrong = percentiles(values, [50], { mask: strong })[0]!;
    expect(mStrong).toBeGreaterThanOrEqual(0.99);
    expect(mWeak).toBeLessThan(0.5);
  }, 60_000);

  it('K = max(1, int((1/R − 1/15)/fw)) frequencies; fw = 4.8/(n·Ts)', () => {
    const fw = shellWidth({ nx: 134, ny: 134, nz: 134 }, { x: 4.45, y: 4.45, z: 4.45 });
    expect(fw).toBeCloseTo(4.8 / (134 * 4.45), 12);
    expect(occupancyFrequencies(8.9, fw).length).toBe(Math.trunc((1 / 8.9 - 1 / 15) / fw));
    expect(occupancyFrequencies(14.9, fw)).toEqual(Float64Array.of(1 / 15));
  });
});

describe('local statistics', () => {
  it('numpy-linear percentiles, 25-bin histogram and the homogeneous test', () => {
    const v = Float32Array.from({ length: 101 }, (_, i) => i);
    const s = localStatistics(v, new Uint8Array(101).fill(1))!;
    expect(s.percentiles).toEqual({ p2_5: 2.5, p25: 25, p50: 50, p75: 75, p97_5: 97.5 });
    expect(s.histogram.binEdges.length).toBe(26);
    expect(isHomogeneous(s.percentiles, 0.01)).toBe(false);
    expect(isHomogeneous({ p2_5: 1, p25: 1, p50: 1, p75: 1, p97_5: 1.05 }, 0.1)).toBe(true);
  });
});

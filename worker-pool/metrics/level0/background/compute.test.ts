/**
 * 0.c on degenerate backgrounds: no voxel outside the hard mask, a single one, a constant one.
 * scipy's ttest_1samp gives NaN (or ±∞) there; the section must refuse them (NO_BACKGROUND)
 * rather than say OK with NaN numbers. Two distinct voxels are the smallest measurable case.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFloat32 } from '../../../volume.js';
import { shutdownFftThreads } from '../../../kernels/fft/fft3d.js';
import { isVrsError } from '../../../errors.js';
import { buildMasks } from '../masks.js';
import { backgroundNumbers, computeBackground } from './compute.js';
import { maxVarianceSlices, sparseMaxVarianceSlices } from '../figures.js';
import { masksMetric } from '../support.js';
import { backgroundSection } from './index.js';

const backgroundMetric = backgroundSection.metric;
import { memoryMetricContext } from '../../memory-context.js';
import type { ArtifactRef } from '../../types.js';

afterAll(() => shutdownFftThreads());

const put = (bytes: Uint8Array, mediaType: string, role: string): ArtifactRef => ({ sha256: 'x', mediaType, role, sizeBytes: bytes.byteLength });
const d = { nx: 8, ny: 8, nz: 8 };
const N = 512;

/** The error code and message thrown by f (fails the test if f returns). */
function thrown(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isVrsError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a VrsError, got a result');
}

describe('0.c background: degenerate backgrounds', () => {
  it('a hard mask over the whole box (constant map, all-zero map, threshold below the minimum) is NO_BACKGROUND', () => {
    const constant = sharedFloat32(N).fill(1);
    const zero = sharedFloat32(N);
    const ramp = sharedFloat32(N).map((_, i) => i / N);
    for (const [data, t] of [[constant, 0.5], [zero, 0], [ramp, -1]] as const) {
      const hard = buildMasks(data, d, t, 1).hard;
      expect(hard.every((v) => v === 1)).toBe(true);
      const e = thrown(() => computeBackground(data, d, hard, put));
      expect(e.code).toBe('NO_BACKGROUND');
      expect(e.message).toMatch(/no background voxel/);
      expect(e.message).toMatch(/raise the threshold/);
    }
  });

  it('the registered metric fails with NO_BACKGROUND (no OK record with NaN numbers)', async () => {
    const volume = { nx: 8, ny: 8, nz: 8, data: sharedFloat32(N).fill(2), voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } };
    const params = { threshold: 1, resolution: null, profile: 'standard' as const, voxelSize: 1 };
    const blobs = new Map<string, Uint8Array>();
    const masks = await masksMetric.compute(memoryMetricContext(volume, params, {}, blobs));
    const ctx = memoryMetricContext(volume, params, { 'level0.masks': masks }, blobs);
    await expect(Promise.resolve().then(() => backgroundMetric.compute(ctx))).rejects.toMatchObject({ code: 'NO_BACKGROUND' });
  });

  it('a single background voxel is NO_BACKGROUND (its standard deviation is undefined)', () => {
    const data = sharedFloat32(N).map((_, i) => i % 7);
    const hard = new Uint8Array(N).fill(1);
    hard[100] = 0;
    const e = thrown(() => computeBackground(data, d, hard, put));
    expect(e.code).toBe('NO_BACKGROUND');
    expect(e.message).toMatch(/single background voxel/);
  });

  it('a constant background (0, as in a masked map, or c ≠ 0) is BACKGROUND_CONSTANT', () => {
    for (const c of [0, 0.3]) {
      const data = sharedFloat32(N).fill(c);
      const hard = new Uint8Array(N);
      for (let i = 0; i < N; i++) {
        const x = i % 8, y = (i >> 3) % 8, z = i >> 6;
        if (x >= 2 && x < 6 && y >= 2 && y < 6 && z >= 2 && z < 6) {
          hard[i] = 1;
          data[i] = 5 + (i % 3);
        }
      }
      const e = thrown(() => computeBackground(data, d, hard, put));
      expect(e.code).toBe('BACKGROUND_CONSTANT');
      expect(e.message).toMatch(/same value/);
      expect(e.message).toMatch(/unmasked map/);
    }
  });

  it('two distinct background voxels give finite numbers (scipy: ttest_1samp([1, 3], 0) = (2, 0.29517))', () => {
    const data = sharedFloat32(N).fill(9);
    const hard = new Uint8Array(N).fill(1);
    hard[10] = 0;
    data[10] = 1;
    hard[20] = 0;
    data[20] = 3;
    const bg = computeBackground(data, d, hard, put);
    expect(bg.backgroundVoxels).toBe(2);
    expect(bg.tStatistic).toBeCloseTo(2, 12);
    expect(bg.pValue).toBeCloseTo(0.2951672353008665, 9);
    expect(bg.mean).toBe(2);
    expect(bg.standardDeviation).toBe(1);
    expect(bg.status).toBe('OK');
  });
});

/** The figure's map by definition: V where (background, i.e. outside the hard mask, and |V| > 5σ), else 0. */
function beyond5SigmaMap(data: Float32Array, hard: Uint8Array, sigma: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) if (hard[i] === 0 && Math.abs(data[i]!) > 5 * sigma) out[i] = data[i]!;
  return out;
}

describe('0.c figure: the outlier slices read from the sparse outliers equal those of the outlier map built first', () => {
  it('same slice indices and the same PNG bytes (random map with outliers, a spherical hard mask, non-cubic box)', () => {
    const d = { nx: 37, ny: 29, nz: 23 };
    const data = new Float32Array(d.nx * d.ny * d.nz);
    const hard = new Uint8Array(data.length);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let z = 0, i = 0; z < d.nz; z++)
      for (let y = 0; y < d.ny; y++)
        for (let x = 0; x < d.nx; x++, i++) {
          data[i] = rand() - 0.5 + (rand() < 0.01 ? (rand() < 0.5 ? -30 : 30) : 0);
          hard[i] = (x - 18) ** 2 + (y - 14) ** 2 + (z - 11) ** 2 < 64 ? 1 : 0;
        }
    const numbers = backgroundNumbers(data, hard);
    const sigma = numbers.standardDeviation;
    const pngs = new Map<string, Uint8Array>();
    const put = (bytes: Uint8Array) => { const sha = String(pngs.size); pngs.set(sha, bytes.slice()); return { sha256: sha } as ArtifactRef; };
    const built = maxVarianceSlices(beyond5SigmaMap(data, hard, sigma), d, put, 'b');
    const filtered = sparseMaxVarianceSlices(numbers.outliers, d, put, 'f');
    const dense = beyond5SigmaMap(data, hard, sigma);
    expect(numbers.beyond5Sigma).toBe(dense.filter((v) => v !== 0).length);
    expect(numbers.beyond5Sigma).toBeGreaterThan(50);
    expect(filtered.map((s) => [s.axis, s.index])).toEqual(built.map((s) => [s.axis, s.index]));
    expect(built.some((s) => s.index !== 0)).toBe(true); // the outliers decide the slices (not all ties at 0)
    filtered.forEach((s, k) => expect(Buffer.from(pngs.get(s.sha256)!).equals(Buffer.from(pngs.get(built[k]!.sha256)!))).toBe(true));
  });
});

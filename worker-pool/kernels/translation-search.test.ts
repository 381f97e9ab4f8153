/**
 * The translation search on analytic cases: a map and its copy moved by a known vector (a
 * Gaussian blob sampled at moved centres, so the shift needs no interpolation), whole and
 * fractional voxels, either sign, across the periodic edge; and the sampling of a position grid
 * (local-fsc.ts sampleGrid) on a field that is linear between positions.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftThreads } from './fft/fft3d.js';
import { sampleGrid } from './local-fsc.js';
import { translationSearch } from './translation-search.js';

afterAll(() => shutdownFftThreads());

/** A sum of a few anisotropic Gaussians (σ 1.2–1.6 voxels, as atoms at a resolution of 3–4 voxels) centred at c + offsets, on an n³ periodic grid. */
function blobs(n: number, c: [number, number, number]): Float32Array {
  const parts: [number, number, number, number][] = [[0, 0, 0, 1], [8, -6, 3, 0.7], [-7, 8, -6, 0.5]];
  const out = new Float32Array(n ** 3);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    let v = 0;
    for (const [ox, oy, oz, w] of parts) {
      // nearest periodic image
      const d = [x - c[0] - ox, y - c[1] - oy, z - c[2] - oz].map((u) => u - n * Math.round(u / n));
      v += w * Math.exp(-(d[0]! ** 2 / 1.5 + d[1]! ** 2 / 2 + d[2]! ** 2 / 2.5) / 2);
    }
    out[x + n * (y + n * z)] = v + 1; // a constant offset: the search centres the maps
  }
  return out;
}

describe('translation search', () => {
  const n = 32, d = { nx: n, ny: n, nz: n };
  const base = blobs(n, [16, 16, 16]);
  for (const t of [[3, -5, 0], [2.3, -3.6, 1.5], [-14.4, 12.7, 0.25]] as const) {
    it(`finds a move of (${t.join(', ')}) voxels within 0.15 voxel`, () => {
      const moved = blobs(n, [16 + t[0], 16 + t[1], 16 + t[2]]);
      const r = translationSearch(moved, base, d, 1);
      expect(Math.abs(r.shift.x - t[0])).toBeLessThan(0.15);
      expect(Math.abs(r.shift.y - t[1])).toBeLessThan(0.15);
      expect(Math.abs(r.shift.z - t[2])).toBeLessThan(0.15);
      // the score is read at the peak voxel: below 1 by the fractional part of the move
      expect(r.score).toBeGreaterThan(0.9);
      if (Number.isInteger(t[0]) && Number.isInteger(t[1]) && Number.isInteger(t[2])) expect(r.score).toBeCloseTo(1, 4);
    });
  }
});

describe('sampleGrid', () => {
  it('interpolates a field linear between positions exactly, and wraps periodically', () => {
    const g = { nx: 4, ny: 5, nz: 6 }, d = { nx: 16, ny: 20, nz: 24 };
    // the value at position (i, j, l) is i + 10·j + 100·l; voxel x is at position x·g/d
    const values = new Float32Array(g.nx * g.ny * g.nz);
    for (let l = 0; l < g.nz; l++) for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) values[i + g.nx * (j + g.ny * l)] = i + 10 * j + 100 * l;
    expect(sampleGrid(values, g, d, 6, 10, 4)).toBeCloseTo(1.5 + 10 * 2.5 + 100 * 1, 4);
    expect(sampleGrid(values, g, d, 0, 0, 0)).toBe(0);
    // between the last position (i = 3, voxel 12) and the first again (periodic): half-way at voxel 14
    expect(sampleGrid(values, g, d, 14, 0, 0)).toBeCloseTo((3 + 0) / 2, 5);
  });
});

/** Masks around atoms and per-group CCs against brute force over every voxel and every atom. */
import { describe, expect, it } from 'vitest';
import { atomDistances, binaryMask, groupCorrelations, softMask } from './model-mask.js';
import { pearson } from '../stats/correlation.js';
import type { AtomArrays, GridGeometry } from './model-map.js';

const grid: GridGeometry = { nx: 14, ny: 12, nz: 10, voxelSize: { x: 1.3, y: 1.3, z: 1.3 }, origin: { x: -2, y: 1, z: 0.5 } };
const pts = [[3, 5, 4], [4.2, 6.1, 5], [10, 9, 7.5], [11.5, 8, 6], [2, 14, 3]];
const atoms: AtomArrays = {
  atomCount: pts.length,
  x: Float32Array.from(pts, (p) => p[0]!), y: Float32Array.from(pts, (p) => p[1]!), z: Float32Array.from(pts, (p) => p[2]!),
  bFactor: new Float32Array(pts.length).fill(20), occupancy: new Float32Array(pts.length).fill(1), atomicNumber: new Uint8Array(pts.length).fill(6),
};
const shift = { x: 0.4, y: -0.3, z: 0.2 };
const pos = (i: number) => {
  const x = i % grid.nx, y = Math.floor(i / grid.nx) % grid.ny, z = Math.floor(i / (grid.nx * grid.ny));
  return [grid.origin.x + 1.3 * x, grid.origin.y + 1.3 * y, grid.origin.z + 1.3 * z];
};
const d2 = (i: number, n: number) => { const p = pos(i); return (p[0]! - pts[n]![0]! - shift.x) ** 2 + (p[1]! - pts[n]![1]! - shift.y) ** 2 + (p[2]! - pts[n]![2]! - shift.z) ** 2; };
const N = grid.nx * grid.ny * grid.nz;

describe('masks around atoms', () => {
  it('distance² to the nearest atom within the reach (Infinity beyond), binary and soft masks', () => {
    const dist = atomDistances(atoms, grid, 4, shift);
    for (let i = 0; i < N; i++) {
      const best = Math.min(...pts.map((_, n) => d2(i, n)));
      if (best <= 16) expect(dist[i]).toBeCloseTo(best, 4);
      else expect(dist[i]).toBe(Infinity);
    }
    const bin = binaryMask(dist, 3), soft = softMask(dist, 2.5, 1.5);
    for (let i = 0; i < N; i++) {
      const r = Math.sqrt(Math.min(...pts.map((_, n) => d2(i, n))));
      expect(bin[i]).toBe(r <= 3 ? 1 : 0);
      const want = r <= 2.5 ? 1 : r < 4 ? 0.5 * (1 + Math.cos((Math.PI * (r - 2.5)) / 1.5)) : 0;
      expect(soft[i]).toBeCloseTo(want, 5);
    }
  });

  it('per-group CC = the CC over the voxels within the radius of any of the group\'s atoms (groups interleaved)', () => {
    const a = Float32Array.from({ length: N }, (_, i) => Math.sin(i * 0.37) + 0.1 * (i % 7));
    const b = Float32Array.from({ length: N }, (_, i) => Math.cos(i * 0.11) + 0.05 * (i % 5));
    const groupOf = [0, 1, 0, 1, 2];
    const cc = groupCorrelations(a, b, atoms, groupOf, 3, grid, 3, shift);
    for (let g = 0; g < 3; g++) {
      const mask = Uint8Array.from({ length: N }, (_, i) => (pts.some((_, n) => groupOf[n] === g && d2(i, n) <= 9) ? 1 : 0));
      const want = pearson(a, b, mask);
      if (want === null) expect(cc[g]).toBeNaN();
      else expect(cc[g]).toBeCloseTo(want, 9);
    }
  });
});

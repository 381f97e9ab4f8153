/**
 * Exact small cases of the model kernels: trilinear sampling, the neighbour grid, the
 * Q-score's pieces and atom inclusion (the numpy reference of the Q-score on a real map and
 * model is in q-score.reference.test.ts; maps made from models in levelA's tests).
 */
import { describe, expect, it } from 'vitest';
import type { Volume } from '../../volume.js';
import { sampleAt, trilinear } from '../trilinear.js';
import { backboneFlags, isBackboneAtomName, residueCount, type ModelAtoms } from './atoms.js';
import { NeighbourGrid } from './neighbour-grid.js';
import { expectedQ, qScores, referenceGaussian, residueMeans, spherePoints } from './q-score.js';
import { atomInclusion, INCLUSION_LEVELS } from './atom-inclusion.js';
import { mulberry32, gaussian } from '../../synthetic/random.js';

function volume(n: [number, number, number], voxel: [number, number, number], origin: [number, number, number], f: (x: number, y: number, z: number) => number): Volume {
  const [nx, ny, nz] = n;
  const data = new Float32Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    data[x + nx * (y + ny * z)] = f(origin[0] + x * voxel[0], origin[1] + y * voxel[1], origin[2] + z * voxel[2]);
  }
  return { nx, ny, nz, data, voxelSize: { x: voxel[0], y: voxel[1], z: voxel[2] }, origin: { x: origin[0], y: origin[1], z: origin[2] } };
}

function atomsAt(points: [number, number, number][], options: { residue?: number[]; atomicNumber?: number[] } = {}): ModelAtoms {
  return {
    x: points.map((p) => p[0]), y: points.map((p) => p[1]), z: points.map((p) => p[2]),
    atomicNumber: options.atomicNumber ?? points.map(() => 6),
    residue: options.residue ?? points.map(() => 0),
  };
}

describe('trilinear sampling', () => {
  it('is exact on a linear field (non-zero origin, anisotropic voxels) and 0 outside', () => {
    const f = (x: number, y: number, z: number) => 0.5 + 0.25 * x - 0.125 * y + 0.0625 * z;
    const v = volume([7, 6, 5], [1.5, 2, 2.5], [-4, 3, 10], f);
    const rnd = mulberry32(3);
    for (let k = 0; k < 200; k++) {
      const x = -4 + rnd() * 6 * 1.5, y = 3 + rnd() * 5 * 2, z = 10 + rnd() * 4 * 2.5;
      expect(sampleAt(v, x, y, z)).toBeCloseTo(f(x, y, z), 5);
    }
    expect(sampleAt(v, -4.01, 5, 12)).toBe(0);
    expect(sampleAt(v, 0, 5, 10 + 4 * 2.5 + 0.1)).toBe(0);
  });
  it('gives the voxel value on a voxel and the mean of eight at a cell centre', () => {
    const data = Float32Array.from({ length: 8 }, (_, i) => i * i);
    expect(trilinear(data, { nx: 2, ny: 2, nz: 2 }, 0, 0, 0)).toBe(0);
    expect(trilinear(data, { nx: 2, ny: 2, nz: 2 }, 0.5, 0.5, 0.5)).toBeCloseTo((0 + 1 + 4 + 9 + 16 + 25 + 36 + 49) / 8, 12);
  });
});

describe('neighbour grid', () => {
  it('answers as a brute-force search', () => {
    const rnd = mulberry32(7);
    const n = 300;
    const x = Array.from({ length: n }, () => rnd() * 20), y = Array.from({ length: n }, () => rnd() * 20), z = Array.from({ length: n }, () => rnd() * 20);
    const grid = new NeighbourGrid(x, y, z, 1.8, (i) => i % 5 !== 0);
    for (let k = 0; k < 2000; k++) {
      const px = rnd() * 24 - 2, py = rnd() * 24 - 2, pz = rnd() * 24 - 2, r = rnd() * 1.8;
      let brute = false;
      for (let i = 0; i < n; i++) if (i % 5 !== 0 && (x[i]! - px) ** 2 + (y[i]! - py) ** 2 + (z[i]! - pz) ** 2 < r * r) brute = true;
      expect(grid.anyWithin(px, py, pz, r)).toBe(brute);
    }
  });
});

describe('Q-score pieces', () => {
  it("MapQ's sphere points: n unit vectors from the south to the north pole", () => {
    const p = spherePoints(8);
    expect(p.length).toBe(24);
    for (let k = 0; k < 8; k++) expect(Math.hypot(p[3 * k]!, p[3 * k + 1]!, p[3 * k + 2]!)).toBeCloseTo(1, 12);
    expect(p[2]).toBeCloseTo(-1, 12);
    expect(p[23]).toBeCloseTo(1, 12);
  });
  it('reference Gaussian: B = max(mean − sd, min), A = min(mean + 10 sd, max) − B', () => {
    // values 0 (×9) and 10 (×1): mean 1, sd 3 → high = min(31, 10) = 10, low = max(−2, 0) = 0
    const v = volume([10, 1, 1], [1, 1, 1], [0, 0, 0], (x) => (x === 9 ? 10 : 0));
    expect(referenceGaussian(v)).toEqual({ A: 10, B: 0, sigma: 0.6 });
    // 1 … 100: mean 50.5, sd 28.866 → high = 100 (cap), low = 21.634
    const w = volume([100, 1, 1], [1, 1, 1], [0, 0, 0], (x) => x + 1);
    const sd = Math.sqrt((100 * 100 - 1) / 12);
    expect(referenceGaussian(w).B).toBeCloseTo(50.5 - sd, 4);
    expect(referenceGaussian(w).A).toBeCloseTo(100 - (50.5 - sd), 4);
  });
  it('expected Q is the fitted line −0.1775·d + 1.1192', () => {
    expect(expectedQ(4)).toBeCloseTo(0.4092, 10);
    expect(expectedQ(2)).toBeCloseTo(0.7642, 10);
  });
});

describe('Q-score', () => {
  const blob = (cx: number, cy: number, cz: number, s: number) => (x: number, y: number, z: number) =>
    3 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2) / (2 * s * s)) - 0.2;

  it('is 1 for an atom on a Gaussian of the reference width (any height and offset)', () => {
    const v = volume([60, 60, 60], [0.1, 0.1, 0.1], [-3, -3, -3], blob(0, 0, 0, 0.6));
    const q = qScores(v, atomsAt([[0, 0, 0]]));
    expect(q.atom[0]).toBeGreaterThan(0.999);
  });
  it('falls as the atom moves off its density or the density widens', () => {
    const v = volume([60, 60, 60], [0.1, 0.1, 0.1], [-3, -3, -3], blob(0, 0, 0, 0.6));
    const off = qScores(v, atomsAt([[0.8, 0, 0]])).atom[0]!;
    const wide = qScores(volume([60, 60, 60], [0.1, 0.1, 0.1], [-3, -3, -3], blob(0, 0, 0, 1.5)), atomsAt([[0, 0, 0]])).atom[0]!;
    expect(off).toBeLessThan(0.7);
    expect(wide).toBeLessThan(0.95);
    expect(wide).toBeGreaterThan(off);
  });
  it('is undefined (NaN) on a flat map, and near 0 on white noise', () => {
    const flat = volume([20, 20, 20], [1, 1, 1], [0, 0, 0], () => 1);
    const q = qScores(flat, atomsAt([[10, 10, 10], [5, 5, 5]]));
    expect(referenceGaussian(flat).A).toBe(0);
    expect([...q.atom].every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(q.residue[0]!)).toBe(true);
    const rnd = mulberry32(11), gauss = () => gaussian(rnd);
    const noise = volume([40, 40, 40], [1, 1, 1], [0, 0, 0], () => gauss());
    const atoms: [number, number, number][] = Array.from({ length: 200 }, () => [5 + rnd() * 30, 5 + rnd() * 30, 5 + rnd() * 30]);
    const qn = [...qScores(noise, atomsAt(atoms)).atom].sort((a, b) => a - b);
    expect(Math.abs(qn[100]!)).toBeLessThan(0.1);
  });
  it('leaves hydrogens out, and sphere points near another atom are dropped', () => {
    // two atoms 1.2 Å apart, each on its own blob: with the neighbour's side dropped Q stays high
    const f = (x: number, y: number, z: number) => blob(0, 0, 0, 0.6)(x, y, z) + blob(1.2, 0, 0, 0.6)(x, y, z) + 0.2;
    const v = volume([70, 50, 50], [0.1, 0.1, 0.1], [-2.9, -2.5, -2.5], f);
    const q = qScores(v, atomsAt([[0, 0, 0], [1.2, 0, 0], [0, 1, 0]], { atomicNumber: [6, 6, 1], residue: [0, 0, 1] }));
    expect(q.atom[0]).toBeGreaterThan(0.95);
    expect(q.atom[1]).toBeGreaterThan(0.95);
    expect(Number.isNaN(q.atom[2]!)).toBe(true);
    expect(q.residue[0]).toBeCloseTo((q.atom[0]! + q.atom[1]!) / 2, 12);
    expect(Number.isNaN(q.residue[1]!)).toBe(true);
  });
  it('residue means skip undefined atoms', () => {
    const atoms = atomsAt([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]], { residue: [0, 0, 2, 2] });
    expect(residueCount(atoms)).toBe(3);
    const m = residueMeans(atoms, Float64Array.from([0.2, 0.4, NaN, 0.9]));
    expect(m[0]).toBeCloseTo(0.3, 12);
    expect(Number.isNaN(m[1]!)).toBe(true);
    expect(m[2]).toBe(0.9);
  });
});

describe('atom inclusion', () => {
  // a 4×4×4 map of 1 Å voxels whose value is x + 4y + 16z: an atom on voxel (x,y,z) reads it exactly
  const v = volume([4, 4, 4], [1, 1, 1], [10, 20, 30], (x, y, z) => (x - 10) + 4 * (y - 20) + 16 * (z - 30));
  const pts: [number, number, number][] = [[10, 20, 30], [11, 20, 30], [12, 21, 30], [10, 20, 32], [12, 22, 31], [11.5, 20, 30], [13, 23, 33]];
  // values 0, 1, 6, 32, 26, 1.5, and 0 (outside: the last layer)
  const atoms = atomsAt(pts, { residue: [0, 0, 0, 1, 1, 2, 2], atomicNumber: [7, 6, 6, 8, 6, 6, 1] });
  const backbone = Uint8Array.from([1, 1, 0, 1, 0, 0, 0]);

  it('counts atoms strictly above the contour, all and backbone, and per residue', () => {
    const r = atomInclusion(v, atoms, backbone, 1);
    expect([...r.values.slice(0, 6)]).toEqual([0, 1, 6, 32, 26, 1.5]);
    expect(Number.isNaN(r.values[6]!)).toBe(true); // hydrogen
    expect(r.all).toEqual({ included: 4, total: 6, fraction: 4 / 6 }); // 6, 32, 26, 1.5 > 1
    expect(r.backbone).toEqual({ included: 1, total: 3, fraction: 1 / 3 }); // 32 only
    expect([...r.residue]).toEqual([1 / 3, 1, 1]);
  });
  it('its curve: 129 levels from min to max with the contour inserted, non-increasing, and the contour point', () => {
    const r = atomInclusion(v, atoms, backbone, 7.25);
    expect(r.curve.levels.length).toBe(INCLUSION_LEVELS + 1);
    expect(r.curve.levels[0]).toBe(0);
    expect(r.curve.levels.at(-1)).toBe(63);
    const k = r.curve.levels.indexOf(7.25);
    expect(r.curve.all[k]).toBe(r.all.fraction);
    expect(r.curve.all[k]).toBe(2 / 6);
    expect(r.curve.backbone[0]).toBe(2 / 3); // backbone values 0, 1, 32: two strictly above the minimum 0
    for (let i = 1; i < r.curve.all.length; i++) expect(r.curve.all[i]!).toBeLessThanOrEqual(r.curve.all[i - 1]!);
    expect(r.curve.all.at(-1)).toBe(0);
  });
  it('names backbone atoms', () => {
    expect(['N', 'CA', 'C', 'O', "O5'", 'O5*', 'P'].every(isBackboneAtomName)).toBe(true);
    expect(['CB', 'OG', 'N1', 'CA '].map(isBackboneAtomName)).toEqual([false, false, false, true]);
    expect([...backboneFlags([0, 1, 2, 1], ['CA', 'CB', 'O'])]).toEqual([1, 0, 1, 0]);
  });
});

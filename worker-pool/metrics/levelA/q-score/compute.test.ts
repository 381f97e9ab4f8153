import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../volume.js';
import { computeQScore, emptyQScore, qHistogram } from './compute.js';

const tables = { residueName: [0, 1], residueNumber: [7, 8], residueChain: [0, 0], chains: ['A'], residueNames: ['ALA', 'GLY'] };
const ZERO = { x: 0, y: 0, z: 0 };

function blobMap(centres: [number, number, number][]): Volume {
  const n = 40, data = new Float32Array(n ** 3);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    let v = 0;
    for (const [cx, cy, cz] of centres) v += Math.exp(-((x * 0.25 - cx) ** 2 + (y * 0.25 - cy) ** 2 + (z * 0.25 - cz) ** 2) / (2 * 0.36));
    data[x + n * (y + n * z)] = v;
  }
  return { nx: n, ny: n, nz: n, data, voxelSize: { x: 0.25, y: 0.25, z: 0.25 }, origin: { x: 0, y: 0, z: 0 } };
}

describe('A.e Q-score section', () => {
  it('histogram: 0.1-wide bins over [−1, 1], 1 in the last bin, NaN left out', () => {
    const h = qHistogram([-1, -0.95, 0.05, 0.999, 1, NaN]);
    expect(h.length).toBe(20);
    expect(h[0]).toEqual({ low: -1, high: -0.9, atoms: 2 });
    expect(h[10]!.atoms).toBe(1);
    expect(h[19]!.atoms).toBe(2);
    expect(h.reduce((s, b) => s + b.atoms, 0)).toBe(5);
  });
  it('residues labelled, medians, worst residues lowest first, expected Q, OK above 0.1', () => {
    // residue 0 (ALA 7): an atom on its blob; residue 1 (GLY 8): an atom 1 Å off a blob
    const map = blobMap([[5, 5, 5], [5, 3, 5]]);
    const model = { x: [5, 6], y: [5, 3], z: [5, 5], atomicNumber: [6, 6], residue: [0, 1], ...tables };
    const q = computeQScore(map, model, ZERO, 3);
    expect(q.residues.map((r) => [r.chain, r.number, r.name])).toEqual([['A', 7, 'ALA'], ['A', 8, 'GLY']]);
    expect(q.residues[0]!.q!).toBeGreaterThan(0.9);
    expect(q.residues[1]!.q!).toBeLessThan(q.residues[0]!.q!);
    expect(q.worstResidues.map((r) => r.number)).toEqual([8, 7]);
    expect(q.medianResidueQ).toBeCloseTo((q.residues[0]!.q! + q.residues[1]!.q!) / 2, 12);
    expect(q.expectedQ).toBeCloseTo(-0.1775 * 3 + 1.1192, 12);
    expect(q.atoms).toBe(2);
    expect(q.status).toBe(q.medianResidueQ! > 0.1 ? 'OK' : 'WARNING');
  });
  it('the placement shift moves the atoms', () => {
    const map = blobMap([[5, 5, 5]]);
    const model = { x: [3], y: [5], z: [5], atomicNumber: [6], residue: [0], ...tables };
    expect(computeQScore(map, model, { x: 2, y: 0, z: 0 }, null).medianAtomQ!).toBeGreaterThan(0.99);
    expect(computeQScore(map, model, ZERO, null).expectedQ).toBeNull();
  });
  it('FAILED with the reason on a flat map; the empty record has no numbers', () => {
    const flat: Volume = { nx: 10, ny: 10, nz: 10, data: new Float32Array(1000).fill(2), voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } };
    const q = computeQScore(flat, { x: [5], y: [5], z: [5], atomicNumber: [6], residue: [0], ...tables }, ZERO, 4);
    expect(q.status).toBe('FAILED');
    expect(q.statusReason).toMatch(/does not vary/);
    expect(q.undefinedAtoms).toBe(1);
    const e = emptyQScore('NOT_APPLICABLE', 'because');
    expect(e.medianResidueQ).toBeNull();
    expect(e.residues).toEqual([]);
    expect(e.statusReason).toBe('because');
  });
});

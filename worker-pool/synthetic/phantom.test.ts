import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { helixAtoms, renderPhantom, type HelixSpec } from './phantom.js';

const sha = (v: Float32Array) => createHash('sha256').update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).digest('hex');

/** Mean map value inside a cylinder of radius r (Å) around a segment, sampled on the voxel grid. */
function cylinderMean(v: ReturnType<typeof renderPhantom>, c: { x: number; y: number; z: number }, axis: { x: number; y: number; z: number }, halfLen: number, r: number): number {
  const ts = v.voxelSize.x;
  let sum = 0, n = 0;
  for (let z = 0; z < v.nz; z++)
    for (let y = 0; y < v.ny; y++)
      for (let x = 0; x < v.nx; x++) {
        const d = { x: x * ts - c.x, y: y * ts - c.y, z: z * ts - c.z };
        const t = d.x * axis.x + d.y * axis.y + d.z * axis.z;
        if (Math.abs(t) > halfLen) continue;
        const rr = Math.hypot(d.x - t * axis.x, d.y - t * axis.y, d.z - t * axis.z);
        if (rr <= r) { sum += v.data[x + v.nx * (y + v.ny * z)]!; n++; }
      }
  return sum / n;
}

describe('synthetic phantom', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const a = renderPhantom({ size: 40, voxelSize: 1.5, resolution: 6, seed: 7 });
    const b = renderPhantom({ size: 40, voxelSize: 1.5, resolution: 6, seed: 7 });
    const c = renderPhantom({ size: 40, voxelSize: 1.5, resolution: 6, seed: 8 });
    expect(sha(a.data)).toBe(sha(b.data));
    expect(sha(a.data)).not.toBe(sha(c.data));
  });

  it('puts the density of each helix where it was placed', () => {
    const helices: HelixSpec[] = [
      { center: { x: 30, y: 30, z: 30 }, axis: { x: 0, y: 0, z: 1 }, residues: 14 },
      { center: { x: 60, y: 45, z: 60 }, axis: { x: 1, y: 0, z: 0 }, residues: 14 },
    ];
    const v = renderPhantom({ size: 64, voxelSize: 1.5, resolution: 5, seed: 1, helices, chainResidues: 0, noise: 0 });
    for (const h of helices) {
      const inside = cylinderMean(v, h.center, h.axis, 8, 3.5);
      // the same cylinder moved 12 Å sideways, and beyond the helix's end
      const side = h.axis.z === 1 ? { x: h.center.x + 12, y: h.center.y, z: h.center.z } : { x: h.center.x, y: h.center.y, z: h.center.z - 12 };
      expect(inside).toBeGreaterThan(0.3);
      expect(cylinderMean(v, side, h.axis, 8, 3.5)).toBeLessThan(0.05 * inside);
    }
    // the helix atoms' centroid is the helix centre and the helix is 1.5 Å per residue long
    const atoms = helixAtoms(helices[0]!);
    const cz = atoms.reduce((s, a) => s + a.z, 0) / atoms.length;
    expect(cz).toBeCloseTo(30, 0);
    const cas = atoms.filter((_, i) => i % 5 === 1);
    expect(cas[13]!.z - cas[0]!.z).toBeCloseTo(13 * 1.5, 6);
  });

  it('mirrors the helix for hand "left"', () => {
    const right = helixAtoms({ center: { x: 0, y: 0, z: 0 }, axis: { x: 0, y: 0, z: 1 }, residues: 4 });
    const left = helixAtoms({ center: { x: 0, y: 0, z: 0 }, axis: { x: 0, y: 0, z: 1 }, residues: 4, hand: 'left' });
    right.forEach((a, i) => {
      // mirror through the plane containing the axis and the frame's u vector: v-coordinate flips
      expect(left[i]!.z).toBeCloseTo(a.z, 9);
      expect(Math.hypot(left[i]!.x, left[i]!.y)).toBeCloseTo(Math.hypot(a.x, a.y), 9);
    });
    // right-handed: the Cα angle advances counter-clockwise seen from +z (positive cross product)
    const ca = (atoms: typeof right, i: number) => atoms[i * 5 + 1]!;
    const turn = (atoms: typeof right) => ca(atoms, 0).x * ca(atoms, 1).y - ca(atoms, 0).y * ca(atoms, 1).x;
    expect(turn(right)).toBeGreaterThan(0);
    expect(turn(left)).toBeLessThan(0);
  });

  it('adds noise of the requested size', () => {
    const v = renderPhantom({ size: 32, voxelSize: 3, resolution: 8, seed: 3, helices: [], chainResidues: 0, noise: 0.1 });
    let s = 0, s2 = 0;
    for (const x of v.data) { s += x; s2 += x * x; }
    const n = v.data.length;
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.sqrt(s2 / n)).toBeCloseTo(0.1, 2);
  });
});

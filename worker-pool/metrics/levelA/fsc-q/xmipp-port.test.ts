/**
 * A.b FSC-Q against an independent numpy port of Xmipp's protocol (fixtures/fscq_xmipp_port.py;
 * recorded with `python3 worker-pool/metrics/levelA/fsc-q/fixtures/fscq_xmipp_port.py`): the
 * same synthetic case on both sides (two helices of Gaussian pseudo-atoms, 40³ voxels of 1.5 Å,
 * the first 16 atoms of the map 2.5 Å away from the model's, halves with seeded noise), the
 * local resolutions map–model (0.67) and half maps (0.5) in a 12-voxel box, FSC-Q per atom.
 *
 * The port evaluates one windowed box per voxel (blocres's way) and labels an atom as
 * xmipp_pdb_label_from_volume does (the voxels within 0.8 voxel, sign × mean |value|); ours
 * windows band-passed maps on a coarse grid (box/4) and reads the atom by trilinear
 * interpolation. The deviations this allows are stated in the expectations below.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../../synthetic/random.js';
import { fscQAtPositions } from './compute.js';

interface Fixture {
  case: { n: number; voxelSize: number; box: number; sigmaAtom: number; noise: number; seed: number; moved: number; shift: number; maskRadius: number };
  atoms: [number, number, number][];
  perAtom: { fscQ: number; model: number; halves: number; voxels: number }[];
  meanFscQ: number;
}
const F = JSON.parse(readFileSync(new URL('../../../../../worker-pool/metrics/levelA/fsc-q/fixtures/fscq_xmipp_port.json', import.meta.url), 'utf8')) as Fixture;

/** The port's case, built the same way (Gaussians in double, halves rounded to float32). */
function buildCase() {
  const { n, voxelSize: ts, sigmaAtom, noise, seed, moved, shift, maskRadius } = F.case;
  const model = F.atoms;
  const inMap = model.map(([x, y, z], k) => [k < moved ? x + shift : x, y, z] as const);
  const total = n * n * n;
  const density = (atoms: readonly (readonly [number, number, number])[]) => {
    const v = new Float64Array(total);
    for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
      let s = 0;
      for (const [ax, ay, az] of atoms) s += Math.exp(-((x * ts - ax) ** 2 + (y * ts - ay) ** 2 + (z * ts - az) ** 2) / (2 * sigmaAtom ** 2));
      v[x + n * (y + n * z)] = s;
    }
    return v;
  };
  const signal = density(inMap);
  let s2 = 0;
  for (const v of signal) s2 += v * v;
  const sd = Math.sqrt(s2 / total);
  const rnd = mulberry32(seed);
  const n1 = Float64Array.from({ length: total }, () => gaussian(rnd));
  const n2 = Float64Array.from({ length: total }, () => gaussian(rnd));
  const half1 = Float32Array.from(signal, (v, i) => v + noise * sd * n1[i]!);
  const half2 = Float32Array.from(signal, (v, i) => v + noise * sd * n2[i]!);
  const map = Float32Array.from(half1, (v, i) => (v + half2[i]!) / 2);
  const modelMap = Float32Array.from(density(model));
  const mask = new Uint8Array(total);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    mask[x + n * (y + n * z)] = model.some(([ax, ay, az]) => (x * ts - ax) ** 2 + (y * ts - ay) ** 2 + (z * ts - az) ** 2 <= maskRadius ** 2) ? 1 : 0;
  }
  return { map, half1, half2, modelMap, mask };
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

describe('A.b FSC-Q against the numpy port of Xmipp (fixtures/fscq_xmipp_port.py)', () => {
  it('the moved atoms stand out on both sides; per atom and on average the two agree within the stated deviations', () => {
    const { n, voxelSize: ts, box, moved } = F.case;
    const maps = buildCase();
    const grid = { nx: n, ny: n, nz: n, voxelSize: { x: ts, y: ts, z: ts }, origin: { x: 0, y: 0, z: 0 } };
    const at = Float64Array.from(F.atoms.flatMap(([x, y, z]) => [x / ts, y / ts, z / ts]));
    const ours = fscQAtPositions(maps, grid, at, { box });
    const q = Array.from(ours.fscQ), ref = F.perAtom.map((a) => a.fscQ);
    expect(q.every(Number.isFinite)).toBe(true);
    const oursMoved = mean(q.slice(0, moved)), oursRest = mean(q.slice(moved));
    const refMoved = mean(ref.slice(0, moved)), refRest = mean(ref.slice(moved));
    // the verdict is the same: the moved part's FSC-Q is several Å, the rest near 0
    expect(refMoved).toBeGreaterThan(3);
    expect(oursMoved).toBeGreaterThan(3);
    expect(Math.abs(refRest)).toBeLessThan(1.5);
    expect(Math.abs(oursRest)).toBeLessThan(1.5);
    // the deviations (measured when recorded: moved 6.58 vs 8.15 Å, rest 0.72 vs 0.62 Å, the
    // halves' per-atom |Δ| median 0.26 Å, max 0.63 Å): the half maps' local resolution per atom
    // within 1 Å, the moved part's mean within 2.5 Å (the map–model FSC of the moved atoms
    // crosses 0.67 in the first shells, 18 → 9 Å, where a shell's interpolation moves Å), the rest's within 1 Å
    const halvesDiff = F.perAtom.map((a, i) => Math.abs(a.halves - ours.halves[i]!));
    console.log(`FSC-Q ours/port: moved ${oursMoved.toFixed(2)}/${refMoved.toFixed(2)} Å, rest ${oursRest.toFixed(2)}/${refRest.toFixed(2)} Å; halves |Δ| median ${halvesDiff.sort((a, b) => a - b)[halvesDiff.length >> 1]!.toFixed(2)} Å, max ${halvesDiff[halvesDiff.length - 1]!.toFixed(2)} Å`);
    expect(Math.abs(oursMoved - refMoved)).toBeLessThan(2.5);
    expect(Math.abs(oursRest - refRest)).toBeLessThan(1);
    expect(halvesDiff[halvesDiff.length >> 1]!).toBeLessThan(0.5);
    expect(halvesDiff[halvesDiff.length - 1]!).toBeLessThan(1);
    // atom by atom, the two FSC-Q series go together
    const mq = mean(q), mr = mean(ref);
    let sqr = 0, sq = 0, sr = 0;
    for (let i = 0; i < q.length; i++) { sqr += (q[i]! - mq) * (ref[i]! - mr); sq += (q[i]! - mq) ** 2; sr += (ref[i]! - mr) ** 2; }
    const r = sqr / Math.sqrt(sq * sr);
    console.log(`per-atom Pearson r ours vs port: ${r.toFixed(3)}`);
    expect(r).toBeGreaterThan(0.85);
  });
});

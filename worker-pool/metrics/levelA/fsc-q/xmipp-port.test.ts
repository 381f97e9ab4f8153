/**
 * A.b FSC-Q against an independent numpy port of Xmipp's protocol (fixtures/fscq_xmipp_port.py;
 * recorded with `python3 worker-pool/metrics/levelA/fsc-q/fixtures/fscq_xmipp_port.py`): the
 * same synthetic case on both sides (two helices of Gaussian pseudo-atoms, 40³ voxels of 1.5 Å,
 * the first 16 atoms of the map 2.5 Å away from the model's, halves with seeded noise), the
 * local resolutions map–model (0.67) and half maps (0.5) in a 12-voxel box, FSC-Q per atom.
 *
 * The port is Bsoft's blocres as the protocol runs it (a Hann-tapered 20-voxel box per voxel,
 * padded ×2, shells split linearly, last crossing; its source read line by line, see the
 * script) and labels an atom as xmipp_pdb_label_from_volume does (the voxels within 0.8 voxel
 * and the floor voxel, sign × mean |value|). Ours labels the same way; its local FSC windows
 * band-passed maps with a Gaussian of the Hann box's second moment on a coarse grid (box/4)
 * (one FFT per voxel is far beyond the Level A budget). The deviations left are stated below.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../../synthetic/random.js';
import { fscQAtPositions, hannEquivalentBox } from './compute.js';

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
    const ours = fscQAtPositions(maps, grid, at, { box: hannEquivalentBox(box) });
    const q = Array.from(ours.fscQ), ref = F.perAtom.map((a) => a.fscQ);
    expect(q.every(Number.isFinite)).toBe(true);
    const oursMoved = mean(q.slice(0, moved)), oursRest = mean(q.slice(moved));
    const refMoved = mean(ref.slice(0, moved)), refRest = mean(ref.slice(moved));
    // the verdict is the same: the moved part's FSC-Q is several Å, the rest near 0
    expect(refMoved).toBeGreaterThan(3);
    expect(oursMoved).toBeGreaterThan(3);
    expect(Math.abs(refRest)).toBeLessThan(1.5);
    expect(Math.abs(oursRest)).toBeLessThan(1.5);
    const mq = mean(q), mr = mean(ref);
    let sqr = 0, sq = 0, sr = 0;
    for (let i = 0; i < q.length; i++) { sqr += (q[i]! - mq) * (ref[i]! - mr); sq += (q[i]! - mq) ** 2; sr += (ref[i]! - mr) ** 2; }
    const r = sqr / Math.sqrt(sq * sr);
    console.log(`per-atom Pearson r ours vs port: ${r.toFixed(3)}`);
    const halvesDiff = F.perAtom.map((a, i) => Math.abs(a.halves - ours.halves[i]!)).sort((a, b) => a - b);
    const at90 = halvesDiff[Math.floor(0.9 * halvesDiff.length)]!;
    console.log(`FSC-Q ours/port: moved ${oursMoved.toFixed(2)}/${refMoved.toFixed(2)} Å, rest ${oursRest.toFixed(2)}/${refRest.toFixed(2)} Å; halves |Δ| median ${halvesDiff[halvesDiff.length >> 1]!.toFixed(2)} Å, 90th percentile ${at90.toFixed(2)} Å, max ${halvesDiff[halvesDiff.length - 1]!.toFixed(2)} Å`);
    // Measured when recorded (README "A.b FSC-Q against Xmipp"): moved 6.26 vs 6.53 Å, rest 0.81
    // vs 0.47 Å, per-atom r 0.959; halves' |Δ| median 0.17 Å, max 2.35 Å. The bounds: the moved
    // part's mean within 5 %, the rest's within 0.4 Å, r > 0.95, the halves within 0.3 Å for half
    // of the atoms and 0.5 Å for 90 %. What is left is the kernel's (a Gaussian window on
    // band-passed maps sampled every box/4 voxels, first crossing) against blocres's (a Hann box
    // per voxel, padded ×2, LAST crossing: where the noisy FSC of the corner shells beyond
    // Nyquist climbs back above the cutoff, blocres reports a resolution near 2·Ts/√3, e.g. the
    // halves of atom 0 at 1.81 Å against 4.16 here).
    expect(Math.abs(oursMoved - refMoved) / refMoved).toBeLessThan(0.05);
    expect(Math.abs(oursRest - refRest)).toBeLessThan(0.4);
    expect(halvesDiff[halvesDiff.length >> 1]!).toBeLessThan(0.3);
    expect(at90).toBeLessThan(0.5);
    expect(r).toBeGreaterThan(0.95);
  });
});

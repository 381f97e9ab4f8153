/**
 * The 0.h test set (issue 15): maps of known hand made from the real atomic models in
 * ../shared/data/real/models. Each model is rendered as cryo-EM sees it (every atom its electron
 * scattering factor blurred by a B drawn uniformly in 60–100 Å², kernels/model-map), low-passed at
 * the stated resolution (hard cut), sampled at R/3 Å per voxel, white Gaussian noise added, and
 * mirrored through the z = const plane (the mirror has left-handed helices). The truth does not
 * come from the map: proteins (L-amino acids) have right-handed α-helices, so the model's own map
 * has the correct hand and its mirror the wrong one; whether a model has helices of two turns or
 * more is read from its Cα trace (`caHelices`, below), not from anything 0.h computes.
 */
import { join } from 'node:path';
import type { Volume } from '../volume.js';
import { modelFromBytes, type ModelInput } from '../io/model.js';
import { readModelBytes } from '../io/pdb.js';
import { REAL_MODELS_DIR } from '../paths.js';
import { lowPassToResolution, modelDensity, type AtomArrays } from '../kernels/model-map/model-map.js';
import { gaussian, mulberry32 } from '../synthetic/random.js';

/** Å: the test-set resolutions. */
export const HAND_SET_RESOLUTIONS = [3, 3.5, 4, 4.5, 5] as const;
/**
 * The resolutions the 0.h constants were chosen on (hand-tune.py); 3.5 and 4.5 Å are held out
 * and reported apart.
 */
export const HAND_TUNING_RESOLUTIONS: readonly number[] = [3, 4, 5];
/** One file per model entry; the 14-mer GroEL (1oel) is cropped to its chain A (box around it, neighbours' density kept). */
export const HAND_SET_MODELS: readonly { file: string; crop?: string }[] = [
  { file: '1A8O.pdb.gz' }, { file: '1J6Z.pdb' }, { file: '1hpv_pymol.pdb' }, { file: '1oel.pdb', crop: 'A' },
  { file: '3MFP_tempy_modeller.pdb' }, { file: '7DDO.pdb.gz' },
];
export type HandSetNoise = keyof typeof HAND_SET_NOISE;
/** Noise std as a fraction of the threshold density (white, per voxel, added after the low-pass). */
export const HAND_SET_NOISE = { low: 0.2, high: 0.5 } as const;
/** Å of empty space kept around the (cropped) model. */
const MARGIN = 8;
/** Å³ of mask per atom that sets the threshold (about a protein's volume, 1.21 Å³/Da at ≈ 14 Da per atom, plus a little). */
const VOLUME_PER_ATOM = 20;

export interface CaHelix {
  chain: string;
  first: number;
  last: number;
  residues: number;
}

/**
 * α-helices of a model from its Cα trace (P-SEA's criteria, Labesse et al. 1997, CABIOS 13:291):
 * residue i starts a helical window when the Cα distances d(i, i+2), d(i, i+3), d(i, i+4) are
 * 5.5 ± 0.5, 5.3 ± 0.5 and 6.4 ± 0.6 Å and the Cα dihedral (i..i+3) is 50 ± 20° (a right-handed
 * turn; a mirrored helix has −50° and is not counted); the window marks residues i..i+4. Runs of
 * at least `minResidues` marked residues (8 = two turns of 3.6) are helices.
 */
export function caHelices(m: ModelInput, minResidues = 8): CaHelix[] {
  const ca = m.atomNames.indexOf('CA');
  const trace: { chain: number; number: number; x: number; y: number; z: number }[] = [];
  for (let a = 0; a < m.atomCount; a++) {
    if (m.atomName[a] !== ca || m.hetero[a]) continue;
    const r = m.residue[a]!;
    trace.push({ chain: m.residueChain[r]!, number: m.residueNumber[r]!, x: m.x[a]!, y: m.y[a]!, z: m.z[a]! });
  }
  const dist = (i: number, j: number) => Math.hypot(trace[i]!.x - trace[j]!.x, trace[i]!.y - trace[j]!.y, trace[i]!.z - trace[j]!.z);
  const chained = (i: number, j: number) => {
    for (let k = i; k < j; k++) if (trace[k + 1]!.chain !== trace[k]!.chain || dist(k, k + 1) > 4.2) return false;
    return true;
  };
  const marked = new Uint8Array(trace.length);
  for (let i = 0; i + 4 < trace.length; i++) {
    if (!chained(i, i + 4)) continue;
    const ok = Math.abs(dist(i, i + 2) - 5.5) <= 0.5 && Math.abs(dist(i, i + 3) - 5.3) <= 0.5 && Math.abs(dist(i, i + 4) - 6.4) <= 0.6 &&
      Math.abs(caDihedral(trace, i) - 50) <= 20;
    if (ok) for (let k = i; k <= i + 4; k++) marked[k] = 1;
  }
  const out: CaHelix[] = [];
  for (let i = 0; i < trace.length; ) {
    if (!marked[i]) { i++; continue; }
    let j = i;
    while (j + 1 < trace.length && marked[j + 1] && chained(j, j + 1)) j++;
    if (j - i + 1 >= minResidues) out.push({ chain: m.chains[trace[i]!.chain]!, first: trace[i]!.number, last: trace[j]!.number, residues: j - i + 1 });
    i = j + 1;
  }
  return out;
}

function caDihedral(p: { x: number; y: number; z: number }[], i: number): number {
  const [a, b, c, d] = [p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!];
  const b1 = [b.x - a.x, b.y - a.y, b.z - a.z], b2 = [c.x - b.x, c.y - b.y, c.z - b.z], b3 = [d.x - c.x, d.y - c.y, d.z - c.z];
  const cross = (u: number[], v: number[]) => [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
  const dot = (u: number[], v: number[]) => u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!;
  const n1 = cross(b1, b2), n2 = cross(b2, b3);
  // IUPAC sign: positive = clockwise looking down b2 (an α-helix's Cα trace is ≈ +50°)
  return (Math.atan2(dot(cross(n1, n2), b2) / Math.sqrt(dot(b2, b2)), dot(n1, n2)) * 180) / Math.PI;
}

export interface HandSetMap {
  volume: Volume;
  /** density level holding about the model's volume (noise-free map) */
  threshold: number;
  resolution: number;
}

export interface HandSetOptions {
  resolution: number;
  /** fraction of the threshold density (HAND_SET_NOISE) */
  noise: number;
  seed?: number;
  /** keep only the atoms within this box (Å, model frame), for big assemblies */
  crop?: { min: [number, number, number]; max: [number, number, number] };
}

/**
 * The model's map (B 60–100 Å², low-passed at R, R/3 Å voxels, noise) on a box around the model
 * or around `crop` (atoms outside the box still add what of their density falls inside).
 */
export function handSetMap(m: ModelInput, o: HandSetOptions): HandSetMap {
  const ts = o.resolution / 3;
  const rnd = mulberry32(o.seed ?? 15);
  const lo = o.crop?.min ?? [Infinity, Infinity, Infinity], hi = o.crop?.max ?? [-Infinity, -Infinity, -Infinity];
  if (!o.crop)
    for (let a = 0; a < m.atomCount; a++) {
      const p = [m.x[a]!, m.y[a]!, m.z[a]!];
      for (let k = 0; k < 3; k++) { lo[k] = Math.min(lo[k]!, p[k]!); hi[k] = Math.max(hi[k]!, p[k]!); }
    }
  const n = [0, 1, 2].map((k) => 2 * Math.ceil((hi[k]! - lo[k]! + 2 * MARGIN) / ts / 2));
  const grid = {
    nx: n[0]!, ny: n[1]!, nz: n[2]!,
    voxelSize: { x: ts, y: ts, z: ts },
    origin: { x: lo[0]! - MARGIN, y: lo[1]! - MARGIN, z: lo[2]! - MARGIN },
  };
  const bFactor = new Float32Array(m.atomCount);
  for (let a = 0; a < m.atomCount; a++) bFactor[a] = 60 + 40 * rnd();
  const atoms: AtomArrays = { ...m, bFactor };
  const raw = modelDensity(atoms, grid);
  const data = lowPassToResolution(raw, grid, ts, o.resolution, 1);
  const inBox = atomsWithin(m, lo, hi);
  const threshold = levelHolding(data, (inBox * VOLUME_PER_ATOM) / ts ** 3);
  const sd = o.noise * threshold;
  for (let i = 0; i < data.length; i++) data[i]! += sd * gaussian(rnd);
  const shared = new Float32Array(new SharedArrayBuffer(data.length * 4));
  shared.set(data);
  return { volume: { nx: grid.nx, ny: grid.ny, nz: grid.nz, data: shared, voxelSize: grid.voxelSize, origin: grid.origin }, threshold, resolution: o.resolution };
}

function atomsWithin(m: ModelInput, lo: number[], hi: number[]): number {
  let n = 0;
  for (let a = 0; a < m.atomCount; a++)
    if (m.x[a]! >= lo[0]! && m.x[a]! <= hi[0]! && m.y[a]! >= lo[1]! && m.y[a]! <= hi[1]! && m.z[a]! >= lo[2]! && m.z[a]! <= hi[2]!) n++;
  return n;
}

/** The density level above which `voxels` voxels lie. */
function levelHolding(data: Float32Array, voxels: number): number {
  const sorted = Float32Array.from(data).sort();
  return sorted[Math.max(0, sorted.length - Math.max(1, Math.round(voxels)))]!;
}

/** The mirror image through the plane z = const: right-handed helices become left-handed. */
export function mirrorZ(v: Volume): Volume {
  const data = new Float32Array(new SharedArrayBuffer(v.data.length * 4));
  const plane = v.nx * v.ny;
  for (let z = 0; z < v.nz; z++) data.set(v.data.subarray((v.nz - 1 - z) * plane, (v.nz - z) * plane), z * plane);
  return { ...v, data };
}

/** Å: bounding box of one chain's atoms (the crop of a big assembly). */
export function chainBox(m: ModelInput, chain: string): { min: [number, number, number]; max: [number, number, number] } {
  const c = m.chains.indexOf(chain);
  const min: [number, number, number] = [Infinity, Infinity, Infinity], max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let a = 0; a < m.atomCount; a++) {
    if (m.residueChain[m.residue[a]!] !== c) continue;
    const p = [m.x[a]!, m.y[a]!, m.z[a]!];
    for (let k = 0; k < 3; k++) { min[k] = Math.min(min[k]!, p[k]!); max[k] = Math.max(max[k]!, p[k]!); }
  }
  return { min, max };
}

export const loadHandSetModel = (file: string): ModelInput => modelFromBytes(readModelBytes(join(REAL_MODELS_DIR, file)), file).model;

export interface HandSetCase {
  model: ModelInput;
  /** Cα helices of two turns or more (caHelices) */
  helices: number;
  resolution: number;
  noise: HandSetNoise;
  mirror: boolean;
  volume: Volume;
  threshold: number;
}

/** Every map of the test set for one model file: each resolution and noise level, the map then its mirror. */
export function* handSetCases(file: string): Generator<HandSetCase> {
  const crop = HAND_SET_MODELS.find((m) => m.file === file)?.crop;
  const model = loadHandSetModel(file);
  const helices = caHelices(model).length;
  for (const resolution of HAND_SET_RESOLUTIONS)
    for (const noise of Object.keys(HAND_SET_NOISE) as HandSetNoise[]) {
      const m = handSetMap(model, { resolution, noise: HAND_SET_NOISE[noise], crop: crop ? chainBox(model, crop) : undefined });
      for (const mirror of [false, true])
        yield { model, helices, resolution, noise, mirror, volume: mirror ? mirrorZ(m.volume) : m.volume, threshold: m.threshold };
    }
}

/**
 * A.b FSC-Q (Ramírez-Aportela et al. 2021; Xmipp's protocol_validate_fscq.py): the local
 * resolution of the map against the model map (local FSC, threshold 0.67) minus that of the half
 * maps (threshold 0.5), in the same sliding box (kernels/local-fsc.ts; blocres's 20-voxel Hann box as the protocol runs it), read at the
 * atoms; FSC-Qr = FSC-Q / the half maps' local resolution; per residue the mean of its atoms.
 */
import { sharedFloat32, type Vec3 } from '../../../volume.js';
import type { ModelInput } from '../../../io/model.js';
import { localFsc, sampleGrid } from '../../../kernels/local-fsc.js';
import { modelDensity, type GridGeometry } from '../../../kernels/model-map/model-map.js';
import { atomDistances, binaryMask } from '../../../kernels/model-map/model-mask.js';
import { levelSectionBase } from '../../level0/section.js';
import { cropBox, cut } from '../../level0/local-resolution/compute.js';
import { atomImageRadius } from '../model-grid.js';
import { medianOfDefined, nullIfNaN, residueLabel } from '../residues.js';
import type { FscQAnalysis, FscQBin, ResidueFscQ } from './record.js';
import {
  FSCQ_ALGORITHM, FSCQ_CRITERIA, FSCQ_EXPLANATION, FSCQ_HALVES_THRESHOLD, FSCQ_MODEL_THRESHOLD, FSCQ_NO_ATOMS, FSCQ_TITLE,
  FSCQR_LIMIT, FSCQR_MAX_PERCENT, fscQWarnings,
} from './texts.js';

export const FSCQ_VERSION = '2'; // 2: Xmipp's 20-voxel box (Hann equivalent) and Xmipp's atom labels
const TEXTS = { title: FSCQ_TITLE, explanation: FSCQ_EXPLANATION, criteria: FSCQ_CRITERIA, algorithm: FSCQ_ALGORITHM, algorithmVersion: FSCQ_VERSION };
export const WORST_RESIDUES = 10;
/** Xmipp's mask: the model map above 0.02, dilated by 3 voxels. */
const MASK_DILATION_VOXELS = 3;
/** voxels: blocres's box as Xmipp's protocol runs it (its `box` parameter's default, Hann-tapered) */
export const XMIPP_FSCQ_BOX = 20;
/**
 * Our soft box (kernels/local-fsc.ts: a Gaussian of σ = box/(2√π)) for blocres's Hann-tapered
 * box of n voxels: the same second moment, σ = (n − 1)·√(1/12 − 1/(2π²)) (0.5·(1 − cos 2πi/(n − 1))
 * over i = 0 … n − 1), so the two windows have the same main-lobe width in Fourier space.
 * n = 20 → 12.2 voxels.
 */
export function hannEquivalentBox(n: number): number {
  return 2 * Math.sqrt(Math.PI) * (n - 1) * Math.sqrt(1 / 12 - 1 / (2 * Math.PI * Math.PI));
}
/** voxels: xmipp_pdb_label_from_volume's --radius 0.8 as the protocol passes it */
const LABEL_RADIUS = 0.8;

export function emptyFscQ(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): FscQAnalysis {
  return {
    ...levelSectionBase('A.b', TEXTS, [], { status, reason }),
    resolution: null, shift: null, boxSize: null, maskRadius: null, modelThreshold: FSCQ_MODEL_THRESHOLD, halvesThreshold: FSCQ_HALVES_THRESHOLD,
    atoms: 0, meanFscQ: null, meanAbsFscQ: null, meanFscQr: null, meanAbsFscQr: null, percentAbove: null, percentBelow: null,
    percentOutliers: null, medianModelResolution: null, medianHalvesResolution: null, histogram: [], residues: [], worstResidues: [],
  };
}

export interface FscQInput {
  map: Float32Array;
  half1: Float32Array;
  half2: Float32Array;
  /** the map's grid with the analyses' cubic voxel size */
  grid: GridGeometry;
  model: ModelInput;
  shift: Vec3;
  resolution: number;
}

/** Per atom (NaN outside the box and for hydrogens): FSC-Q (Å), FSC-Qr, and the two local resolutions (Å). */
export interface AtomFscQ {
  fscQ: Float64Array;
  fscQr: Float64Array;
  model: Float64Array;
  halves: Float64Array;
  box: number;
  maskRadius: number;
}

/** The two local FSC sweeps and their resolutions read at every atom. */
export function atomFscQ(input: FscQInput, o: { box?: number; threads?: number; onBand?: (band: number, of: number) => void } = {}): AtomFscQ {
  const { model, shift } = input;
  const ts = input.grid.voxelSize.x;
  const box = o.box ?? hannEquivalentBox(XMIPP_FSCQ_BOX);
  const maskRadius = atomImageRadius(model) + MASK_DILATION_VOXELS * ts;
  const fullMask = binaryMask(atomDistances(model, input.grid, maskRadius, shift), maskRadius);
  // the sweeps run on the sub-box around the mask, a box's edge of margin (the window and the
  // band-pass ringing stay inside): a 100 Å model in a 256³ box costs a fifth of the box
  const sub = cropBox(new Int8Array(fullMask.buffer, fullMask.byteOffset, fullMask.length), input.grid, Math.ceil(box));
  const grid: GridGeometry = sub
    ? { ...sub.size, voxelSize: input.grid.voxelSize, origin: { x: input.grid.origin.x + sub.start[0] * ts, y: input.grid.origin.y + sub.start[1] * ts, z: input.grid.origin.z + sub.start[2] * ts } }
    : input.grid;
  const crop = (a: Float32Array) => (sub ? cut(a, input.grid, sub, sharedFloat32(sub.size.nx * sub.size.ny * sub.size.nz)) : a);
  const mask = sub ? new Uint8Array(cut(new Int8Array(fullMask.buffer, fullMask.byteOffset, fullMask.length), input.grid, sub, new Int8Array(grid.nx * grid.ny * grid.nz)).buffer) : fullMask;
  // Xmipp: xmipp_volume_from_pdb's map, not low-passed (the map–model FSC decides where the agreement ends)
  const modelMap = modelDensity(model, grid, { shift });
  const n = model.atomCount;
  const at = new Float64Array(3 * n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (model.atomicNumber[i] === 1) continue;
    at[3 * i] = (model.x[i]! + shift.x - grid.origin.x) / ts;
    at[3 * i + 1] = (model.y[i]! + shift.y - grid.origin.y) / ts;
    at[3 * i + 2] = (model.z[i]! + shift.z - grid.origin.z) / ts;
  }
  const r = fscQAtPositions({ map: crop(input.map), half1: crop(input.half1), half2: crop(input.half2), modelMap, mask }, grid, at, { box, threads: o.threads, onBand: o.onBand });
  return { ...r, box, maskRadius };
}

/**
 * FSC-Q from the maps themselves (the kernel's part of atomFscQ): the local FSC of the map
 * against the model map (threshold 0.67) and of the half maps (0.5) in the same soft box, as
 * local resolutions in Å; FSC-Q = map–model minus half-map local resolution, labelled at each
 * position (voxel coordinates x, y, z, flat; NaN: skipped) as xmipp_pdb_label_from_volume does
 * (the windowed sums live on a coarse grid: each voxel's value is interpolated trilinearly).
 */
export function fscQAtPositions(
  maps: { map: Float32Array; half1: Float32Array; half2: Float32Array; modelMap: Float32Array; mask: Uint8Array },
  grid: GridGeometry,
  at: Float64Array,
  o: { box: number; step?: number; threads?: number; onBand?: (band: number, of: number) => void },
): { fscQ: Float64Array; fscQr: Float64Array; model: Float64Array; halves: Float64Array } {
  const ts = grid.voxelSize.x;
  const sweep = (a: Float32Array, b: Float32Array, threshold: number, part: number) => {
    const r = localFsc(a, b, grid, { box: o.box, step: o.step, threshold, mask: maps.mask, threads: o.threads, onBand: (k, of) => o.onBand?.(part * of + k, 2 * of) });
    return { grid: r.grid, res: Float32Array.from(r.crossing, (f) => ts / f) };
  };
  const mm = sweep(maps.map, maps.modelMap, FSCQ_MODEL_THRESHOLD, 0);
  const hh = sweep(maps.half1, maps.half2, FSCQ_HALVES_THRESHOLD, 1);
  const n = at.length / 3;
  const fscQ = new Float64Array(n).fill(NaN), fscQr = new Float64Array(n).fill(NaN), atModel = new Float64Array(n).fill(NaN), atHalves = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const x = at[3 * i]!, y = at[3 * i + 1]!, z = at[3 * i + 2]!;
    if (!(x >= 0 && y >= 0 && z >= 0 && x <= grid.nx - 1 && y <= grid.ny - 1 && z <= grid.nz - 1)) continue;
    // xmipp_pdb_label_from_volume --radius 0.8: the voxels closer than 0.8 (voxels: the program
    // divides the position by the sampling, not the radius) plus the voxel at floor(position),
    // those inside the mask; the atom's value is sign(Σ v) × mean |v| of the difference map
    const fx = Math.floor(x), fy = Math.floor(y), fz = Math.floor(z);
    let sum = 0, sumAbs = 0, sumR = 0, sumAbsR = 0, sumM = 0, sumH = 0, count = 0;
    for (let k = Math.max(0, Math.floor(z - LABEL_RADIUS)); k <= Math.min(grid.nz - 1, Math.ceil(z + LABEL_RADIUS)); k++) {
      for (let j = Math.max(0, Math.floor(y - LABEL_RADIUS)); j <= Math.min(grid.ny - 1, Math.ceil(y + LABEL_RADIUS)); j++) {
        for (let l = Math.max(0, Math.floor(x - LABEL_RADIUS)); l <= Math.min(grid.nx - 1, Math.ceil(x + LABEL_RADIUS)); l++) {
          const r2 = (z - k) ** 2 + (y - j) ** 2 + (x - l) ** 2;
          if (!(r2 < LABEL_RADIUS * LABEL_RADIUS || (k === fz && j === fy && l === fx))) continue;
          if (!maps.mask[l + grid.nx * (j + grid.ny * k)]) continue;
          const m = sampleGrid(mm.res, mm.grid, grid, l, j, k), h = sampleGrid(hh.res, hh.grid, grid, l, j, k);
          sum += m - h; sumAbs += Math.abs(m - h); sumR += (m - h) / h; sumAbsR += Math.abs((m - h) / h); sumM += m; sumH += h; count++;
        }
      }
    }
    if (count === 0) continue;
    fscQ[i] = (sum >= 0 ? sumAbs : -sumAbs) / count;
    // FSC-Qr: the protocol divides the difference map by the half maps' local resolution voxel by voxel, then labels it
    fscQr[i] = (sumR >= 0 ? sumAbsR : -sumAbsR) / count;
    atModel[i] = sumM / count;
    atHalves[i] = sumH / count;
  }
  return { fscQ, fscQr, model: atModel, halves: atHalves };
}

/** Atoms per bin of 0.5 Å over [−5, 5] Å; values beyond go to the end bins; NaN left out. */
export function fscQHistogram(v: ArrayLike<number>): FscQBin[] {
  const BINS = 20, LO = -5, W = 0.5;
  const counts = new Array<number>(BINS).fill(0);
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i]!)) counts[Math.min(BINS - 1, Math.max(0, Math.floor((v[i]! - LO) / W)))]!++;
  return counts.map((atoms, k) => ({ low: LO + k * W, high: LO + (k + 1) * W, atoms }));
}

export function computeFscQ(input: FscQInput, o: { box?: number; threads?: number; onBand?: (band: number, of: number) => void } = {}): FscQAnalysis {
  const a = atomFscQ(input, o);
  const { model } = input;
  let atoms = 0, sum = 0, sumAbs = 0, sumR = 0, sumAbsR = 0, above = 0, below = 0, outliers = 0;
  const residueSum = new Float64Array(model.residueName.length), residueN = new Float64Array(model.residueName.length);
  for (let i = 0; i < a.fscQ.length; i++) {
    const q = a.fscQ[i]!;
    if (Number.isNaN(q)) continue;
    const qr = a.fscQr[i]!;
    atoms++; sum += q; sumAbs += Math.abs(q); sumR += qr; sumAbsR += Math.abs(qr);
    if (q > 0.5) above++;
    if (q < -0.5) below++;
    if (Math.abs(qr) > FSCQR_LIMIT) outliers++;
    residueSum[model.residue[i]!]! += q;
    residueN[model.residue[i]!]!++;
  }
  if (atoms === 0) return emptyFscQ('FAILED', FSCQ_NO_ATOMS);
  const pct = (k: number) => (100 * k) / atoms;
  const residues: ResidueFscQ[] = Array.from(residueSum, (s, r) => ({ ...residueLabel(model, r), fscQ: residueN[r] ? s / residueN[r]! : null }));
  const warnings = pct(outliers) > FSCQR_MAX_PERCENT ? [fscQWarnings.tooMany(pct(outliers))] : [];
  const ts = input.grid.voxelSize.x;
  return {
    ...levelSectionBase('A.b', TEXTS, warnings),
    resolution: input.resolution,
    shift: input.shift,
    boxSize: a.box * ts,
    maskRadius: a.maskRadius,
    modelThreshold: FSCQ_MODEL_THRESHOLD,
    halvesThreshold: FSCQ_HALVES_THRESHOLD,
    atoms,
    meanFscQ: sum / atoms,
    meanAbsFscQ: sumAbs / atoms,
    meanFscQr: sumR / atoms,
    meanAbsFscQr: sumAbsR / atoms,
    percentAbove: pct(above),
    percentBelow: pct(below),
    percentOutliers: pct(outliers),
    medianModelResolution: nullIfNaN(medianOfDefined(a.model) ?? NaN),
    medianHalvesResolution: nullIfNaN(medianOfDefined(a.halves) ?? NaN),
    histogram: fscQHistogram(a.fscQ),
    residues,
    worstResidues: residues.filter((r) => r.fscQ !== null).sort((p, q) => Math.abs(q.fscQ!) - Math.abs(p.fscQ!)).slice(0, WORST_RESIDUES),
  };
}

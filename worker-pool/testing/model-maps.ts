/**
 * Test maps made from an atomic model "at a resolution" the way an experimental map is: the
 * model rendered as Gaussians (synthetic/model-to-map.ts, σ = 0.225·R), two half maps with
 * independent white noise whose power makes their FSC 0.143 at R (FSC = S/(S + N) at the shell
 * of 1/R, so N = 6·S there), their average low-passed at R (as deposited maps are filtered at
 * their FSC resolution); the same halves post-processed as relion does (postProcessedMap). And the
 * model moved or mirrored, for the failures a test must see.
 */
import { irfft3d, rfft3d } from '../kernels/fft/fft3d.js';
import { applyRadialFilter, lowPassGain } from '../kernels/fourier/filters.js';
import { shellStatistics } from '../kernels/fourier/shells.js';
import type { ModelInput } from '../io/model.js';
import type { ModelAtom } from '../io/pdb.js';
import { modelToMap } from '../synthetic/model-to-map.js';
import { gaussian, mulberry32 } from '../synthetic/random.js';
import type { Volume } from '../volume.js';
import { modelDensity, type GridGeometry } from '../kernels/model-map/model-map.js';
import { fourierShellCorrelation, fscShellMap } from '../kernels/fourier/fsc.js';
import { atomDistances, softMask } from '../kernels/model-map/model-mask.js';
import { computeGlobalResolution } from '../metrics/level1/global-resolution/compute.js';
import { guinierFit, guinierPoints, guinierShells } from '../kernels/fourier/guinier.js';

/** FSC of the half maps at the resolution shell. */
export const HALF_MAP_FSC_AT_RESOLUTION = 0.143;

export function experimentalLikeMap(atoms: readonly ModelAtom[], o: { resolution: number; voxelSize: number; seed?: number }): Volume {
  const map = modelToMap(atoms, { voxelSize: o.voxelSize, resolution: o.resolution });
  return halfMapNoiseAndLowPass(map, o.resolution, mulberry32(o.seed ?? 1));
}

/** Adds the average of two half maps' white noise (their FSC 0.143 at `resolution`), then low-passes there. */
function halfMapNoiseAndLowPass(map: Volume, resolution: number, rnd: () => number): Volume {
  const n = map.data.length, voxelSize = map.voxelSize.x;
  const stats = shellStatistics(rfft3d(map.data, map, { normalize: 'none' }), map, { shellScale: map.nx });
  const signalPower = stats.meanPower[Math.round((map.nx * voxelSize) / resolution)]!;
  // unnormalised FFT: white noise of variance s² has E|F|² = s²·n per coefficient
  const perHalf = Math.sqrt(((1 / HALF_MAP_FSC_AT_RESOLUTION - 1) * signalPower) / n);
  for (let i = 0; i < n; i++) map.data[i] = map.data[i]! + (perHalf * (gaussian(rnd) + gaussian(rnd))) / 2;
  const spectrum = rfft3d(map.data, map, { normalize: 'none' });
  applyRadialFilter(spectrum, map, (f) => lowPassGain(f, voxelSize / resolution, 0.02));
  irfft3d(spectrum, map, { normalize: 'backward', overwriteInput: true }, map.data);
  return map;
}

/** Å: relion_postprocess's default low-resolution end of the Guinier fit (`--autob_lowres 10`). */
export const RELION_AUTOB_LOW_RESOLUTION = 10;
/** Shells: relion_postprocess's default width of the low-pass raised cosine (`--filter_edge_width 2`). */
export const RELION_FILTER_EDGE_SHELLS = 2;
/**
 * Å: the solvent mask of the FSC: the molecule's envelope (within 3 Å of an atom) extended by 3 voxels
 * and a 6-voxel raised-cosine edge, relion_postprocess's former auto-mask defaults (`--extend_inimask 3`,
 * `--width_mask_edge 6`) at 1 Å voxels.
 */
export const FSC_MASK_RADIUS = 6;
export const FSC_MASK_EDGE = 6;

export interface PostProcessedMap {
  map: Volume;
  /** Å: where the half maps' masked, phase-randomisation-corrected FSC (relion's FSC_true, 1.a's kernel) falls below 0.143 — the resolution a deposition reports */
  halfMapResolution: number;
  /** Å: where their unmasked FSC does (the solvent's noise kept: much worse) */
  unmaskedResolution: number | null;
  /** Å²: relion's automatic B (4 × the Guinier slope over 10 Å … R; negative sharpens). */
  sharpeningB: number;
}

/**
 * A map "at `resolution`" made as deposited single-particle maps are (README "Q-score: what a map at
 * 4 Å is"): the electron-scattering map of the model with its own B (the structure), two half maps
 * with independent white noise, then relion_postprocess's recipe (3dem/relion src/postprocessing.cpp).
 * The resolution is the deposited kind: the masked FSC corrected by phase randomisation (FSC_true,
 * computed by 1.a's computeGlobalResolution with the FSC_MASK_* mask) crosses 0.143 at R. The noise is
 * sized for that: FSC_masked = S/(S + N·⟨m²⟩) at the shell of 1/R (white noise keeps the fraction
 * ⟨m²⟩ of its power under the mask), so N = (1/0.143 − 1)·S/⟨m²⟩; the crossing is then measured (it
 * can land off R where the signal's power does not fall past R: 7DDO at 6 Å crosses at 6.74 Å).
 * Post-processing, unmasked output: the halves' average weighted per shell by √(2·FSC_true/(1 + FSC_true))
 * (Rosenthal & Henderson 2003; 0 from the first shell with FSC_true < 1e-4), sharpened by the B of a
 * straight line through its Guinier plot over 10 Å … the measured resolution, low-pass filtered there
 * with a 2-shell raised cosine. `coordinateError` (Å, σ per axis) moves the structure's atoms away from
 * the model's; `residualB` (Å²) blurs the final map as an under-sharpened deposition would (no FSC
 * sees it). Cubic box with a 10 Å margin around the atoms.
 */
export function postProcessedMap(model: ModelInput, o: { resolution: number; voxelSize: number; seed?: number; coordinateError?: number; residualB?: number }): PostProcessedMap {
  const grid = modelBox(model, o.voxelSize);
  const ts = o.voxelSize, n = grid.nx, voxels = n * n * n, d = { nx: n, ny: n, nz: n };
  const rnd = mulberry32(o.seed ?? 11);
  const error = o.coordinateError ?? 0;
  const jitter = (a: Float32Array) => (error > 0 ? Float32Array.from(a, (v) => v + error * gaussian(rnd)) : a);
  const structure = { ...model, x: jitter(model.x), y: jitter(model.y), z: jitter(model.z) };
  const signal = modelDensity(structure, grid);
  const mask = softMask(atomDistances(structure, grid, FSC_MASK_RADIUS + FSC_MASK_EDGE), FSC_MASK_RADIUS, FSC_MASK_EDGE);
  let maskPower = 0;
  for (let i = 0; i < voxels; i++) maskPower += mask[i]! * mask[i]!;
  maskPower /= voxels;
  const shellMap = fscShellMap(d);
  const signalSpectrum = rfft3d(signal, d, { normalize: 'none' });
  const signalPower = fourierShellCorrelation(signalSpectrum, signalSpectrum, d, ts, { shellMap }).power1[Math.round((n * ts) / o.resolution)]!;
  // unnormalised FFT: white noise of variance s² has E|F|² = s²·voxels
  const noiseSd = Math.sqrt(((1 / HALF_MAP_FSC_AT_RESOLUTION - 1) * signalPower) / (voxels * maskPower));
  const half = () => {
    const h = new Float32Array(new SharedArrayBuffer(voxels * 4));
    for (let i = 0; i < voxels; i++) h[i] = signal[i]! + noiseSd * gaussian(rnd);
    return h;
  };
  const half1 = half(), half2 = half();
  const fsc = computeGlobalResolution({ half1, half2, dims: d, voxelSize: ts, mask, resolution: null, profile: 'standard' });
  if (fsc.resolution0143 === null) throw new RangeError('the half maps made for the test never cross FSC 0.143');
  const halfMapResolution = fsc.resolution0143;
  const fscTrue = Float64Array.from(fsc.curve, (p) => p.corrected ?? NaN);
  const spectrum = rfft3d(half1, d, { normalize: 'none' }), other = rfft3d(half2, d, { normalize: 'none' });
  for (let i = 0; i < spectrum.length; i++) spectrum[i] = (spectrum[i]! + other[i]!) / 2;
  applyRadialFilter(spectrum, d, fscWeight(fscTrue, n));
  const points = guinierPoints(guinierShells(spectrum, d), n, ts, halfMapResolution).map((p) => ({ ...p, inFit: p.inFit && p.x >= 1 / RELION_AUTOB_LOW_RESOLUTION ** 2 }));
  const fit = guinierFit(points);
  if (fit === null) throw new RangeError('too few Guinier points between 10 Å and the resolution');
  const sharpeningB = 4 * fit.slope;
  const blur = sharpeningB + (o.residualB ?? 0);
  applyRadialFilter(spectrum, d, (f) => Math.exp((-blur / 4) * (f / ts) ** 2) * lowPassGain(f, ts / halfMapResolution, RELION_FILTER_EDGE_SHELLS / n));
  return { map: { ...grid, data: irfft3d(spectrum, d, { normalize: 'backward', overwriteInput: true }) }, halfMapResolution, unmaskedResolution: fsc.resolution0143Unmasked, sharpeningB };
}

/** relion's applyFscWeighting: √(2F/(1 + F)) in shell round(|f|·N), 0 where F ≤ 0 (or NaN) and from the first shell with F < 1e-4. */
function fscWeight(fsc: Float64Array, n: number): (f: number) => number {
  let last = 0;
  while (last + 1 < fsc.length && fsc[last + 1]! >= 1e-4) last++;
  return (f) => {
    const k = Math.round(f * n);
    if (k === 0) return 1; // relion sets FSC 1 at the origin
    const F = k <= last ? fsc[k]! : 0;
    return F > 0 ? Math.sqrt((2 * F) / (1 + F)) : 0;
  };
}

/** A cubic grid around the model's atoms with a 10 Å margin, an even number of voxels a side. */
function modelBox(model: ModelInput, voxelSize: number): GridGeometry {
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  const xyz = [model.x, model.y, model.z];
  for (let i = 0; i < model.atomCount; i++) for (let k = 0; k < 3; k++) { lo[k] = Math.min(lo[k]!, xyz[k]![i]!); hi[k] = Math.max(hi[k]!, xyz[k]![i]!); }
  const c = [0, 1, 2].map((k) => (lo[k]! + hi[k]!) / 2);
  const size = 2 * Math.ceil((Math.max(...[0, 1, 2].map((k) => hi[k]! - lo[k]!)) + 20) / voxelSize / 2);
  const half = (size * voxelSize) / 2;
  return { nx: size, ny: size, nz: size, voxelSize: { x: voxelSize, y: voxelSize, z: voxelSize }, origin: { x: c[0]! - half, y: c[1]! - half, z: c[2]! - half } };
}

/** The model with its coordinates mapped (moved by 5 Å, mirrored …); the rest shared. */
export function movedModel(model: ModelInput, f: (x: number, y: number, z: number) => [number, number, number]): ModelInput {
  const x = new Float32Array(model.atomCount), y = new Float32Array(model.atomCount), z = new Float32Array(model.atomCount);
  for (let i = 0; i < model.atomCount; i++) [x[i], y[i], z[i]] = f(model.x[i]!, model.y[i]!, model.z[i]!);
  return { ...model, x, y, z };
}

/** The mirror image through the plane x = the model's mean x. */
export function mirroredModel(model: ModelInput): ModelInput {
  let cx = 0;
  for (let i = 0; i < model.atomCount; i++) cx += model.x[i]!;
  cx /= model.atomCount;
  return movedModel(model, (x, y, z) => [2 * cx - x, y, z]);
}

/**
 * The contour at which the map encloses the model's volume (1.21 Å³ per dalton, the mass from
 * the atoms' elements at ~ their atomic weight: 2·Z Da per atom, hydrogen 1): the level a
 * depositor picks so that the surface holds the molecule.
 */
export function contourForModelVolume(map: Volume, model: ModelInput): number {
  let dalton = 0;
  for (let i = 0; i < model.atomCount; i++) dalton += model.atomicNumber[i] === 1 ? 1 : 2 * model.atomicNumber[i]!;
  const voxels = Math.round((1.21 * dalton) / (map.voxelSize.x * map.voxelSize.y * map.voxelSize.z));
  const sorted = Float32Array.from(map.data).sort();
  return sorted[Math.max(0, sorted.length - voxels)]!;
}

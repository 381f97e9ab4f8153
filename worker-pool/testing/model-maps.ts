/**
 * Test maps made from an atomic model "at a resolution" the way an experimental map is: the
 * model rendered as Gaussians (synthetic/model-to-map.ts, σ = 0.225·R), two half maps with
 * independent white noise whose power makes their FSC 0.143 at R (FSC = S/(S + N) at the shell
 * of 1/R, so N = 6·S there), their average low-passed at R (as deposited maps are filtered at
 * their FSC resolution). And the model moved or mirrored, for the failures a test must see.
 */
import { irfft3d, rfft3d } from '../kernels/fft/fft3d.js';
import { applyRadialFilter, lowPassGain } from '../kernels/fourier/filters.js';
import { shellStatistics } from '../kernels/fourier/shells.js';
import type { ModelInput } from '../io/model.js';
import type { ModelAtom } from '../io/pdb.js';
import { modelToMap } from '../synthetic/model-to-map.js';
import { gaussian, mulberry32 } from '../synthetic/random.js';
import type { Volume } from '../volume.js';
import { effectiveB, modelDensity } from '../kernels/model-map/model-map.js';

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

/**
 * A map closer to an experimental one than experimentalLikeMap (README "Q-score against MapQ's
 * line"): the electron-scattering map of the model with its own B factors plus a B that grows
 * as (distance from the centre / the largest)² up to `surfaceB` Å² (local resolution worse at
 * the surface), the atoms displaced by `coordinateError` Å (σ per axis: the deposited model is
 * not the truth), then the half-map noise and low-pass of experimentalLikeMap. 10 Å margin.
 */
export function realisticMap(model: ModelInput, o: { resolution: number; voxelSize: number; seed?: number; coordinateError: number; surfaceB: number }): Volume {
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  const xyz = [model.x, model.y, model.z];
  for (let i = 0; i < model.atomCount; i++) for (let k = 0; k < 3; k++) { lo[k] = Math.min(lo[k]!, xyz[k]![i]!); hi[k] = Math.max(hi[k]!, xyz[k]![i]!); }
  const c = [0, 1, 2].map((k) => (lo[k]! + hi[k]!) / 2);
  const size = 2 * Math.ceil((Math.max(...[0, 1, 2].map((k) => hi[k]! - lo[k]!)) + 20) / o.voxelSize / 2);
  const half = (size * o.voxelSize) / 2;
  const grid = { nx: size, ny: size, nz: size, voxelSize: { x: o.voxelSize, y: o.voxelSize, z: o.voxelSize }, origin: { x: c[0]! - half, y: c[1]! - half, z: c[2]! - half } };
  const r = (i: number) => Math.hypot(model.x[i]! - c[0]!, model.y[i]! - c[1]!, model.z[i]! - c[2]!);
  let rmax = 0;
  for (let i = 0; i < model.atomCount; i++) rmax = Math.max(rmax, r(i));
  const rnd = mulberry32(o.seed ?? 11);
  const jitter = (a: Float32Array) => Float32Array.from(a, (v) => v + o.coordinateError * gaussian(rnd));
  const truth = { ...model, x: jitter(model.x), y: jitter(model.y), z: jitter(model.z), bFactor: Float32Array.from(model.bFactor, (b, i) => effectiveB(b) + o.surfaceB * (r(i) / rmax) ** 2) };
  return halfMapNoiseAndLowPass({ ...grid, data: modelDensity(truth, grid) }, o.resolution, rnd);
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

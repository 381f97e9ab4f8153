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

/** FSC of the half maps at the resolution shell. */
export const HALF_MAP_FSC_AT_RESOLUTION = 0.143;

export function experimentalLikeMap(atoms: readonly ModelAtom[], o: { resolution: number; voxelSize: number; seed?: number }): Volume {
  const map = modelToMap(atoms, { voxelSize: o.voxelSize, resolution: o.resolution });
  const n = map.data.length;
  const stats = shellStatistics(rfft3d(map.data, map, { normalize: 'none' }), map, { shellScale: map.nx });
  const signalPower = stats.meanPower[Math.round((map.nx * o.voxelSize) / o.resolution)]!;
  // unnormalised FFT: white noise of variance s² has E|F|² = s²·n per coefficient
  const perHalf = Math.sqrt(((1 / HALF_MAP_FSC_AT_RESOLUTION - 1) * signalPower) / n);
  const rnd = mulberry32(o.seed ?? 1);
  for (let i = 0; i < n; i++) map.data[i] = map.data[i]! + (perHalf * (gaussian(rnd) + gaussian(rnd))) / 2;
  const spectrum = rfft3d(map.data, map, { normalize: 'none' });
  applyRadialFilter(spectrum, map, (f) => lowPassGain(f, o.voxelSize / o.resolution, 0.02));
  irfft3d(spectrum, map, { normalize: 'backward', overwriteInput: true }, map.data);
  return map;
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

/**
 * The map resampled to Ts' = resolution/2 and its masks rebuilt there (level0.md §2.2 steps
 * 2–3), the inputs of 0.f LocBFactor and 0.g LocOccupancy. Resampling is the Fourier kernel's
 * resizeMap (low-pass when downsampling, Fourier crop/pad, centred window to the even box
 * 2·floor(X·Ts/Ts'/2)); the masks use the same threshold and ceil(2/Ts') dilations.
 * Without a resolution VRS keeps the map as it is; 0.f/0.g do not apply then, so nothing is made.
 */
import type { Dims, Volume } from '../../volume.js';
import { resizeMap } from '../../kernels/fourier/resample.js';
import { buildMasks } from './masks.js';

export const RESAMPLED_VERSION = '1';

export interface ResampledMaps {
  volume: Volume;
  hard: Uint8Array;
  soft: Float32Array;
  hardVoxels: number;
  dilations: number;
  /** Å, the requested resolution/2 (the actual voxel size is volume.voxelSize, n·Ts/m). */
  targetVoxelSize: number;
}

export function resampleForLocalAnalyses(volume: Volume, Ts: number, threshold: number, resolution: number): ResampledMaps {
  const target = resolution / 2;
  const input: Volume = { ...volume, voxelSize: { x: Ts, y: Ts, z: Ts } };
  const resized = resizeMap(input, target).volume;
  const d: Dims = { nx: resized.nx, ny: resized.ny, nz: resized.nz };
  const m = buildMasks(resized.data, d, threshold, target);
  return { volume: resized, hard: m.hard, soft: m.soft, hardVoxels: m.hardVoxels, dilations: m.dilations, targetVoxelSize: target };
}

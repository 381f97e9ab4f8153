/**
 * The map resampled to Ts' = resolution/2 and its masks rebuilt there (level0.md §2.2 steps
 * 2–3), the inputs of 0.f LocBFactor and 0.g LocOccupancy. Resampling is the Fourier kernel's
 * resizeMap (low-pass when downsampling, Fourier crop/pad, centred window to the even box
 * 2·floor(X·Ts/Ts'/2)); the masks use the same threshold and ceil(2/Ts') dilations.
 * Without a resolution VRS keeps the map as it is; 0.f/0.g do not apply then, nor with R ≥ 15 Å
 * (their frequency range runs from 1/15 to 1/R Å⁻¹): nothing is made for them (localAnalysesApply).
 */
import { VrsError } from '../../errors.js';
import type { Dims, Volume } from '../../volume.js';
import { resizeMap } from '../../kernels/fourier/resample.js';
import { buildMasks } from './masks.js';

// 2: nothing is resampled for R ≥ 15 Å; an empty mask on the resampled map says so
export const RESAMPLED_VERSION = '2';

/** Å: the low-resolution end of the 0.f/0.g frequency range (ucm port min_res). */
export const LOCAL_MIN_RES = 15;

/**
 * Whether 0.f/0.g are computed: a resolution finer than 15 Å. 'level0.resampled' makes nothing
 * otherwise and the two sections answer from the resolution alone, before reading its result,
 * so that their own reasons (no resolution, R ≥ 15 Å) win over any failure of the resampling.
 */
export function localAnalysesApply(resolution: number | null): resolution is number {
  return resolution !== null && resolution < LOCAL_MIN_RES;
}

/**
 * A working set of `bytes` per voxel of the map resampled to R/2, as bytes per voxel of the
 * original map (its voxel count scales by (Ts/(R/2))³; the resampling never refines the grid).
 */
export function perResampledVoxel(params: { resolution: number | null; voxelSize: number }, bytes: number): number {
  if (!localAnalysesApply(params.resolution)) return 0;
  return bytes * Math.min(1, ((2 * params.voxelSize) / params.resolution) ** 3);
}

const fmt = (v: number) => String(+v.toPrecision(6));

function maxOf(data: Float32Array): number {
  let m = -Infinity;
  for (let i = 0; i < data.length; i++) if (data[i]! > m) m = data[i]!;
  return m;
}

/**
 * THRESHOLD_EMPTY_MASK for the resampled map, saying where: resampling to R/2 low-passes (or
 * interpolates) the map, which can lower its peaks below a threshold that the original reaches.
 */
function emptyResampledMask(threshold: number, target: number, originalMax: number, resampledMax: number): VrsError {
  const where = `the map resampled to R/2 = ${fmt(target)} Å (the input of the local B-factor 0.f and local occupancy 0.g)`;
  const message =
    originalMax >= threshold
      ? `The mask is empty on ${where}: no voxel of it reaches the threshold ${threshold}, although the original map has ` +
        `some. Resampling smooths the density, and the highest value of the resampled map is ${fmt(resampledMax)}; ` +
        `try a threshold below ${fmt(resampledMax)}.`
      : `The mask is empty at threshold ${threshold} on the original map and on ${where} (highest resampled value ` +
        `${fmt(resampledMax)}); try a lower threshold.`;
  return new VrsError('THRESHOLD_EMPTY_MASK', message, { threshold, resampledVoxelSize: target, resampledMaximum: resampledMax });
}

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
  // the raw (so the hard) mask is empty iff no voxel reaches the threshold (finite voxels: checked upstream)
  const resampledMax = maxOf(resized.data);
  if (!(resampledMax >= threshold)) throw emptyResampledMask(threshold, target, maxOf(volume.data), resampledMax);
  const m = buildMasks(resized.data, d, threshold, target);
  return { volume: resized, hard: m.hard, soft: m.soft, hardVoxels: m.hardVoxels, dilations: m.dilations, targetVoxelSize: target };
}

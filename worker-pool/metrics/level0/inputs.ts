/**
 * Level 0 inputs (Decision 4): the threshold comes from the user, else the EMDB header's
 * primary contour, else it is estimated as the level above which 1 % of the voxels lie
 * (numpy.percentile(V, 99), linear interpolation); the source is always reported.
 * The voxel size is the map's x voxel size unless the user overrides it.
 */
import { VrsError } from '../../errors.js';
import type { Volume } from '../../volume.js';
import { percentiles } from '../../kernels/stats/index.js';
import type { ContourSource } from './types.js';

export interface ThresholdChoice {
  threshold: number;
  source: ContourSource;
}

/** The level above which 1 % of the voxels lie. */
export function estimateThreshold(data: Float32Array): number {
  return percentiles(data, [99])[0]!;
}

export function resolveThreshold(input: { user?: number | null; emdbContour?: number | null; data: Float32Array }): ThresholdChoice {
  if (input.user !== undefined && input.user !== null) {
    if (!Number.isFinite(input.user)) throw new VrsError('BAD_PARAMETER', `The threshold must be a finite number, got ${input.user}.`);
    return { threshold: input.user, source: 'USER' };
  }
  if (input.emdbContour !== undefined && input.emdbContour !== null && Number.isFinite(input.emdbContour)) {
    return { threshold: input.emdbContour, source: 'EMDB_HEADER' };
  }
  return { threshold: estimateThreshold(input.data), source: 'ESTIMATED' };
}

export function resolveVoxelSize(volume: Volume, override?: number | null): number {
  const Ts = override ?? volume.voxelSize.x;
  if (!(Ts > 0) || !Number.isFinite(Ts)) {
    throw new VrsError('BAD_PARAMETER', `The voxel size must be a positive number of Å, got ${Ts}; give it with the voxel-size option.`);
  }
  return Ts;
}

export function checkResolution(resolution: number | null | undefined): number | null {
  if (resolution === undefined || resolution === null) return null;
  if (!(resolution > 0) || !Number.isFinite(resolution)) {
    throw new VrsError('BAD_PARAMETER', `The resolution must be a positive number of Å, got ${resolution}.`);
  }
  return resolution;
}

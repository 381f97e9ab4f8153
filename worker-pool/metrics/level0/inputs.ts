/**
 * Level 0 inputs (Decision 4): the threshold comes from the user, else the EMDB header's
 * primary contour, else it is estimated as the level above which 1 % of the voxels lie
 * (numpy.percentile(V, 99), linear interpolation); the source is always reported.
 * The voxel size is the map's (cubic) voxel size unless the user overrides it.
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

/** Relative spread of the three voxel sizes above which a map is not taken as cubic (0.5 %). */
export const CUBIC_TOLERANCE = 0.005;

/**
 * The analysis voxel size Ts. Level 0 works on cubic voxels (one Ts for every axis, as Xmipp
 * does): a map whose x, y, z voxel sizes differ by more than 0.5 % is refused with advice,
 * rather than measured with the wrong sampling along two axes. A user-given size is taken
 * as the user's statement of the sampling.
 */
export function resolveVoxelSize(volume: Pick<Volume, 'voxelSize'>, override?: number | null): number {
  const v = volume.voxelSize;
  if (override == null) {
    const sizes = [v.x, v.y, v.z];
    const spread = (Math.max(...sizes) - Math.min(...sizes)) / Math.min(...sizes);
    if (sizes.every((s) => s > 0 && Number.isFinite(s)) && spread > CUBIC_TOLERANCE) {
      throw new VrsError('MAP_ANISOTROPIC_VOXELS',
        `The voxels are not cubic (${sizes.map((s) => s.toFixed(4)).join(' × ')} Å); Level 0 needs one voxel size: resample the map to cubic voxels ` +
        `(e.g. ChimeraX "volume resample #1 spacing ${v.x.toFixed(4)}"), or give the voxel size to use with the voxel-size option.`);
    }
  }
  const Ts = override ?? v.x;
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

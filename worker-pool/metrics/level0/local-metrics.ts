/**
 * Registry definitions of 0.e–0.g. 0.e reads the hard mask of 'level0.masks'; 0.f and 0.g read
 * the resampled map and its rebuilt hard mask of 'level0.resampled' (artifacts).
 */
import { float32FromBytes, type Dims } from '../../volume.js';
import type { MetricContext, MetricDefinition } from '../types.js';
import type { LocalAnalysis } from './types.js';
import type { MasksResult, ResampledResult } from './index.js';
import { LOCAL_RESOLUTION_VERSION, computeLocalResolution } from './local-resolution/compute.js';
import { LOCAL_BFACTOR_VERSION, computeLocalBFactor, localBFactorSkipped, type ResampledInput } from './local-bfactor/compute.js';
import { LOCAL_OCCUPANCY_VERSION, computeLocalOccupancy, localOccupancySkipped } from './local-occupancy/compute.js';
import { VrsError } from '../../errors.js';

/** The resampled map of 'level0.resampled'; only called once 0.f/0.g know they are computed. */
function resampledInput(ctx: MetricContext): ResampledInput {
  const r = ctx.deps['level0.resampled'] as ResampledResult;
  if (!r.applicable || !r.artifacts || !r.dims || !r.voxelSize) {
    throw new VrsError('INTERNAL', `level0.resampled made no map for resolution ${ctx.params.resolution} Å, which 0.f/0.g need.`);
  }
  return {
    map: float32FromBytes(ctx.readArtifact(r.artifacts.map.sha256)),
    hard: ctx.readArtifact(r.artifacts.hard.sha256),
    dims: r.dims,
    voxelSize: r.voxelSize,
    origin: { ...ctx.volume.origin },
  };
}

export const localResolutionMetric: MetricDefinition<LocalAnalysis> = {
  name: 'level0.localResolution',
  version: LOCAL_RESOLUTION_VERSION,
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
  compute(ctx) {
    const masks = ctx.deps['level0.masks'] as MasksResult;
    const d: Dims = { nx: ctx.volume.nx, ny: ctx.volume.ny, nz: ctx.volume.nz };
    const hard = ctx.readArtifact(masks.artifacts.hard.sha256);
    const { voxelSize, resolution } = ctx.params;
    return computeLocalResolution(ctx.volume.data, d, hard, voxelSize, resolution, ctx, { origin: ctx.volume.origin });
  },
};

export const localBFactorMetric: MetricDefinition<LocalAnalysis> = {
  name: 'level0.localBFactor',
  version: LOCAL_BFACTOR_VERSION,
  dependsOn: ['level0.resampled'],
  keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
  compute(ctx) {
    // applicability first, from the resolution alone (level0.resampled made nothing then)
    const R = ctx.params.resolution;
    const skipped = localBFactorSkipped(R);
    if (skipped) return skipped;
    return computeLocalBFactor(resampledInput(ctx), R!, ctx, ctx.params.profile);
  },
};

export const localOccupancyMetric: MetricDefinition<LocalAnalysis> = {
  name: 'level0.localOccupancy',
  version: LOCAL_OCCUPANCY_VERSION,
  dependsOn: ['level0.resampled'],
  keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
  compute(ctx) {
    const R = ctx.params.resolution;
    const skipped = localOccupancySkipped(R);
    if (skipped) return skipped;
    return computeLocalOccupancy(resampledInput(ctx), R!, ctx);
  },
};

export const localMetrics = [localResolutionMetric, localBFactorMetric, localOccupancyMetric];

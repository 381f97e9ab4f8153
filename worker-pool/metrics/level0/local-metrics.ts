/**
 * Registry definitions of 0.e–0.g. 0.e reads the hard mask of 'level0.masks'; 0.f and 0.g read
 * the resampled map and its rebuilt hard mask of 'level0.resampled' (artifacts).
 */
import { float32FromBytes, type Dims } from '../../volume.js';
import type { MetricContext, MetricDefinition } from '../types.js';
import type { LocalAnalysis } from './types.js';
import type { MasksResult, ResampledResult } from './index.js';
import { LOCAL_RESOLUTION_VERSION, computeLocalResolution } from './local-resolution.js';
import { LOCAL_BFACTOR_VERSION, computeLocalBFactor, localBFactorNotApplicable, type ResampledInput } from './local-bfactor.js';
import { LOCAL_OCCUPANCY_VERSION, computeLocalOccupancy, localOccupancyNotApplicable } from './local-occupancy.js';

function resampledInput(ctx: MetricContext): ResampledInput | null {
  const r = ctx.deps['level0.resampled'] as ResampledResult;
  if (!r.applicable || !r.artifacts || !r.dims || !r.voxelSize) return null;
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
    const input = resampledInput(ctx);
    const R = ctx.params.resolution;
    if (!input || R === null) return localBFactorNotApplicable();
    return computeLocalBFactor(input, R, ctx, ctx.params.profile);
  },
};

export const localOccupancyMetric: MetricDefinition<LocalAnalysis> = {
  name: 'level0.localOccupancy',
  version: LOCAL_OCCUPANCY_VERSION,
  dependsOn: ['level0.resampled'],
  keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
  compute(ctx) {
    const input = resampledInput(ctx);
    const R = ctx.params.resolution;
    if (!input || R === null) return localOccupancyNotApplicable();
    return computeLocalOccupancy(input, R, ctx);
  },
};

export const localMetrics = [localResolutionMetric, localBFactorMetric, localOccupancyMetric];

/**
 * The Level 0 metrics 0.a–0.d, their masks and figures, and the threshold estimate, as registry
 * definitions. Each compute is a thin composition: read the masks made by 'level0.masks'
 * (artifacts), call the section's module, return its record.
 */
import { float32FromBytes, type Dims } from '../../volume.js';
import type { ArtifactRef, Level0Params, MetricContext, MetricDefinition } from '../types.js';
import type { BackgroundAnalysis, BFactorAnalysis, InputData, MaskAnalysis, MassAnalysis } from './types.js';
import { MASKS_VERSION, buildMasks, type ComponentSummary } from './masks.js';
import { INPUT_DATA_VERSION, computeInputData } from './input-data/compute.js';
import { MASS_VERSION, computeMass } from './mass/compute.js';
import { MASK_VERSION, computeMask } from './mask/compute.js';
import { BACKGROUND_VERSION, computeBackground } from './background/compute.js';
import { BFACTOR_VERSION, computeBFactor } from './bfactor/compute.js';
import { estimateThreshold } from './inputs.js';
import { RESAMPLED_VERSION, localAnalysesApply, resampleForLocalAnalyses } from './resampled.js';
import type { PutArtifact } from './figures.js';
import { handMetric } from './hand/compute.js';
import { isosurfaceMetric } from './isosurface.js';
import { localMetrics } from './local-metrics.js';

export interface MasksResult {
  threshold: number;
  voxelSize: number;
  dims: Dims;
  dilations: number;
  rawMaskVoxels: number;
  hardMaskVoxels: number;
  components: ComponentSummary;
  /** raw and hard masks: one byte per voxel (0/1); soft mask: float32 little-endian, x fastest. */
  artifacts: { raw: ArtifactRef; hard: ArtifactRef; soft: ArtifactRef };
}

export const MASK_MEDIA_TYPE = 'application/x-vrs-mask-u8';
export const FLOAT_MAP_MEDIA_TYPE = 'application/x-vrs-map-f32';

const dimsOf = (ctx: MetricContext): Dims => ({ nx: ctx.volume.nx, ny: ctx.volume.ny, nz: ctx.volume.nz });
const putter = (ctx: MetricContext): PutArtifact => (bytes, mediaType, role) => ctx.putArtifact(bytes, mediaType, role);
const bytesOf = (a: Uint8Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function masksOf(ctx: MetricContext): { result: MasksResult; raw: Uint8Array; hard: Uint8Array; soft: () => Float32Array } {
  const result = ctx.deps['level0.masks'] as MasksResult;
  return {
    result,
    raw: ctx.readArtifact(result.artifacts.raw.sha256),
    hard: ctx.readArtifact(result.artifacts.hard.sha256),
    soft: () => float32FromBytes(ctx.readArtifact(result.artifacts.soft.sha256)),
  };
}

export const masksMetric: MetricDefinition<MasksResult> = {
  name: 'level0.masks',
  version: MASKS_VERSION,
  dependsOn: [],
  keyParams: ['threshold', 'voxelSize'],
  compute(ctx) {
    const d = dimsOf(ctx);
    const { threshold, voxelSize } = ctx.params;
    ctx.progress(0, 'masks');
    const m = buildMasks(ctx.volume.data, d, threshold, voxelSize);
    return {
      threshold,
      voxelSize,
      dims: d,
      dilations: m.dilations,
      rawMaskVoxels: m.rawVoxels,
      hardMaskVoxels: m.hardVoxels,
      components: m.components,
      artifacts: {
        raw: ctx.putArtifact(m.raw, MASK_MEDIA_TYPE, 'rawMask'),
        hard: ctx.putArtifact(m.hard, MASK_MEDIA_TYPE, 'hardMask'),
        soft: ctx.putArtifact(bytesOf(m.soft), FLOAT_MAP_MEDIA_TYPE, 'softMask'),
      },
    };
  },
};

export const inputDataMetric: MetricDefinition<InputData> = {
  name: 'level0.inputData',
  version: INPUT_DATA_VERSION,
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize'],
  compute(ctx) {
    const m = masksOf(ctx);
    return computeInputData(ctx.volume.data, dimsOf(ctx), m.hard, m.soft(), putter(ctx));
  },
};

export const massMetric: MetricDefinition<MassAnalysis> = {
  name: 'level0.mass',
  version: MASS_VERSION,
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize', 'profile'],
  compute(ctx) {
    const m = masksOf(ctx);
    return computeMass(ctx.volume.data, dimsOf(ctx), m.hard, ctx.params.voxelSize, ctx.params.profile);
  },
};

export const maskMetric: MetricDefinition<MaskAnalysis> = {
  name: 'level0.mask',
  version: MASK_VERSION,
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize', 'profile'],
  compute(ctx) {
    const m = masksOf(ctx);
    const masks = { raw: m.raw, hard: m.hard, rawVoxels: m.result.rawMaskVoxels, hardVoxels: m.result.hardMaskVoxels, components: m.result.components };
    return computeMask(ctx.volume.data, dimsOf(ctx), masks, ctx.params.voxelSize, ctx.params.profile, putter(ctx));
  },
};

export const backgroundMetric: MetricDefinition<BackgroundAnalysis> = {
  name: 'level0.background',
  version: BACKGROUND_VERSION,
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize', 'profile'],
  compute(ctx) {
    const m = masksOf(ctx);
    return computeBackground(ctx.volume.data, dimsOf(ctx), m.hard, putter(ctx));
  },
};

export const bFactorMetric: MetricDefinition<BFactorAnalysis> = {
  name: 'level0.bFactor',
  version: BFACTOR_VERSION,
  dependsOn: [],
  keyParams: ['resolution', 'voxelSize', 'profile'],
  compute(ctx) {
    const { voxelSize, resolution, profile } = ctx.params;
    return computeBFactor(ctx.volume.data, dimsOf(ctx), voxelSize, resolution, profile, putter(ctx));
  },
};

export interface ResampledResult {
  /** false without a resolution or with R ≥ 15 Å (0.f/0.g are not computed): nothing was made. */
  applicable: boolean;
  /** Å, resolution/2 */
  targetVoxelSize: number | null;
  /** Å per voxel of the resampled map (n·Ts/m per axis) */
  voxelSize: { x: number; y: number; z: number } | null;
  dims: Dims | null;
  threshold: number;
  dilations: number | null;
  hardMaskVoxels: number | null;
  /** map and soft mask float32, hard mask one byte per voxel; x fastest */
  artifacts: { map: ArtifactRef; hard: ArtifactRef; soft: ArtifactRef } | null;
}

export const resampledMetric: MetricDefinition<ResampledResult> = {
  name: 'level0.resampled',
  version: RESAMPLED_VERSION,
  dependsOn: [],
  keyParams: ['threshold', 'resolution', 'voxelSize'],
  compute(ctx) {
    const { threshold, resolution, voxelSize } = ctx.params;
    const none = { applicable: false, targetVoxelSize: null, voxelSize: null, dims: null, threshold, dilations: null, hardMaskVoxels: null, artifacts: null };
    // 0.f/0.g answer without it (no resolution, R ≥ 15 Å): no resampling, no mask to fail
    if (!localAnalysesApply(resolution)) return none;
    ctx.progress(0, 'resampling');
    const r = resampleForLocalAnalyses(ctx.volume, voxelSize, threshold, resolution);
    const v = r.volume;
    return {
      applicable: true,
      targetVoxelSize: r.targetVoxelSize,
      voxelSize: { ...v.voxelSize },
      dims: { nx: v.nx, ny: v.ny, nz: v.nz },
      threshold,
      dilations: r.dilations,
      hardMaskVoxels: r.hardVoxels,
      artifacts: {
        map: ctx.putArtifact(bytesOf(v.data), FLOAT_MAP_MEDIA_TYPE, 'resampledMap'),
        hard: ctx.putArtifact(r.hard, MASK_MEDIA_TYPE, 'resampledHardMask'),
        soft: ctx.putArtifact(bytesOf(r.soft), FLOAT_MAP_MEDIA_TYPE, 'resampledSoftMask'),
      },
    };
  },
};

/** The estimated threshold (level above which 1 % of voxels lie), memoized per map. */
export const thresholdMetric: MetricDefinition<{ threshold: number; source: 'ESTIMATED' }> = {
  name: 'level0.threshold',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute(ctx) {
    return { threshold: estimateThreshold(ctx.volume.data), source: 'ESTIMATED' };
  },
};

// The summary is not a metric: services/compute derives it with summarize() from the
// section records (so that 0.e–0.h join it without a second stored copy).
export const level0Metrics: MetricDefinition[] = [
  masksMetric,
  inputDataMetric,
  massMetric,
  maskMetric,
  backgroundMetric,
  bFactorMetric,
  resampledMetric,
  thresholdMetric,
  // 0.e–0.g local analyses (local-metrics.ts)
  ...localMetrics,
  // 0.h hand (hand.ts)
  handMetric,
  // the isosurface mesh the report draws (isosurface.ts)
  isosurfaceMetric,
] as MetricDefinition<unknown, Level0Params>[] as MetricDefinition[];

/**
 * The Level 0 metrics that are not sections but that sections depend on: the masks (0.b's raw
 * and hard masks, read by most sections), the soft mask (its own metric: only the input figures
 * and 1.a read it, and its two full-box transforms would otherwise delay every section's first
 * answer), the resampled map of 0.f/0.g and the threshold estimate; with the helpers the
 * section metrics use to read them.
 */
import { float32FromBytes, type Dims } from '../../volume.js';
import { VrsError } from '../../errors.js';
import type { ResampledInput } from './local-bfactor/compute.js';
import type { ArtifactRef, Level0Params, MetricContext, MetricDefinition } from '../types.js';
import { MASKS_VERSION, SOFT_MASK_SIGMA, SOFT_MASK_VERSION, buildHardMasks, softMask, type ComponentSummary } from './masks.js';
import { estimateThreshold } from './inputs.js';
import { RESAMPLED_VERSION, localAnalysesApply, resampleForLocalAnalyses } from './resampled.js';
import { maxVarianceSlices, type PutArtifact } from './figures.js';
import type { Image } from '../section-record.js';

export interface MasksResult {
  threshold: number;
  voxelSize: number;
  dims: Dims;
  dilations: number;
  rawMaskVoxels: number;
  hardMaskVoxels: number;
  components: ComponentSummary;
  /** raw and hard masks: one byte per voxel (0/1), x fastest. */
  artifacts: { raw: ArtifactRef; hard: ArtifactRef };
}

export interface SoftMaskResult {
  /** Xmipp real_gaussian σ, pixels */
  sigma: number;
  /** float32 little-endian, x fastest */
  artifacts: { soft: ArtifactRef };
  /**
   * The input figures' slices of maximum variance of the soft mask, made here while the mask is
   * in memory: the figures then need not read it back (256 MB at 400³, 1 GB at 640³).
   */
  slices: Image[];
}

// CPU-s per million voxels and bytes per voxel (MetricDefinition.cost / memory), measured with dist/e2e/bench/level0-profile.js
const COST_MASKS = 0.025; // 256³ (sample, 0.6 Å): 0.39 CPU-s
const MEMORY_MASKS = 4; // raw, largest → hard, the labelling's runs: 2.7 B/voxel measured at 256³
const COST_SOFT_MASK = 0.06; // 256³: 1.01 CPU-s (two full-box transforms)
const MEMORY_SOFT_MASK = 5; // mask, spectrum and result in one spectrum-size buffer: 3.9 B/voxel measured at 400³ (8.5 before)

export const MASK_MEDIA_TYPE = 'application/x-vrs-mask-u8';
export const FLOAT_MAP_MEDIA_TYPE = 'application/x-vrs-map-f32';

export const dimsOf = (ctx: MetricContext): Dims => ({ nx: ctx.volume.nx, ny: ctx.volume.ny, nz: ctx.volume.nz });
export const putter = (ctx: MetricContext): PutArtifact => (bytes, mediaType, role) => ctx.putArtifact(bytes, mediaType, role);
const bytesOf = (a: Uint8Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The masks a section depends on, each read from its artifact when first used (0.c reads only the
 * hard mask: a 64 MB read saved at 400³); `soft()` only for a metric that lists `level0.softMask`
 * in its dependsOn.
 */
export function masksOf(ctx: MetricContext): { result: MasksResult; readonly raw: Uint8Array; readonly hard: Uint8Array; soft: () => Float32Array } {
  const result = ctx.deps['level0.masks'] as MasksResult;
  let raw: Uint8Array | undefined, hard: Uint8Array | undefined;
  return {
    result,
    get raw() {
      return (raw ??= ctx.readArtifact(result.artifacts.raw.sha256));
    },
    get hard() {
      return (hard ??= ctx.readArtifact(result.artifacts.hard.sha256));
    },
    soft: () => {
      const soft = ctx.deps['level0.softMask'] as SoftMaskResult | undefined;
      if (!soft) throw new Error("masksOf(ctx).soft(): the metric does not depend on 'level0.softMask'");
      return float32FromBytes(ctx.readArtifact(soft.artifacts.soft.sha256));
    },
  };
}

export const masksMetric: MetricDefinition<MasksResult> = {
  name: 'level0.masks',
  version: MASKS_VERSION,
  cost: COST_MASKS,
  memory: MEMORY_MASKS,
  dependsOn: [],
  keyParams: ['threshold', 'voxelSize'],
  compute(ctx) {
    const d = dimsOf(ctx);
    const { threshold, voxelSize } = ctx.params;
    ctx.progress(0, 'masks');
    const m = buildHardMasks(ctx.volume.data, d, threshold, voxelSize);
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
      },
    };
  },
};

export const softMaskMetric: MetricDefinition<SoftMaskResult> = {
  name: 'level0.softMask',
  version: SOFT_MASK_VERSION,
  cost: COST_SOFT_MASK,
  memory: MEMORY_SOFT_MASK,
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize'],
  compute(ctx) {
    ctx.progress(0, 'soft mask');
    const d = dimsOf(ctx);
    const soft = softMask(masksOf(ctx).hard, d);
    return {
      sigma: SOFT_MASK_SIGMA,
      artifacts: { soft: ctx.putArtifact(bytesOf(soft), FLOAT_MAP_MEDIA_TYPE, 'softMask') },
      slices: maxVarianceSlices(soft, d, putter(ctx), 'softMaskSlice'),
    };
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
  cost: 0.08, // CPU-s per million voxels (bench level0 at 200³: 0.67 CPU-s)
  memory: 6, // the map's spectrum and the resampled grid: 4.9 B/voxel measured at 256³ (R = 3 Å, 0.6 Å)
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
  cost: 0.02, // CPU-s per million voxels (measured at 160³ and 256³: 0.018–0.019 CPU-s per Mvox)
  memory: 2,
  dependsOn: [],
  keyParams: [],
  compute(ctx) {
    return { threshold: estimateThreshold(ctx.volume.data), source: 'ESTIMATED' };
  },
};


/** The resampled map of 'level0.resampled'; only called once 0.f/0.g know they are computed. */
export function resampledInput(ctx: MetricContext): ResampledInput {
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

/**
 * What Level 1's local-resolution sections (1.c local FSC, 1.e MonoRes from half maps) share:
 * reading the halves and the hard mask, and grading a local-resolution map the way 0.e does
 * (statistics over the voxels with a value, the percentile of the reported resolution, VRS's
 * "below the 0.1 % percentile" criterion, the map stored as an MRC artifact). Their records are
 * Level 0's LocalAnalysis (so the report's local-map template paints them) plus their parameters.
 */
import type { Dims, Vec3 } from '../../volume.js';
import type { MetricContext } from '../types.js';
import { dimsOf, masksOf } from '../level0/support.js';
import { halvesOf } from './half-maps.js';
import type { LocalAnalysis } from '../level0/local-record.js';
import { homogeneousWarning, localRecord, putLocalMap, resolutionMapStatistics } from '../level0/local-statistics.js';
import type { Level1SectionId, SectionTexts } from '../level0/section.js';
import { LOCAL_EMPTY_REASON } from '../level0/local-texts.js';
import { emptyLocalRecord } from '../level0/local-statistics.js';
import { level1LocalWarnings } from './local-texts.js';

export interface HalvesAndMask {
  half1: Float32Array;
  half2: Float32Array;
  d: Dims;
  hard: Uint8Array;
  origin: Vec3;
}

/** What 1.c and 1.e compute from: the halves and the hard mask, the voxel size and the reported resolution. */
export interface LocalHalvesInput extends HalvesAndMask {
  voxelSize: number;
  resolution: number | null;
}

/** The half maps (on the map's grid, half-maps.ts) and the map's hard mask (Level 0's masks metric). */
export function halvesAndMask(ctx: MetricContext, metric: string): HalvesAndMask {
  const v = ctx.volume;
  return { ...halvesOf(ctx, metric), d: dimsOf(ctx), hard: masksOf(ctx).hard, origin: v.origin };
}

export interface GradeInput {
  id: Level1SectionId;
  texts: SectionTexts;
  method: string;
  /** Å in the measured voxels, 0 elsewhere */
  local: Float32Array;
  d: Dims;
  voxelSize: number;
  origin: Vec3;
  resolution: number;
  role: string;
  label: string;
}

/**
 * The LocalAnalysis of a local-resolution map: statistics over the voxels with a value, the
 * percentile of the reported resolution (100·#(values < R)/#values), warnings (too homogeneous;
 * the reported resolution below the 0.1 % percentile), the map stored as an MRC artifact.
 */
export function gradeLocalResolution(ctx: Pick<MetricContext, 'putArtifact'>, g: GradeInput): LocalAnalysis {
  const graded = resolutionMapStatistics(g.local, g.resolution);
  if (!graded) return emptyLocalRecord(g.id, g.texts, g.method, 'Å', 'FAILED', LOCAL_EMPTY_REASON);
  const { stats, percentile } = graded;
  const warnings = homogeneousWarning(stats.percentiles, 0.01);
  if (percentile < 0.1) warnings.push(level1LocalWarnings.resolutionPercentile(g.resolution, percentile));
  const ts = g.voxelSize;
  const sha = putLocalMap(ctx, g.local, g.d, { x: ts, y: ts, z: ts }, g.origin, g.role, g.label);
  return localRecord({ id: g.id, texts: g.texts, method: g.method, unit: 'Å', stats, warnings, reportedResolutionPercentile: percentile, mapSha256: sha });
}

/**
 * What the VRS prints for every local analysis (0.e–0.g): percentiles 2.5/25/50/75/97.5
 * (numpy linear) over the selected voxels, a 25-bin histogram, the "too homogeneous" test,
 * and the LocalAnalysis record around them. The local map goes out as an MRC artifact.
 */
import type { Dims, Vec3, Volume } from '../../volume.js';
import { gatherValues, histogram, percentiles } from '../../kernels/stats/index.js';
import { writeMrc } from '../../io/mrc/write.js';
import type { SectionStatus } from '../section-record.js';
import type { LocalAnalysis, Percentiles } from './local-record.js';
import type { MetricContext } from '../types.js';
import { sectionBase, type SectionId, type SectionTexts } from './section.js';
import { NO_RESOLUTION_REASON } from './texts.js';
import { LOCAL_LOW_RESOLUTION_REASON, localWarnings } from './local-texts.js';
import { localAnalysesApply } from './resampled.js';

export const HISTOGRAM_BINS = 25;
export const MRC_MEDIA_TYPE = 'application/x-mrc';

export interface LocalStatistics {
  percentiles: Percentiles;
  histogram: { binEdges: number[]; counts: number[] };
  voxels: number;
}

/**
 * Statistics of `values` over the voxels with sel ≠ 0; null when there are none. The selected
 * values are gathered first (often a small part of the box: 0.e's mask in a 400³ map), so the
 * percentiles' and the histogram's passes read only them instead of the whole box with a mask
 * test per voxel; the numbers are the same (order statistics and counts of the same values).
 */
export function localStatistics(values: Float32Array, sel: Uint8Array): LocalStatistics | null {
  return statisticsOf(gatherValues(values, sel));
}

/**
 * A local-resolution map's statistics over its voxels with a value (> 0, as VRS) and the
 * percentile of the reported resolution R among them (100·#(values < R)/#values); null when no
 * voxel has a value. The values are gathered (no box-size selection mask).
 */
export function resolutionMapStatistics(local: Float32Array, resolution: number): { stats: LocalStatistics; percentile: number } | null {
  let voxels = 0, below = 0;
  for (let i = 0; i < local.length; i++) {
    if (!(local[i]! > 0)) continue;
    voxels++;
    if (local[i]! < resolution) below++;
  }
  const values = new Float32Array(voxels);
  for (let i = 0, k = 0; k < voxels; i++) if (local[i]! > 0) values[k++] = local[i]!;
  const stats = statisticsOf(values);
  return stats && { stats, percentile: (100 * below) / stats.voxels };
}

/** The statistics of these values (the selected voxels' values, in any order); null when there are none. */
export function statisticsOf(selected: Float32Array | Float64Array): LocalStatistics | null {
  if (selected.length === 0) return null;
  const [p2_5, p25, p50, p75, p97_5] = percentiles(selected, [2.5, 25, 50, 75, 97.5]) as [number, number, number, number, number];
  const h = histogram(selected, HISTOGRAM_BINS);
  return { percentiles: { p2_5, p25, p50, p75, p97_5 }, histogram: { binEdges: [...h.edges], counts: [...h.counts] }, voxels: selected.length };
}

/** |p2.5 − p97.5| < eps (0.01; 0.1 for occupancy). */
export function isHomogeneous(p: Percentiles, eps: number): boolean {
  return Math.abs(p.p2_5 - p.p97_5) < eps;
}

export function homogeneousWarning(p: Percentiles, eps: number): string[] {
  return isHomogeneous(p, eps) ? [localWarnings.homogeneous] : [];
}

export interface LocalRecordInput {
  id: SectionId;
  texts: SectionTexts;
  method: string;
  unit: string;
  stats: LocalStatistics | null;
  warnings: string[];
  reportedResolutionPercentile?: number | null;
  mapSha256: string | null;
}

export function localRecord(r: LocalRecordInput, forced?: { status: SectionStatus; reason: string }): LocalAnalysis {
  return {
    ...sectionBase(r.id, r.texts, r.warnings, forced),
    method: r.method,
    unit: r.unit,
    percentiles: r.stats?.percentiles ?? null,
    reportedResolutionPercentile: r.reportedResolutionPercentile ?? null,
    histogram: r.stats?.histogram ?? null,
    voxels: r.stats?.voxels ?? 0,
    mapSha256: r.mapSha256,
    views: [],
  };
}

/** A section that has no numbers (does not apply or could not be measured). */
export function emptyLocalRecord(id: SectionId, texts: SectionTexts, method: string, unit: string, status: SectionStatus, reason: string): LocalAnalysis {
  return localRecord({ id, texts, method, unit, stats: null, warnings: [], mapSha256: null }, { status, reason });
}

/**
 * The record of 0.f or 0.g when it is not computed, from the resolution alone (nothing else is
 * read): NOT_APPLICABLE without one, FAILED for R ≥ 15 Å (no frequency between 15 Å and R, as
 * 0.d standard); null when the section is computed.
 */
export function skippedLocalRecord(id: SectionId, texts: SectionTexts, method: string, unit: string, resolution: number | null): LocalAnalysis | null {
  if (resolution === null) return emptyLocalRecord(id, texts, method, unit, 'NOT_APPLICABLE', NO_RESOLUTION_REASON);
  if (!localAnalysesApply(resolution)) return emptyLocalRecord(id, texts, method, unit, 'FAILED', LOCAL_LOW_RESOLUTION_REASON(resolution));
  return null;
}

/** Stores a local map as an MRC file and returns its SHA-256. */
export function putLocalMap(ctx: Pick<MetricContext, 'putArtifact'>, data: Float32Array, d: Dims, voxelSize: Vec3, origin: Vec3, role: string, label: string): string {
  const vol: Volume = { ...d, data, voxelSize, origin };
  return ctx.putArtifact(writeMrc(vol, { labels: [label.slice(0, 80)] }), MRC_MEDIA_TYPE, role).sha256;
}

/** A 0/1 selection of the voxels with mask value > 0.5 (VRS: statistics over mask > 0.5). */
export function maskSelection(mask: Uint8Array | Float32Array): Uint8Array {
  const sel = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) sel[i] = mask[i]! > 0.5 ? 1 : 0;
  return sel;
}

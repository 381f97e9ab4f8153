/**
 * The record shared by the local analyses 0.e–0.g (GraphQL type LocalAnalysis): its interface,
 * its schema and its "does not apply" record. Field names are the public contract
 * (../shared/spec/graphql.md); units are in the comments.
 */
import { float, list, object, recordSchema, string } from '../record-schema.js';
import { IMAGE, sectionSchema, type Image, type SectionBase } from '../section-record.js';
import { emptySectionBase } from '../levels.js';

export interface Percentiles {
  p2_5: number;
  p25: number;
  p50: number;
  p75: number;
  p97_5: number;
}

export interface Histogram {
  binEdges: number[];
  counts: number[];
}

export interface LocalAnalysis extends SectionBase {
  method: string;
  /** unit of the local values: 'Å', 'Å²' or '' */
  unit: string;
  percentiles: Percentiles | null;
  /** 0.e only: % of local values below the reported resolution */
  reportedResolutionPercentile: number | null;
  histogram: Histogram | null;
  /** number of voxels the statistics are taken over */
  voxels: number;
  /** the local map as an MRC artifact */
  mapSha256: string | null;
  views: Image[];
}

export const PERCENTILES = recordSchema<Percentiles>()('Percentiles', {}, {
  p2_5: float('2.5th percentile'),
  p25: float('25th percentile'),
  p50: float('median'),
  p75: float('75th percentile'),
  p97_5: float('97.5th percentile'),
});

export const HISTOGRAM = recordSchema<Histogram>()('Histogram', {}, {
  binEdges: list(float(), 'in the unit of the local values'),
  counts: list(float(), 'voxels in each bin (one fewer than binEdges)'),
});

export const LOCAL_ANALYSIS = sectionSchema<LocalAnalysis>()('LocalAnalysis', { description: '0.e–0.g local resolution, local B-factor, local occupancy' }, {
  method: string('method name, in words'),
  unit: string("unit of the local values: 'Å', 'Å²' or ''"),
  percentiles: object(PERCENTILES, 'in the unit of the local values').orNull(),
  reportedResolutionPercentile: float('% of local values below the reported resolution (0.e only)').orNull(),
  histogram: object(HISTOGRAM, '25-bin histogram of the local values over the same voxels').orNull(),
  voxels: float('voxels the statistics are taken over'),
  mapSha256: string('the local map as an MRC artifact').orNull(),
  views: list(object(IMAGE), 'slices and views of the local map'),
});

/** A local analysis without a result: its full shape, nothing measured. */
export function emptyLocal(id: '0.e' | '0.f' | '0.g', title: string, unit: string) {
  return (status: 'FAILED' | 'NOT_APPLICABLE', reason: string): LocalAnalysis => ({
    method: '', unit, percentiles: null, reportedResolutionPercentile: null, histogram: null, voxels: 0, mapSha256: null, views: [],
    ...emptySectionBase(id, title, status, reason),
  });
}

/** The record shared by the local analyses 0.e–0.g (GraphQL type LocalAnalysis). */
import { float, list, object, recordSchema, string } from '../record-schema.js';
import { IMAGE, sectionSchema } from '../section-record.js';
import { emptySectionBase } from '../levels.js';
import type { Histogram, LocalAnalysis, Percentiles } from './types.js';
import { TITLES } from './texts.js';

const PERCENTILES = recordSchema<Percentiles>()('Percentiles', {}, {
  p2_5: float(),
  p25: float(),
  p50: float(),
  p75: float(),
  p97_5: float(),
});

const HISTOGRAM = recordSchema<Histogram>()('Histogram', {}, {
  binEdges: list(float(), 'in the unit of the local values'),
  counts: list(float()),
});

export const LOCAL_ANALYSIS = sectionSchema<LocalAnalysis>()('LocalAnalysis', { description: '0.e–0.g local resolution, local B-factor, local occupancy' }, {
  method: string(),
  unit: string("unit of the local values: 'Å', 'Å²' or ''"),
  percentiles: object(PERCENTILES, 'in the unit of the local values').orNull(),
  reportedResolutionPercentile: float('0.e only: % of local values below the reported resolution').orNull(),
  histogram: object(HISTOGRAM).orNull(),
  voxels: float('voxels the statistics are taken over'),
  mapSha256: string('the local map as an MRC artifact').orNull(),
  views: list(object(IMAGE)),
});

/** A local analysis without a result: its full shape, nothing measured. */
export function emptyLocal(id: '0.e' | '0.f' | '0.g', unit: string) {
  return (status: 'FAILED' | 'NOT_APPLICABLE', reason: string): LocalAnalysis => ({
    method: '', unit, percentiles: null, reportedResolutionPercentile: null, histogram: null, voxels: 0, mapSha256: null, views: [],
    ...emptySectionBase(id, TITLES[id], status, reason),
  });
}

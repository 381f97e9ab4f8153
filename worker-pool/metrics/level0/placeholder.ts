/**
 * The record of a Level 0 section that has no result (it failed, or it is not in this
 * version): the section's full shape, with empty results, its status and the reason. Used by
 * the CLI's Level 0 run and by the report renderer for a section the graph answered with an
 * error, so that a failed section is printed as "could not be measured" among the others.
 */
import { TITLES, type SectionId } from './texts.js';
import type { SectionBase } from './types.js';

/** The Level 0 record's section fields (= GraphQL fields) and their section ids, in report order. */
export const SECTION_FIELDS = {
  inputData: null,
  mass: '0.a',
  mask: '0.b',
  background: '0.c',
  bFactor: '0.d',
  localResolution: '0.e',
  localBFactor: '0.f',
  localOccupancy: '0.g',
  hand: '0.h',
} as const satisfies Record<string, SectionId | null>;

export type SectionField = keyof typeof SECTION_FIELDS;

/**
 * The fields a record of that kind must carry besides SectionBase (non-null in the GraphQL
 * contract), empty: a section without a result still has the record's full shape.
 */
const EMPTY_FIELDS: Partial<Record<SectionField, Record<string, unknown>>> = {
  inputData: { centralSlices: [], maxVarianceSlices: [], projections: [], hardMaskSlices: [], softMaskSlices: [], isosurfaceViews: [] },
  localResolution: { method: '', unit: 'Å', percentiles: null, reportedResolutionPercentile: null, histogram: null, voxels: 0, mapSha256: null, views: [] },
  localBFactor: { method: '', unit: 'Å²', percentiles: null, reportedResolutionPercentile: null, histogram: null, voxels: 0, mapSha256: null, views: [] },
  localOccupancy: { method: '', unit: '', percentiles: null, reportedResolutionPercentile: null, histogram: null, voxels: 0, mapSha256: null, views: [] },
  hand: { score: null, helicesFound: 0, evidence: [] },
};

export function placeholderSection(field: SectionField, status: 'FAILED' | 'NOT_APPLICABLE', reason: string): SectionBase {
  const id = SECTION_FIELDS[field];
  return {
    ...EMPTY_FIELDS[field],
    id: id ?? '',
    title: id ? TITLES[id] : 'Input data',
    status,
    warnings: [],
    explanation: '',
    criteria: '',
    algorithm: '',
    algorithmVersion: '',
    computeMillis: null,
    statusReason: reason,
  };
}

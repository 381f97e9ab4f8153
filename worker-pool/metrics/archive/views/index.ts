/**
 * E.d Central slices and orthogonal projections at the recommended contour: the map with the
 * voxels below the contour set to 0 (what the contour keeps), its central slice and its sum
 * along each axis, as EMDB's views (min–max scaled, Y up). The raw map's slices and
 * projections are in chapter 1.
 */
import { float, list, object } from '../../record-schema.js';
import { IMAGE, sectionSchema, type Image, type SectionBase } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { levelSectionBase } from '../../level0/section.js';
import { centralSlices, projections, type PutArtifact } from '../../level0/figures.js';
import { dimsOf, putter } from '../../level0/support.js';
import type { Dims } from '../../../volume.js';
import { ARCHIVE_CRITERIA } from '../texts.js';

export const VIEWS_TITLE = 'E.d Central slices and projections at the contour';
export const VIEWS_VERSION = '1';

export interface ContourViews extends SectionBase {
  /** map units */
  contour: number;
  centralSlices: Image[];
  projections: Image[];
}

/** ρ where ρ ≥ contour, else 0. */
export function atContour(data: Float32Array, contour: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! >= contour ? data[i]! : 0;
  return out;
}

export function computeViews(data: Float32Array, d: Dims, contour: number, put: PutArtifact): ContourViews {
  const kept = atContour(data, contour);
  return {
    ...levelSectionBase('E.d', {
      title: VIEWS_TITLE,
      explanation: 'Central slices and orthogonal projections of the map at its recommended contour (values below it set to 0): ' +
        'the density the contour keeps should be the molecule, without streaks, box edges or isolated noise.',
      criteria: ARCHIVE_CRITERIA,
      algorithm: 'Central slice and sum along x, y, z of the map thresholded at the contour, min–max scaled',
      algorithmVersion: VIEWS_VERSION,
    }, []),
    contour,
    centralSlices: centralSlices(kept, d, put, 'contourCentralSlice'),
    projections: projections(kept, d, put, 'contourProjection'),
  };
}

export const viewsSection: SectionDeclaration<ContourViews> = {
  field: 'views',
  id: 'E.d',
  title: VIEWS_TITLE,
  description: 'E.d central slices and orthogonal projections of the map at the recommended contour',
  record: sectionSchema<ContourViews>()('ContourViews', { description: VIEWS_TITLE }, {
    contour: float('map units'),
    centralSlices: list(object(IMAGE), 'central slices along x, y, z of the map at the contour'),
    projections: list(object(IMAGE), 'sums along x, y, z of the map at the contour'),
  }),
  metric: {
    name: 'archive.views',
    version: VIEWS_VERSION,
    dependsOn: [],
    keyParams: ['threshold'],
    cost: 0.1,
    compute: (ctx) => computeViews(ctx.volume.data, dimsOf(ctx), ctx.params.threshold, putter(ctx)),
  } satisfies MetricDefinition<ContourViews>,
  empty: (status, reason) => ({ centralSlices: [], projections: [], ...emptySectionBase('E.d', VIEWS_TITLE, status, reason) }),
  withoutCriteria: true,
};

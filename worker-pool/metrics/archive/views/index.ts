/**
 * E.d Central slices and orthogonal projections at the recommended contour, as EMDB's views
 * (min–max scaled, Y up): the central slices show the whole map with the values below the
 * contour dimmed to a quarter of their height above the minimum (the contour is a step in
 * brightness, and a slice the molecule misses is not blank); the projections are sums of the
 * map with the values below the contour set to 0 (what the contour keeps). The raw map's slices
 * and projections are in chapter 1.
 */
import { float, list, object } from '../../record-schema.js';
import { IMAGE, sectionSchema, type Image, type SectionBase } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { levelSectionBase } from '../../level0/section.js';
import { summaryStats } from '../../../kernels/stats/index.js';
import { centralSlices, projections, type PutArtifact } from '../../level0/figures.js';
import { dimsOf, putter } from '../../level0/support.js';
import type { Dims } from '../../../volume.js';
import { ARCHIVE_CRITERIA } from '../texts.js';

export const VIEWS_TITLE = 'E.d Central slices and projections at the contour';
export const VIEWS_VERSION = '2';

export interface ContourViews extends SectionBase {
  /** map units */
  contour: number;
  centralSlices: Image[];
  projections: Image[];
}

/** ρ where ρ ≥ contour, else 0 (the projections sum this without building it: `projection`'s `from`). */
export function atContour(data: Float32Array, contour: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! >= contour ? data[i]! : 0;
  return out;
}

/** One voxel of `dimmedBelow` (float32, as stored in its map), given the map's minimum. */
export function dimmedValue(contour: number, min: number): (v: number) => number {
  return (v) => (v >= contour ? v : Math.fround(min + (v - min) / DIM));
}

/** Below the contour: min + (ρ − min)/4 (monotone, with a step at the contour); at or above: ρ. */
export function dimmedBelow(data: Float32Array, contour: number): Float32Array {
  const value = dimmedValue(contour, summaryStats(data).min);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = value(data[i]!);
  return out;
}

/** How much the values below the contour are dimmed. */
export const DIM = 4;

export function computeViews(data: Float32Array, d: Dims, contour: number, put: PutArtifact): ContourViews {
  return {
    ...levelSectionBase('E.d', {
      title: VIEWS_TITLE,
      explanation: 'Central slices of the map with the values below its recommended contour dimmed, and orthogonal projections of what the contour keeps ' +
        '(values below it set to 0): the density above the contour should be the molecule, without streaks, box edges or isolated noise.',
      criteria: ARCHIVE_CRITERIA,
      algorithm: 'Central slices with the values below the contour dimmed 4×, sums along x, y, z of the map thresholded at the contour; min–max scaled',
      algorithmVersion: VIEWS_VERSION,
    }, []),
    contour,
    // slices and sums of the dimmed and the thresholded map, without either box (2 × 256 MB at 400³)
    centralSlices: centralSlices(data, d, put, 'contourCentralSlice', dimmedValue(contour, summaryStats(data).min)),
    projections: projections(data, d, put, 'contourProjection', contour),
  };
}

export const viewsSection: SectionDeclaration<ContourViews> = {
  field: 'views',
  id: 'E.d',
  title: VIEWS_TITLE,
  description: 'E.d central slices and orthogonal projections of the map at the recommended contour',
  record: sectionSchema<ContourViews>()('ContourViews', { description: VIEWS_TITLE }, {
    contour: float('map units, contour level of the views'),
    centralSlices: list(object(IMAGE), 'central slices along x, y, z of the map, the values below the contour dimmed (min + (ρ − min)/4)'),
    projections: list(object(IMAGE), 'sums along x, y, z of the map at the contour'),
  }),
  metric: {
    name: 'archive.views',
    version: VIEWS_VERSION,
    dependsOn: [],
    keyParams: ['threshold'],
    cost: 0.1,
    memory: 1, // three slices and projections: 0.0 B/voxel measured at 400³ (4.0 with its two boxes)
    compute: (ctx) => computeViews(ctx.volume.data, dimsOf(ctx), ctx.params.threshold, putter(ctx)),
  } satisfies MetricDefinition<ContourViews>,
  empty: (status, reason) => ({ centralSlices: [], projections: [], ...emptySectionBase('E.d', VIEWS_TITLE, status, reason) }),
  withoutCriteria: true,
};

/** Level 1's input figures: slices of each half map and of their difference (not graded). */
import { list, object, recordSchema } from '../../record-schema.js';
import { IMAGE } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { HalfMapData } from './record.js';
import { dimsOf, putter } from '../../level0/support.js';
import { halvesOf } from '../half-maps.js';
import { HALF_MAP_DATA_VERSION, computeHalfMapData } from './compute.js';

export const halfMapDataSection: SectionDeclaration<HalfMapData> = {
  field: 'inputData',
  id: null,
  title: 'Half maps',
  description: 'figures: central and largest-variance slices of each half map and of half1 − half2',
  record: recordSchema<HalfMapData>()('HalfMapData', { description: 'Figures of the half maps' }, {
    half1CentralSlices: list(object(IMAGE), 'central slices of half map 1 along x, y, z'),
    half1MaxVarianceSlices: list(object(IMAGE), 'slices of maximum variance of half map 1 along x, y, z'),
    half2CentralSlices: list(object(IMAGE), 'central slices of half map 2'),
    half2MaxVarianceSlices: list(object(IMAGE), 'slices of maximum variance of half map 2'),
    differenceCentralSlices: list(object(IMAGE), 'central slices of half1 − half2 (noise where the halves agree)'),
    differenceMaxVarianceSlices: list(object(IMAGE), 'slices of maximum variance of half1 − half2'),
  }),
  metric: {
    name: 'level1.inputData',
    version: HALF_MAP_DATA_VERSION,
    cost: 0.1, // CPU-s per million voxels (two half maps' statistics: twice 0.a's input data)
    dependsOn: [],
    keyParams: [],
    inputs: ['map', 'half1', 'half2'],
    compute(ctx) {
      const { half1, half2 } = halvesOf(ctx, 'level1.inputData');
      return computeHalfMapData(half1, half2, dimsOf(ctx), putter(ctx));
    },
  } satisfies MetricDefinition<HalfMapData>,
  empty: (status, reason) => ({
    half1CentralSlices: [], half1MaxVarianceSlices: [], half2CentralSlices: [], half2MaxVarianceSlices: [],
    differenceCentralSlices: [], differenceMaxVarianceSlices: [],
    ...emptySectionBase('', 'Half maps', status, reason),
  }),
};

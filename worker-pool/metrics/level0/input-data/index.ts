/** The input map's figures (slices, projections, mask slices): part of Level 0, not graded. */
import { list, object, recordSchema } from '../../record-schema.js';
import { IMAGE } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import { emptySectionBase } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { InputData } from './record.js';
import { dimsOf, masksOf, putter, type SoftMaskResult } from '../support.js';
import { INPUT_DATA_VERSION, computeInputData } from './compute.js';


export const inputDataSection: SectionDeclaration<InputData> = {
  field: 'inputData',
  id: null,
  title: 'Input data',
  description: 'figures: slices, projections, mask slices',
  record: recordSchema<InputData>()('InputData', { description: 'Figures of the input map' }, {
    centralSlices: list(object(IMAGE), 'central slices of the map along x, y, z'),
    maxVarianceSlices: list(object(IMAGE), 'slices of maximum variance along x, y, z'),
    projections: list(object(IMAGE), 'projections of the map along x, y, z'),
    hardMaskSlices: list(object(IMAGE), 'central slices of the hard mask'),
    softMaskSlices: list(object(IMAGE), 'central slices of the soft mask'),
    isosurfaceViews: list(object(IMAGE), 'made by the report renderer; empty until rendered'),
  }),
  metric: {
    name: 'level0.inputData',
    version: INPUT_DATA_VERSION,
    cost: 0.05, // CPU-s per million voxels (bench level0 at 200³: 0.43 CPU-s)
    memory: 2, // ≤ 1.2 B/voxel measured at 256³ and 400³
    dependsOn: ['level0.masks', 'level0.softMask'],
    keyParams: ['threshold', 'voxelSize'],
    compute(ctx) {
      const soft = ctx.deps['level0.softMask'] as SoftMaskResult;
      return computeInputData(ctx.volume.data, dimsOf(ctx), masksOf(ctx).hard, soft.slices, putter(ctx));
    },
  } satisfies MetricDefinition<InputData>,
  // the figures have no status of their own; a failure still gives the record's full shape
  empty: (status, reason) => ({
    centralSlices: [], maxVarianceSlices: [], projections: [], hardMaskSlices: [], softMaskSlices: [], isosurfaceViews: [],
    ...emptySectionBase('', 'Input data', status, reason),
  }),
};

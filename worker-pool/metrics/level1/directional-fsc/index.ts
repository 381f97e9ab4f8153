/** 1.h Directional resolution by FSC in cones (3DFSC-like) of the half maps. */
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { dimsOf } from '../../level0/support.js';
import { halvesOf } from '../half-maps.js';
import { DIRECTIONAL_FSC_ANALYSIS, type DirectionalFscAnalysis } from './record.js';
import { DIRECTIONAL_FSC_TITLE } from './texts.js';
import { DIRECTIONAL_FSC_VERSION, computeDirectionalFsc, emptyDirectionalFsc } from './compute.js';

export const directionalFscSection: SectionDeclaration<DirectionalFscAnalysis> = {
  field: 'directionalFsc',
  id: '1.h',
  title: DIRECTIONAL_FSC_TITLE,
  description: '1.h directional resolution by FSC in cones (3DFSC-like) and sphericity; needs the half maps',
  record: DIRECTIONAL_FSC_ANALYSIS,
  metric: {
    name: 'level1.directionalFsc',
    version: DIRECTIONAL_FSC_VERSION,
    cost: 0.06, // CPU-s per million voxels (bench level1 at 400³: 3.5 CPU-s)
    dependsOn: [],
    inputs: ['map', 'half1', 'half2'],
    keyParams: ['resolution', 'voxelSize'],
    compute(ctx) {
      const { half1, half2 } = halvesOf(ctx, 'level1.directionalFsc');
      return computeDirectionalFsc({ half1, half2, d: dimsOf(ctx), voxelSize: ctx.params.voxelSize, resolution: ctx.params.resolution }, ctx);
    },
  } satisfies MetricDefinition<DirectionalFscAnalysis>,
  empty: emptyDirectionalFsc,
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its directional resolution (see Sec. ${n}).` },
};

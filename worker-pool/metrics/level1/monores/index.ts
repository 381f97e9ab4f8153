/** 1.e Local resolution by MonoRes with the noise of the half maps. */
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { halvesAndMask } from '../local-common.js';
import { HALF_MONORES_ANALYSIS, type HalfMonoResAnalysis } from './record.js';
import { HALF_MONORES_TITLE } from './texts.js';
import { HALF_MONORES_VERSION, computeHalfMonoRes, emptyHalfMonoRes } from './compute.js';

export const monoResSection: SectionDeclaration<HalfMonoResAnalysis> = {
  field: 'monoRes',
  id: '1.e',
  title: HALF_MONORES_TITLE,
  description: '1.e local resolution by MonoRes, noise from the half maps; needs the half maps',
  record: HALF_MONORES_ANALYSIS,
  metric: {
    name: 'level1.monoRes',
    version: HALF_MONORES_VERSION,
    cost: 0.63, // CPU-s per million voxels (bench level1 at 400³: 40.3 CPU-s)
    memory: 64, // 0.e's MonoRes (56 B/voxel at worst) plus the noise map and its spectrum
    dependsOn: ['level0.masks'],
    inputs: ['map', 'half1', 'half2'],
    keyParams: ['threshold', 'resolution', 'voxelSize'],
    compute(ctx) {
      const h = halvesAndMask(ctx, 'level1.monoRes');
      return computeHalfMonoRes({ ...h, voxelSize: ctx.params.voxelSize, resolution: ctx.params.resolution }, ctx);
    },
  } satisfies MetricDefinition<HalfMonoResAnalysis>,
  empty: emptyHalfMonoRes,
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its local resolution measured by MonoRes on the half maps (see Sec. ${n}).` },
};

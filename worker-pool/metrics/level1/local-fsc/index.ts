/** 1.c Local resolution by local FSC (BlocRes-like) of the half maps. */
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { halvesAndMask } from '../local-common.js';
import { LOCAL_FSC_ANALYSIS, type LocalFscAnalysis } from './record.js';
import { LOCAL_FSC_TITLE } from './texts.js';
import { LOCAL_FSC_VERSION, computeLocalFsc, emptyLocalFsc } from './compute.js';

export const localFscSection: SectionDeclaration<LocalFscAnalysis> = {
  field: 'localFsc',
  id: '1.c',
  title: LOCAL_FSC_TITLE,
  description: '1.c local resolution by FSC in a sliding soft box (BlocRes-like); needs the half maps',
  record: LOCAL_FSC_ANALYSIS,
  metric: {
    name: 'level1.localFsc',
    version: LOCAL_FSC_VERSION,
    cost: 0.23, // CPU-s per million voxels (bench level1 at 400³: 14.5 CPU-s)
    dependsOn: ['level0.masks'],
    inputs: ['map', 'half1', 'half2'],
    keyParams: ['threshold', 'resolution', 'voxelSize'],
    compute(ctx) {
      const h = halvesAndMask(ctx, 'level1.localFsc');
      return computeLocalFsc({ ...h, voxelSize: ctx.params.voxelSize, resolution: ctx.params.resolution }, ctx);
    },
  } satisfies MetricDefinition<LocalFscAnalysis>,
  empty: emptyLocalFsc,
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its local resolution measured by local FSC (see Sec. ${n}).` },
};

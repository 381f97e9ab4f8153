/** 0.g Local occupancy (LocOccupancy on the map resampled to half the resolution). */
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { LOCAL_ANALYSIS, emptyLocal, type LocalAnalysis } from '../local-record.js';
import { LOCAL_OCCUPANCY_TITLE } from './texts.js';
import { resampledInput } from '../support.js';
import { perResampledVoxel } from '../resampled.js';
import { LOCAL_OCCUPANCY_VERSION, computeLocalOccupancy, localOccupancySkipped } from './compute.js';

export const localOccupancySection: SectionDeclaration<LocalAnalysis> = {
  field: 'localOccupancy',
  id: '0.g',
  title: LOCAL_OCCUPANCY_TITLE,
  description: '0.g',
  record: LOCAL_ANALYSIS,
  metric: {
    name: 'level0.localOccupancy',
    version: LOCAL_OCCUPANCY_VERSION,
    cost: 0.02, // CPU-s per million voxels (bench local at 200³, 1.5 Å, R 8.9 Å: 0.17 CPU-s)
    // per resampled voxel: spectrum, scratch spectrum, |f|, amplitude, Riesz scratch, counts, result
    memory: (p) => perResampledVoxel(p, 56), // as 0.f's; 69 measured at 400³ before its Riesz scratch was reused
    dependsOn: ['level0.resampled'],
    keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
    compute(ctx) {
      const R = ctx.params.resolution;
      const skipped = localOccupancySkipped(R);
      if (skipped) return skipped;
      return computeLocalOccupancy(resampledInput(ctx), R!, ctx);
    },
  } satisfies MetricDefinition<LocalAnalysis>,
  empty: emptyLocal('0.g', LOCAL_OCCUPANCY_TITLE, ''),
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its local occupancy (see Sec. ${n}).` },
};

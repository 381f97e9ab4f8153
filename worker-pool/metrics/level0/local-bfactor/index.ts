/** 0.f Local B-factor (LocBfactor on the map resampled to half the resolution). */
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { LOCAL_ANALYSIS, emptyLocal, type LocalAnalysis } from '../local-record.js';
import { LOCAL_BFACTOR_TITLE } from './texts.js';
import { resampledInput } from '../support.js';
import { perResampledVoxel } from '../resampled.js';
import { LOCAL_BFACTOR_VERSION, computeLocalBFactor, localBFactorSkipped } from './compute.js';

export const localBFactorSection: SectionDeclaration<LocalAnalysis> = {
  field: 'localBFactor',
  id: '0.f',
  title: LOCAL_BFACTOR_TITLE,
  description: '0.f',
  record: LOCAL_ANALYSIS,
  metric: {
    name: 'level0.localBFactor',
    version: LOCAL_BFACTOR_VERSION,
    cost: 0.09, // CPU-s per million voxels (bench local at 200³, 1.5 Å, R 8.9 Å: 0.71 CPU-s)
    // per resampled voxel: spectrum, scratch spectrum, |f|, amplitude, Riesz scratch, two float64 sums, result
    memory: (p) => perResampledVoxel(p, 56), // 50 measured at 400³ (160³ resampled)
    dependsOn: ['level0.resampled'],
    keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
    compute(ctx) {
      // applicability first, from the resolution alone (level0.resampled made nothing then)
      const R = ctx.params.resolution;
      const skipped = localBFactorSkipped(R);
      if (skipped) return skipped;
      return computeLocalBFactor(resampledInput(ctx), R!, ctx, ctx.params.profile);
    },
  } satisfies MetricDefinition<LocalAnalysis>,
  empty: emptyLocal('0.f', LOCAL_BFACTOR_TITLE, 'Å²'),
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its local B-factor (see Sec. ${n}).` },
};

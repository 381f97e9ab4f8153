/** 0.e Local resolution (MonoRes on the single map). */
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { LOCAL_ANALYSIS, emptyLocal, type LocalAnalysis } from '../local-record.js';
import { LOCAL_RESOLUTION_TITLE } from './texts.js';
import { dimsOf, type MasksResult } from '../support.js';
import { LOCAL_RESOLUTION_VERSION, computeLocalResolution } from './compute.js';

export const localResolutionSection: SectionDeclaration<LocalAnalysis> = {
  field: 'localResolution',
  id: '0.e',
  title: LOCAL_RESOLUTION_TITLE,
  description: '0.e',
  record: LOCAL_ANALYSIS,
  metric: {
    name: 'level0.localResolution',
    version: LOCAL_RESOLUTION_VERSION,
    // MonoRes on the whole box at worst (no crop): its workspace (22 B/voxel), spectrum, regions
    // and indices, the result and its smoothing; 31.7 B/voxel measured at 256³ (47.7 before the
    // workspace shrank), 10–20 when the sweep runs on a sub-box
    memory: 40,
    dependsOn: ['level0.masks'],
    keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
    compute(ctx) {
      const masks = ctx.deps['level0.masks'] as MasksResult;
      const hard = ctx.readArtifact(masks.artifacts.hard.sha256);
      const { voxelSize, resolution } = ctx.params;
      return computeLocalResolution(ctx.volume.data, dimsOf(ctx), hard, voxelSize, resolution, ctx, { origin: ctx.volume.origin });
    },
  } satisfies MetricDefinition<LocalAnalysis>,
  empty: emptyLocal('0.e', LOCAL_RESOLUTION_TITLE, 'Å'),
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its local resolution (see Sec. ${n}).` },
};

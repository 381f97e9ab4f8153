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
    cost: 0.9, // CPU-s per million voxels (bench local at 200³, 1.5 Å, R 8.9 Å: 6.9 CPU-s)
    // MonoRes on the whole box at worst (no crop): its workspace (38 B/voxel: four spectra and
    // four real components, so each step's passes run on both threads), spectrum, regions and
    // indices, the result and its smoothing; 47.7 B/voxel measured at 256³ with this workspace
    memory: 56,
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
  ranked: [{ path: 'percentiles.p50', label: '0.e Local resolution median', unit: 'Å', better: 'lower' }],
};

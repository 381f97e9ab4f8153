/**
 * Tiny stand-ins under the Level 0 metric names, for tests of the plumbing (orchestrator,
 * `vrs validate`) that must not depend on the science: each returns a record with the
 * contract's SectionBase fields, from trivially checkable arithmetic on the map.
 * Loaded through VRS_METRIC_MODULES; they replace the product metrics of the same names, all
 * nine sections (a product metric left in would read a stub's result as its own kind).
 */
import type { Level0Params, MetricDefinition } from '../metrics/types.js';
import { LOCAL_RESOLUTION_TITLE } from '../metrics/level0/local-resolution/texts.js';
import { LOCAL_BFACTOR_TITLE } from '../metrics/level0/local-bfactor/texts.js';
import { LOCAL_OCCUPANCY_TITLE } from '../metrics/level0/local-occupancy/texts.js';
import { HAND_TITLE } from '../metrics/level0/hand/texts.js';

type Def = MetricDefinition<unknown, Level0Params>;

const base = (id: string, title: string, warnings: string[] = []) => ({
  id,
  title,
  status: warnings.length ? 'WARNING' : 'OK',
  warnings,
  explanation: 'stub',
  criteria: 'stub',
  algorithm: 'stub',
  algorithmVersion: '1',
  computeMillis: null,
  statusReason: null,
});

const masks: Def = {
  name: 'level0.masks',
  version: 'stub-1',
  dependsOn: [],
  keyParams: ['threshold', 'voxelSize'],
  compute: ({ volume, params, putArtifact }) => {
    const mask = new Uint8Array(volume.data.length);
    let n = 0;
    volume.data.forEach((v, i) => {
      if (v >= params.threshold) (mask[i] = 1), n++;
    });
    return { hardMaskVoxels: n, hardMask: putArtifact(mask, 'application/x-mrc', 'hardMask') };
  },
};

// the product's soft mask would read the stub masks' result as its own kind: stubbed too
const softMask: Def = {
  name: 'level0.softMask',
  version: 'stub-1',
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize'],
  compute: () => ({ sigma: 2 }),
};

const inputData: Def = {
  name: 'level0.inputData',
  version: 'stub-1',
  dependsOn: [],
  keyParams: [],
  compute: () => ({ centralSlices: [], maxVarianceSlices: [], projections: [], hardMaskSlices: [], softMaskSlices: [], isosurfaceViews: [] }),
};

const mass: Def = {
  name: 'level0.mass',
  version: 'stub-1',
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize', 'profile'],
  compute: ({ deps }) => ({ ...base('0.a', '0.a Mass analysis'), hardMaskVoxels: (deps['level0.masks'] as { hardMaskVoxels: number }).hardMaskVoxels }),
};

const mask: Def = {
  name: 'level0.mask',
  version: 'stub-1',
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize', 'profile'],
  compute: ({ deps }) => ({ ...base('0.b', '0.b Mask analysis', ['stub warning: mask is a stub']), hardMaskVoxels: (deps['level0.masks'] as { hardMaskVoxels: number }).hardMaskVoxels }),
};

const background: Def = {
  name: 'level0.background',
  version: 'stub-1',
  dependsOn: ['level0.masks'],
  keyParams: ['threshold', 'voxelSize', 'profile'],
  compute: ({ volume, deps }) => ({ ...base('0.c', '0.c Background analysis'), backgroundVoxels: volume.data.length - (deps['level0.masks'] as { hardMaskVoxels: number }).hardMaskVoxels }),
};

const bFactor: Def = {
  name: 'level0.bFactor',
  version: 'stub-1',
  dependsOn: [],
  keyParams: ['resolution', 'voxelSize', 'profile'],
  compute: ({ params }) =>
    params.resolution === null
      ? { ...base('0.d', '0.d B-factor analysis'), status: 'NOT_APPLICABLE', statusReason: 'The user did not provide a resolution, so this analysis does not apply.', bFactor: null }
      : { ...base('0.d', '0.d B-factor analysis'), bFactor: -100 },
};

// 0.e–0.h: without a resolution they do not apply (as the product's); with one, a record of
// the section's full shape whose numbers are counts anyone can check by hand.
const NO_RESOLUTION = 'The user did not provide a resolution, so this analysis does not apply.';
const local = (name: string, id: '0.e' | '0.f' | '0.g', title: string, unit: string, dependsOn: string[]): Def => ({
  name,
  version: 'stub-1',
  dependsOn,
  keyParams: ['threshold', 'resolution', 'voxelSize', 'profile'],
  compute: ({ volume, params, deps }) => {
    const empty = { method: 'stub', unit, percentiles: null, reportedResolutionPercentile: null, histogram: null, mapSha256: null, views: [] };
    if (params.resolution === null) return { ...base(id, title), ...empty, status: 'NOT_APPLICABLE', statusReason: NO_RESOLUTION, voxels: 0 };
    // 0.e counts the voxels of the hard mask it depends on; 0.f and 0.g the whole map.
    const masked = deps['level0.masks'] as { hardMaskVoxels: number } | undefined;
    return { ...base(id, title), ...empty, voxels: masked ? masked.hardMaskVoxels : volume.data.length };
  },
});

const localResolution = local('level0.localResolution', '0.e', LOCAL_RESOLUTION_TITLE, 'Å', ['level0.masks']);
const localBFactor = local('level0.localBFactor', '0.f', LOCAL_BFACTOR_TITLE, 'Å²', []);
const localOccupancy = local('level0.localOccupancy', '0.g', LOCAL_OCCUPANCY_TITLE, '', []);

const hand: Def = {
  name: 'level0.hand',
  version: 'stub-1',
  dependsOn: [],
  keyParams: ['threshold', 'resolution', 'voxelSize'],
  compute: ({ params }) =>
    params.resolution === null
      ? { ...base('0.h', HAND_TITLE), status: 'NOT_APPLICABLE', statusReason: NO_RESOLUTION, score: null, helicesFound: 0, evidence: [], tubesFound: 0, tubesUsed: 0, weightedScore: null, confidence: null }
      : { ...base('0.h', HAND_TITLE), score: 0, helicesFound: 0, evidence: ['stub'], tubesFound: 0, tubesUsed: 0, weightedScore: null, confidence: null },
};

export const metrics: Def[] = [masks, softMask, inputData, mass, mask, background, bFactor, localResolution, localBFactor, localOccupancy, hand];

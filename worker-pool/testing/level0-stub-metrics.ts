/**
 * Tiny stand-ins under the Level 0 metric names, for tests of the plumbing (orchestrator,
 * `vrs validate`) that must not depend on the science: each returns a record with the
 * contract's SectionBase fields, from trivially checkable arithmetic on the map.
 * Loaded through VRS_METRIC_MODULES; they replace the product metrics of the same names.
 */
import type { Level0Params, MetricDefinition } from '../metrics/types.js';

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

export const metrics: Def[] = [masks, inputData, mass, mask, background, bFactor];

/** 0.d B-factor analysis: the Guinier fit between 15 Å and the reported resolution. */
import { boolean, float, int, list, object, recordSchema } from '../../record-schema.js';
import { IMAGE, sectionSchema } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { BFactorAnalysis, GuinierPoint } from './record.js';
import { BFACTOR_TITLE } from './texts.js';
import { dimsOf, putter } from '../support.js';
import { BFACTOR_VERSION, computeBFactor } from './compute.js';

const GUINIER_POINT = recordSchema<GuinierPoint>()('GuinierPoint', {}, {
  inverseResolutionSquared: float('1/Å²'),
  lnAmplitude: float('ln of the mean amplitude |F| in the shell'),
  lnAmplitudeCorrected: float('same, of the sharpened map'),
  inFit: boolean('true when the shell is in the fit (15 Å ≥ d ≥ the reported resolution)'),
});

export const bFactorSection: SectionDeclaration<BFactorAnalysis> = {
  field: 'bFactor',
  id: '0.d',
  title: BFACTOR_TITLE,
  description: '0.d',
  record: sectionSchema<BFactorAnalysis>()('BFactorAnalysis', { description: '0.d B-factor analysis' }, {
    bFactor: float('Å², global B factor of the Guinier fit: 4 × slope (null when the fit could not be made)').orNull(),
    slope: float('Å²: slope of the Guinier fit (ln|F| against 1/d²)').orNull(),
    intercept: float('intercept of the Guinier fit: ln of the mean |F| at 1/d² = 0 (intercept of the fit of ln|F| vs 1/d², |F| in map units); null when the fit could not be made').orNull(),
    fitLowResolution: float('Å, low-resolution end of the Guinier fit'),
    fitHighResolution: float('Å, high-resolution end of the Guinier fit (the reported resolution)').orNull(),
    fitPoints: int('number of resolution shells in the fit'),
    guinier: list(object(GUINIER_POINT), 'Guinier curve: one point per resolution shell'),
    sharpenedSlices: list(object(IMAGE), 'maximum-variance slices of the sharpened map'),
  }),
  metric: {
    name: 'level0.bFactor',
    version: BFACTOR_VERSION,
    cost: 0.06, // CPU-s per million voxels (bench level0 at 200³: 0.49 CPU-s)
    memory: 5, // the spectrum, the sharpened map written into it: 3.8 B/voxel measured at 400³ (7.4 before)
    dependsOn: [],
    keyParams: ['resolution', 'voxelSize', 'profile'],
    compute(ctx) {
      const { voxelSize, resolution, profile } = ctx.params;
      return computeBFactor(ctx.volume.data, dimsOf(ctx), voxelSize, resolution, profile, putter(ctx));
    },
  } satisfies MetricDefinition<BFactorAnalysis>,
  empty: (status, reason) => emptySectionBase('0.d', BFACTOR_TITLE, status, reason),
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its B-factor (see Sec. ${n}).` },
  ranked: [{ path: 'bFactor', label: '0.d B-factor', unit: 'Å²', better: null }],
};

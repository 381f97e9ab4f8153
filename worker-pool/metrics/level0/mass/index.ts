/** 0.a Mass analysis: is the map centred in its box, with room around it for the CTF. */
import { object } from '../../record-schema.js';
import { VEC3, sectionSchema } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { MassAnalysis } from './record.js';
import { MASS_TITLE } from './texts.js';
import { dimsOf, masksOf } from '../support.js';
import { MASS_VERSION, computeMass } from './compute.js';

export const massSection: SectionDeclaration<MassAnalysis> = {
  field: 'mass',
  id: '0.a',
  title: MASS_TITLE,
  description: '0.a',
  record: sectionSchema<MassAnalysis>()('MassAnalysis', { description: '0.a Mass analysis (centring)' }, {
    leftSpace: object(VEC3, 'Å, empty space before the hard mask along x, y, z'),
    rightSpace: object(VEC3, 'Å, empty space after the hard mask'),
    decenteringRatio: object(VEC3, '%, |right − left| / size'),
    centerOfMass: object(VEC3, 'voxels, centre of mass of the whole map'),
    centerOfMassDecentering: object(VEC3, '%, |c − N/2| / N'),
  }),
  metric: {
    name: 'level0.mass',
    version: MASS_VERSION,
    cost: 0.01, // CPU-s per million voxels (bench level0 at 200³: 0.09 CPU-s)
    memory: 2, // ≤ 1.2 B/voxel measured at 256³ and 400³
    dependsOn: ['level0.masks'],
    keyParams: ['threshold', 'voxelSize', 'profile'],
    compute(ctx) {
      const m = masksOf(ctx);
      return computeMass(ctx.volume.data, dimsOf(ctx), m.hard, ctx.params.voxelSize, ctx.params.profile);
    },
  } satisfies MetricDefinition<MassAnalysis>,
  empty: (status, reason) => emptySectionBase('0.a', MASS_TITLE, status, reason),
  abstract: { ok: 'The map seems to be well centered.', warn: (n) => `The map seems to have some problem in its centering or extra space (see Sec. ${n}).` },
};

/**
 * The placement pre-check of Level A: a part of the level that is not graded (it is VRS's
 * condition for running Level A, not an analysis of its own), printed with the input data; every
 * Level A section depends on it and does not apply when the model is not placed.
 */
import { boolean, enumOf, float, int, list, object, recordSchema, string } from '../../record-schema.js';
import { SECTION_STATUS, VEC3 } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { inputModel } from '../../inputs.js';
import { mapGrid, PLACEMENT_METRIC } from '../model-grid.js';
import type { Placement, PlacementTrial } from './record.js';
import { PLACEMENT_METHOD, PLACEMENT_TITLE } from './texts.js';
import { PLACEMENT_VERSION, computePlacement } from './compute.js';

const TRIAL = recordSchema<PlacementTrial>()('PlacementTrial', { description: 'One frame the placement pre-check tried' }, {
  name: string('AS_GIVEN, HEADER_ORIGIN_NEGATED, ZERO, BOX_CENTRE, BOX_CENTRE_NEGATED, or TRANSLATION_SEARCH (the shift an FFT translation search found when no origin fits; reported, not applied)'),
  origin: object(VEC3, 'Å: where the map\'s first voxel is put in this trial'),
  shift: object(VEC3, 'Å added to the model\'s coordinates (the map\'s origin minus the trial\'s)'),
  atomsInside: int('atoms of the model inside the box'),
  ccMask: float('CC inside the model mask; null when no atom lies in the box').orNull(),
});

export const placementSection: SectionDeclaration<Placement> = {
  field: 'placement',
  id: null,
  title: PLACEMENT_TITLE,
  description: 'the placement pre-check: is the model in the map\'s frame (CC_mask ≥ 0.8), as given or at an alternative origin',
  record: recordSchema<Placement>()('ModelPlacement', { description: 'Level A placement pre-check (not graded)' }, {
    status: enumOf(SECTION_STATUS, 'OK: placed as given; WARNING: placed at an alternative origin; NOT_APPLICABLE: not placed or no resolution'),
    statusReason: string('what was found, in words').orNull(),
    placed: boolean('model placed in the map: true when it fits (CC_mask ≥ 0.8) as given or at an alternative origin'),
    chosen: string('the trial kept; null when none fits').orNull(),
    shift: object(VEC3, 'Å added to the model\'s coordinates by the Level A analyses'),
    ccMaskAsGiven: float('CC_mask with the model as given').orNull(),
    ccMask: float('CC_mask of the trial kept (the best trial when none fits)').orNull(),
    maskRadius: float('Å: radius of the mask around the atoms').orNull(),
    atoms: int('atoms in the model'),
    trials: list(object(TRIAL), 'the frames tried, in order'),
    trace: list(float('Å'), "x, y, z of each Cα (P of nucleotides) in model order, moved by shift, from the map's first voxel (the isosurface mesh's frame): the model drawn over the isosurface"),
    traceChainStarts: list(int('point index'), "index (in points) where each chain's trace starts"),
    explanation: string('the method, in words'),
  }),
  metric: {
    name: PLACEMENT_METRIC,
    version: PLACEMENT_VERSION,
    cost: 0.07, // CPU-s per million voxels (bench levelA, 7DDO in 256³: 1.1 CPU-s)
    dependsOn: [],
    keyParams: ['resolution', 'voxelSize'],
    inputs: ['map', 'model'],
    compute(ctx) {
      ctx.progress(0, 'placement');
      return computePlacement(ctx.volume, inputModel(ctx, PLACEMENT_METRIC), mapGrid(ctx), ctx.params.resolution);
    },
  } satisfies MetricDefinition<Placement>,
  empty: (status, reason) => ({
    status, statusReason: reason, placed: false, chosen: null, shift: { x: 0, y: 0, z: 0 }, ccMaskAsGiven: null, ccMask: null, maskRadius: null, atoms: 0,
    trials: [], trace: [], traceChainStarts: [], explanation: PLACEMENT_METHOD,
    id: '', title: PLACEMENT_TITLE, warnings: [], criteria: '', algorithm: '', algorithmVersion: '', computeMillis: null,
  }),
};

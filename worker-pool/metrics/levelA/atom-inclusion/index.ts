/** Atom inclusion (EMDB va): atoms inside the contour, all and backbone, per residue, and the curve over levels. */
import { float, int, list, object, recordSchema, string } from '../../record-schema.js';
import { sectionSchema, VEC3 } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { inputModel } from '../../inputs.js';
import { backboneFlags } from '../../../kernels/model/atoms.js';
import { PLACEMENT_METRIC } from '../model-grid.js';
import { analysisVolume, notApplicableReason, placementOf } from '../placed.js';
import type { AtomInclusionAnalysis, InclusionPoint, ResidueInclusion } from './record.js';
import { INCLUSION_TITLE } from './texts.js';
import { INCLUSION_ID, INCLUSION_VERSION, computeAtomInclusion, emptyInclusion } from './compute.js';

const POINT = recordSchema<InclusionPoint>()('InclusionPoint', { description: 'Atom inclusion at one contour level' }, {
  level: float('map units'),
  all: float('fraction of the non-hydrogen atoms where the map is above the level'),
  backbone: float('the same for the backbone atoms; null without backbone atoms').orNull(),
});

const RESIDUE = recordSchema<ResidueInclusion>()('ResidueInclusion', { description: 'The atom inclusion of one residue' }, {
  chain: string('chain id ("" for a blank one)'),
  number: int('author residue number'),
  name: string('residue name, e.g. ALA'),
  fraction: float('fraction of the residue\'s non-hydrogen atoms inside the contour; null when it has none').orNull(),
});

export const atomInclusionSection: SectionDeclaration<AtomInclusionAnalysis> = {
  field: 'atomInclusion',
  id: INCLUSION_ID,
  title: INCLUSION_TITLE,
  description: 'atom inclusion (EMDB va): the model\'s atoms inside the contour, all and backbone, per residue, and over 129 levels',
  record: sectionSchema<AtomInclusionAnalysis>()('AtomInclusionAnalysis', { description: 'Atom inclusion (as the EMDB validation analysis)' }, {
    contour: float('map units: the contour level (the level\'s threshold)').orNull(),
    shift: object(VEC3, 'Å added to the model\'s coordinates (the placement pre-check\'s choice)').orNull(),
    atoms: int('non-hydrogen atoms'),
    includedAtoms: int('atoms where the map is above the contour'),
    includedFraction: float('fraction of the atoms inside the contour: includedAtoms / atoms').orNull(),
    backboneAtoms: int('number of backbone atoms (N, CA, C, O, OXT; P, OP1, OP2, O5\', C5\', C4\', C3\', O3\')'),
    includedBackboneAtoms: int('backbone atoms where the map is above the contour'),
    backboneIncludedFraction: float('fraction of the backbone atoms inside the contour: includedBackboneAtoms / backboneAtoms').orNull(),
    curve: list(object(POINT), 'inclusion at 129 levels from the map\'s minimum to its maximum, the contour inserted'),
    residues: list(object(RESIDUE), 'every residue in model order'),
    poorlyIncludedResidues: int('residues with less than half of their atoms inside the contour'),
  }),
  metric: {
    name: 'levelA.atomInclusion',
    version: INCLUSION_VERSION,
    cost: 0.01, // CPU-s per million voxels (bench levelA, 7DDO in 256³: 0.09 CPU-s)
    dependsOn: [PLACEMENT_METRIC],
    keyParams: ['threshold', 'resolution', 'voxelSize'],
    inputs: ['map', 'model'],
    compute(ctx) {
      const placement = placementOf(ctx);
      const reason = notApplicableReason(ctx.params.resolution, placement);
      if (reason !== null) return emptyInclusion('NOT_APPLICABLE', reason);
      const model = inputModel(ctx, 'levelA.atomInclusion');
      return computeAtomInclusion(analysisVolume(ctx), model, backboneFlags(model.atomName, model.atomNames), placement.shift, ctx.params.threshold);
    },
  } satisfies MetricDefinition<AtomInclusionAnalysis>,
  empty: (status, reason) => emptyInclusion(status, reason),
  withoutCriteria: true,
  ranked: [{ path: 'includedFraction', label: 'A Atom inclusion', unit: '', better: 'higher' }],
};

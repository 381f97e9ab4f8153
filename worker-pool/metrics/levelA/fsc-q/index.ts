/**
 * A.b FSC-Q (Ramírez-Aportela et al. 2021): the local FSC of the map against the model map
 * relative to the half maps' local FSC, per atom and residue; needs the half maps (without them
 * the section is NOT_APPLICABLE, saying how to attach them).
 */
import { float, int, list, object, recordSchema, string } from '../../record-schema.js';
import { sectionSchema, VEC3 } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { inputModel } from '../../inputs.js';
import { halvesOf } from '../../level1/half-maps.js';
import { mapGrid, PLACEMENT_METRIC } from '../model-grid.js';
import { notApplicableReason, placementOf } from '../placed.js';
import type { FscQAnalysis, FscQBin, ResidueFscQ } from './record.js';
import { FSCQ_TITLE } from './texts.js';
import { FSCQ_VERSION, computeFscQ, emptyFscQ } from './compute.js';

export type { FscQAnalysis } from './record.js';
export { FSCQ_TITLE } from './texts.js';

const RESIDUE = recordSchema<ResidueFscQ>()('ResidueFscQ', { description: 'The FSC-Q of one residue' }, {
  chain: string('chain id ("" for a blank one)'),
  number: int('author residue number'),
  name: string('residue name, e.g. ALA'),
  fscQ: float('Å: mean FSC-Q of the residue\'s non-hydrogen atoms; null when none was measured').orNull(),
});

const BIN = recordSchema<FscQBin>()('FscQBin', { description: 'One bin of the histogram of the atoms\' FSC-Q' }, {
  low: float('lower edge (Å)'),
  high: float('upper edge (Å)'),
  atoms: int('atoms whose FSC-Q falls in the bin (the end bins take the values beyond)'),
});

const METRIC = 'levelA.fscQ';

export const fscQSection: SectionDeclaration<FscQAnalysis> = {
  field: 'fscQ',
  id: 'A.b',
  title: FSCQ_TITLE,
  description: 'A.b FSC-Q (Ramírez-Aportela et al. 2021): local resolution map vs model (FSC 0.67) minus that of the half maps (FSC 0.5), per atom and residue; needs the half maps',
  record: sectionSchema<FscQAnalysis>()('FscQAnalysis', { description: 'A.b FSC-Q' }, {
    resolution: float('Å: the reported resolution (it sets the box)').orNull(),
    shift: object(VEC3, 'Å added to the model\'s coordinates (the placement pre-check\'s choice)').orNull(),
    boxSize: float('Å: edge of the local-FSC box').orNull(),
    maskRadius: float('Å: voxels within this distance of an atom are analysed').orNull(),
    modelThreshold: float('FSC threshold of the map against the model map (0.67)'),
    halvesThreshold: float('FSC threshold of the half maps (0.5)'),
    atoms: int('non-hydrogen atoms inside the box, measured'),
    meanFscQ: float('Å: mean FSC-Q of the atoms').orNull(),
    meanAbsFscQ: float('Å: mean |FSC-Q| of the atoms').orNull(),
    meanFscQr: float('mean FSC-Qr (FSC-Q / the half maps\' local resolution)').orNull(),
    meanAbsFscQr: float('mean |FSC-Qr|').orNull(),
    percentAbove: float('% of the atoms with FSC-Q > 0.5 Å (not supported by the map)').orNull(),
    percentBelow: float('% of the atoms with FSC-Q < −0.5 Å (possible over-fitting)').orNull(),
    percentOutliers: float('% of the atoms with |FSC-Qr| > 1.5 (VRS criterion: at most 10)').orNull(),
    medianModelResolution: float('Å: median over the atoms of the local resolution map vs model map').orNull(),
    medianHalvesResolution: float('Å: median over the atoms of the half maps\' local resolution').orNull(),
    histogram: list(object(BIN), 'atoms per FSC-Q bin of 0.5 Å from −5 to 5 Å'),
    residues: list(object(RESIDUE), 'every residue in model order'),
    worstResidues: list(object(RESIDUE), 'the 10 residues of largest |FSC-Q|, largest first'),
  }),
  metric: {
    name: METRIC,
    version: FSCQ_VERSION,
    cost: 0.12, // CPU-s per million voxels (bench levelA, 7DDO in 256³ with two half maps: 1.9 CPU-s)
    dependsOn: [PLACEMENT_METRIC],
    keyParams: ['resolution', 'voxelSize'],
    inputs: ['map', 'half1', 'half2', 'model'],
    compute(ctx) {
      const placement = placementOf(ctx);
      const resolution = ctx.params.resolution;
      const reason = notApplicableReason(resolution, placement);
      if (reason !== null || resolution === null) return emptyFscQ('NOT_APPLICABLE', reason ?? '');
      const { half1, half2 } = halvesOf(ctx, METRIC);
      return computeFscQ(
        { map: ctx.volume.data, half1, half2, grid: mapGrid(ctx), model: inputModel(ctx, METRIC), shift: placement.shift, resolution },
        { onBand: (k, of) => ctx.progress(k / of, 'FSC-Q local FSC') },
      );
    },
  } satisfies MetricDefinition<FscQAnalysis>,
  empty: (status, reason) => emptyFscQ(status, reason),
  abstract: { ok: null, warn: (n) => `The model is not supported by the map's local resolution in many places: FSC-Q (see Sec. ${n}).` },
};

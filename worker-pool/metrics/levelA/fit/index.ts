/** A.a Map–model agreement: FSC, CCs (mtriage's definitions), per-chain and per-residue CC, d99. */
import { float, int, list, object, recordSchema, string } from '../../record-schema.js';
import { sectionSchema, VEC3 } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { inputModel } from '../../inputs.js';
import { mapGrid, placementOf, PLACEMENT_METRIC } from '../model-grid.js';
import type { ChainFit, FitAnalysis, FitFscPoint, ResidueFit } from './record.js';
import { FIT_TITLE } from './texts.js';
import { FIT_VERSION, computeFit, emptyFit } from './compute.js';

const FSC_POINT = recordSchema<FitFscPoint>()('FitFscPoint', { description: 'One Fourier shell of the map–model FSC' }, {
  frequency: float('1/Å, shell centre'),
  unmasked: float('FSC of the map and the model map over the whole box; null for an empty shell').orNull(),
  masked: float('the same with both maps multiplied by the soft mask around the atoms').orNull(),
});

const CHAIN_FIT = recordSchema<ChainFit>()('ChainFit', { description: 'The CC of one chain' }, {
  chain: string('chain id ("" for a blank one)'),
  residues: int('residues in the chain'),
  cc: float('CC inside the mask around the chain\'s atoms').orNull(),
});

const RESIDUE_FIT = recordSchema<ResidueFit>()('ResidueFit', { description: 'The CC of one residue' }, {
  chain: string('chain id'),
  number: int('author residue number'),
  name: string('residue name, e.g. ALA'),
  cc: float('CC inside the mask around the residue\'s atoms; null when too few voxels').orNull(),
});

export const fitSection: SectionDeclaration<FitAnalysis> = {
  field: 'fit',
  id: 'A.a',
  title: FIT_TITLE,
  description: 'A.a map–model agreement (FSC, CC_mask/box/volume/peaks, per-chain and per-residue CC, d99)',
  record: sectionSchema<FitAnalysis>()('MapModelFit', { description: 'A.a Map–model agreement' }, {
    resolution: float('Å: the resolution the model map was limited to').orNull(),
    shift: object(VEC3, 'Å added to the model\'s coordinates (the placement pre-check\'s choice)').orNull(),
    maskRadius: float('Å: mask radius around the atoms, max(3, min(10, max(resolution, d99, atom image radius)))').orNull(),
    atomRadius: float('Å: radius where a carbon atom\'s image (median B) falls to 1 % of its centre').orNull(),
    d99: float('Å: resolution at which the map truncated in Fourier space correlates 0.99 with the whole map').orNull(),
    ccMask: float('CC inside the mask around the atoms').orNull(),
    ccBox: float('CC over the whole box').orNull(),
    ccVolume: float('CC over the N highest points of the model map (N = voxels of the mask)').orNull(),
    ccPeaks: float('CC over the N highest points of the model map and of the map, united').orNull(),
    fsc05Unmasked: float('Å: map–model FSC = 0.5, whole box').orNull(),
    fsc0143Unmasked: float('Å: map–model FSC = 0.143, whole box').orNull(),
    fsc05Masked: float('Å: map–model FSC = 0.5, masked (the VRS criterion\'s d_FSC_model)').orNull(),
    fsc0143Masked: float('Å: map–model FSC = 0.143, masked').orNull(),
    fsc: list(object(FSC_POINT), 'the map–model FSC per shell, unmasked and masked'),
    chains: list(object(CHAIN_FIT), 'CC per chain'),
    residues: list(object(RESIDUE_FIT), 'CC per residue, in model order'),
    lowCcResidues: list(object(RESIDUE_FIT), 'the residues with CC < 0.5'),
    lowCcFraction: float('fraction of the residues with CC < 0.5').orNull(),
  }),
  metric: {
    name: 'levelA.fit',
    version: FIT_VERSION,
    cost: 0.21, // CPU-s per million voxels (bench levelA, 7DDO in 256³: 3.6 CPU-s)
    dependsOn: [PLACEMENT_METRIC],
    keyParams: ['resolution', 'voxelSize'],
    inputs: ['map', 'model'],
    compute(ctx) {
      ctx.progress(0, 'map–model fit');
      return computeFit(ctx.volume, inputModel(ctx, 'levelA.fit'), mapGrid(ctx), ctx.params.resolution, placementOf(ctx));
    },
  } satisfies MetricDefinition<FitAnalysis>,
  empty: (status, reason) => emptyFit(status, reason),
  abstract: { ok: 'The atomic model fits the map.', warn: (n) => `The fit of the atomic model to the map is questionable (see Sec. ${n}).` },
  ranked: [{ path: 'ccMask', label: 'A CC (mask)', unit: '', better: 'higher' }],
};

/** A.e Q-score: per atom and per residue, medians, the Q expected at the resolution, the worst residues. */
import { float, int, list, object, recordSchema, string } from '../../record-schema.js';
import { sectionSchema, VEC3 } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { inputModel } from '../../inputs.js';
import { PLACEMENT_METRIC } from '../model-grid.js';
import { analysisVolume, notApplicableReason, placementOf } from '../placed.js';
import type { QScoreAnalysis, QScoreBin, ResidueQScore } from './record.js';
import { QSCORE_TITLE } from './texts.js';
import { QSCORE_VERSION, computeQScore, emptyQScore } from './compute.js';

const RESIDUE_Q = recordSchema<ResidueQScore>()('ResidueQScore', { description: 'The Q-score of one residue' }, {
  chain: string('chain id ("" for a blank one)'),
  number: int('author residue number'),
  name: string('residue name, e.g. ALA'),
  q: float('mean Q of the residue\'s non-hydrogen atoms; null when none has a Q').orNull(),
});

const Q_BIN = recordSchema<QScoreBin>()('QScoreBin', { description: 'One bin of the histogram of the atoms\' Q-scores' }, {
  low: float('lower edge (Q)'),
  high: float('upper edge (Q; the last bin includes it)'),
  atoms: int('atoms whose Q falls in the bin'),
});

export const qScoreSection: SectionDeclaration<QScoreAnalysis> = {
  field: 'qScore',
  id: 'A.e',
  title: QSCORE_TITLE,
  description: 'A.e Q-score (Pintilie et al. 2020): per atom and per residue, medians, the Q expected at the resolution, histogram, worst residues',
  record: sectionSchema<QScoreAnalysis>()('QScoreAnalysis', { description: 'A.e Q-score' }, {
    resolution: float('Å: the reported resolution (for the expected Q)').orNull(),
    shift: object(VEC3, 'Å added to the model\'s coordinates (the placement pre-check\'s choice)').orNull(),
    sigma: float('Å: width of the reference Gaussian (0.6)'),
    referenceHeight: float('map units: height of the reference Gaussian (A = min(mean + 10 sd, max) − B)').orNull(),
    referenceOffset: float('map units: offset of the reference Gaussian (B = max(mean − sd, min))').orNull(),
    atoms: int('non-hydrogen atoms scored'),
    undefinedAtoms: int('atoms without a Q (the map does not vary around them)'),
    medianAtomQ: float('median Q of the atoms').orNull(),
    meanAtomQ: float('mean Q of the atoms').orNull(),
    medianResidueQ: float('median Q of the residues (VRS criterion: > 0.1)').orNull(),
    expectedQ: float('Q expected of a well-fitted protein model at the reported resolution: −0.1775·d + 1.1192 (MapQ)').orNull(),
    histogram: list(object(Q_BIN), 'atoms per Q bin of 0.1 from −1 to 1'),
    residues: list(object(RESIDUE_Q), 'every residue in model order'),
    worstResidues: list(object(RESIDUE_Q), 'the 10 residues of lowest Q, lowest first'),
  }),
  metric: {
    name: 'levelA.qScore',
    version: QSCORE_VERSION,
    cost: 0.03, // CPU-s per million voxels (bench levelA, 7DDO in 256³: 0.43 CPU-s)
    dependsOn: [PLACEMENT_METRIC],
    keyParams: ['resolution', 'voxelSize'],
    inputs: ['map', 'model'],
    compute(ctx) {
      const placement = placementOf(ctx);
      const reason = notApplicableReason(ctx.params.resolution, placement);
      if (reason !== null) return emptyQScore('NOT_APPLICABLE', reason);
      ctx.progress(0, 'Q-score');
      return computeQScore(analysisVolume(ctx), inputModel(ctx, 'levelA.qScore'), placement.shift, ctx.params.resolution);
    },
  } satisfies MetricDefinition<QScoreAnalysis>,
  empty: (status, reason) => emptyQScore(status, reason),
  abstract: { ok: null, warn: (n) => `The atoms of the model are poorly resolved in the map: the median Q-score is below 0.1 (see Sec. ${n}).` },
  ranked: [{ path: 'medianAtomQ', label: 'A Q-score median', unit: '', better: 'higher' }],
};

/**
 * A.b FSC-Q (Ramírez-Aportela et al. 2021: local FSC of the map against the model map relative to
 * the half maps' local FSC): not available in this version. Declared so that the CLI table, the
 * JSON, GraphQL and the report say so; it is never graded (NOT_APPLICABLE is not counted).
 */
import { sectionSchema } from '../../section-record.js';
import type { SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { levelSectionBase } from '../../level0/section.js';
import type { SectionBase } from '../../section-record.js';

export const FSCQ_TITLE = 'A.b FSC-Q';
export const FSCQ_NOT_AVAILABLE =
  'FSC-Q is not available in this version: it needs the half maps and local FSC maps of the map against the model map and of the ' +
  'half maps against each other (Ramírez-Aportela et al. 2021); it is not counted in the score.';

const TEXTS = {
  title: FSCQ_TITLE,
  explanation: 'FSC-Q compares, at each atom, the local FSC of the map against the model map with the local FSC between the half maps.',
  criteria: 'The validation is OK if at most 10 % of the atoms have |FSC-Qr| > 1.5.',
  algorithm: 'not available in this version',
  algorithmVersion: '0',
};

export type FscQAnalysis = SectionBase;

export const fscQSection: SectionDeclaration<FscQAnalysis> = {
  field: 'fscQ',
  id: 'A.b',
  title: FSCQ_TITLE,
  description: 'A.b FSC-Q (not available in this version: always NOT_APPLICABLE, not counted)',
  record: sectionSchema<FscQAnalysis>()('FscQAnalysis', { description: 'A.b FSC-Q (not available in this version)' }, {}),
  metric: {
    name: 'levelA.fscQ',
    version: '0',
    cost: 0, // CPU-s per million voxels (not available: answers at once)
    dependsOn: [],
    keyParams: [],
    inputs: ['map', 'model'],
    compute: () => levelSectionBase('A.b', TEXTS, [], { status: 'NOT_APPLICABLE', reason: FSCQ_NOT_AVAILABLE }),
  } satisfies MetricDefinition<FscQAnalysis>,
  empty: (status, reason) => levelSectionBase('A.b', TEXTS, [], { status, reason }),
};

/**
 * A toy level for the tests: loaded with VRS_METRIC_MODULES=dist/worker-pool/testing/toy-level/level.js,
 * it appears after Level 0 in GraphQL (`Map.toy`), in the JSON (`toy`), in the CLI table and in
 * the report, with nothing else written for it.
 */
import { checkLevel, type LevelDeclaration, type SectionDeclaration } from '../../metrics/levels.js';
import { toyCheckSection } from './check/index.js';

export const TOY_LEVEL: LevelDeclaration = checkLevel({
  id: 'T',
  field: 'toy',
  typeName: 'ToyLevel',
  chapterTitle: 'Toy analysis',
  description: 'The toy level of the tests',
  typeDescription: 'The toy level of the tests; each section is computed lazily, when selected',
  inputs: ['map'],
  params: 'mapAnalysis',
  sections: [toyCheckSection] as SectionDeclaration[],
  supportMetrics: [],
  noResolutionNotice: null,
});

export const levels = [TOY_LEVEL];

/**
 * Level A (the atomic model against the map), declared: the placement pre-check (not graded,
 * printed with the input data) and the graded sections in report order: A.a fit, A.b FSC-Q
 * (with the half maps; without them NOT_APPLICABLE, not counted), A.d map–model Guinier, A.e Q-score, A.h atom
 * inclusion (EMDB va's; VRS has none: no criterion, not counted).
 */
import { checkLevel, type LevelDeclaration, type SectionDeclaration } from '../levels.js';
import { placementSection } from './placement/index.js';
import { fitSection } from './fit/index.js';
import { fscQSection } from './fsc-q/index.js';
import { mapModelGuinierSection } from './guinier/index.js';
import { qScoreSection } from './q-score/index.js';
import { atomInclusionSection } from './atom-inclusion/index.js';
import { LEVEL_A_NO_RESOLUTION_NOTICE } from './texts.js';

export const LEVELA: LevelDeclaration = checkLevel({
  id: 'A',
  field: 'levelA',
  typeName: 'LevelA',
  chapterTitle: 'Level A analysis',
  description: 'Level A analyses of this map against its attached atomic model; sections are computed when selected',
  typeDescription: 'Level A analyses (the atomic model against the map); each section is computed lazily, when selected',
  inputs: ['map', 'model'],
  params: 'mapAnalysis',
  argDescriptions: {
    threshold: 'map units: the contour at which atom inclusion counts the atoms inside the map; default: the map contour level, else estimated',
    resolution: 'Å: the model map is made at this resolution and the fit, Q-score and Guinier sections use it; without it every Level A section is NOT_APPLICABLE; default: the reported resolution',
  },
  sections: [placementSection, fitSection, fscQSection, mapModelGuinierSection, qScoreSection, atomInclusionSection] as SectionDeclaration[],
  supportMetrics: [],
  noResolutionNotice: LEVEL_A_NO_RESOLUTION_NOTICE,
});

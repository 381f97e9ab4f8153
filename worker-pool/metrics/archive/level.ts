/**
 * The archive checks (EMDB validation analysis, higher-levels.md §7.1): what EMDB's va and the
 * wwPDB report show that VRS does not. One map, no criteria, not counted in the VRS score: the
 * summary gives them a line of their own (`unscoredLine`). Chapter 5 of the report.
 */
import { checkLevel, type LevelDeclaration, type SectionDeclaration } from '../levels.js';
import { distributionSection } from './distribution/index.js';
import { volumeSection } from './volume/index.js';
import { powerSpectrumSection } from './power-spectrum/index.js';
import { viewsSection } from './views/index.js';
import { archiveLine } from './texts.js';

export const ARCHIVE: LevelDeclaration = checkLevel({
  id: 'E',
  field: 'archive',
  typeName: 'ArchiveChecks',
  chapterTitle: 'Archive checks (EMDB validation analysis)',
  description: 'The checks EMDB shows beyond VRS (not counted in the VRS score); sections are computed when selected',
  typeDescription: 'Archive checks; each section is computed lazily, when selected',
  inputs: ['map'],
  params: 'mapAnalysis',
  sections: [distributionSection, volumeSection, powerSpectrumSection, viewsSection] as SectionDeclaration[],
  supportMetrics: [],
  noResolutionNotice: null,
  unscoredLine: archiveLine,
  vrsLevel: false,
});

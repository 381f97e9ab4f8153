/**
 * Level 1 (the two half maps), declared: its sections in report order and the metrics they
 * depend on. It runs when the map has both half maps (inputs half1, half2); without them its
 * sections are NOT_APPLICABLE, saying how to attach them. Adding a section = its folder, its
 * report file (report-renderer/sections/level1/<field>.ts) and one entry in `sections`.
 */
import { checkLevel, type LevelDeclaration, type SectionDeclaration } from '../levels.js';
import { masksMetric, softMaskMetric } from '../level0/support.js';
import { halfMapDataSection } from './input-data/index.js';
import { globalResolutionSection } from './global-resolution/index.js';
import { fscPermutationSection } from './fsc-permutation/index.js';
import type { FscPermutation } from './fsc-permutation/record.js';
import type { GlobalResolution } from './global-resolution/record.js';
import { resMapSection } from './resmap/index.js';
import { monoDirSection } from './monodir/index.js';
import { fsoSection } from './fso/index.js';
import { localFscSection } from './local-fsc/index.js';
import { monoResSection } from './monores/index.js';
import { directionalFscSection } from './directional-fsc/index.js';
import { LEVEL1_CHAPTER_TITLE, LEVEL1_NO_RESOLUTION_NOTICE } from './texts.js';

const graded = (s: { status?: string } | undefined) => s !== undefined && (s.status === 'OK' || s.status === 'WARNING');

export const LEVEL1: LevelDeclaration = checkLevel({
  id: '1',
  field: 'level1',
  typeName: 'Level1',
  chapterTitle: LEVEL1_CHAPTER_TITLE,
  description: 'Level 1 analyses of this map and its two half maps; sections are computed when selected (NOT_APPLICABLE until half maps are attached)',
  typeDescription: 'Level 1 (half maps) analyses; each section is computed lazily, when selected',
  inputs: ['map', 'half1', 'half2'],
  params: 'mapAnalysis',
  argDescriptions: {
    threshold: "map units, on the map (not the half maps): Level 0's masks at this threshold are 1.a's soft mask (masked and corrected FSC) and 1.c/1.e's hard mask; default: the map contour level, else estimated",
    resolution: 'Å, the reported resolution: graded against 1.a (FSC, DPR, SSNR), 1.b and 1.h (warning below 0.8 × an estimate) and against the percentiles of 1.c/1.e; sets 1.c\'s box (6·R) and 1.e\'s sweep (from max(10, 5·R)); without it 1.c, 1.e and 1.h are NOT_APPLICABLE; default: the reported resolution',
  },
  sections: [
    halfMapDataSection,
    globalResolutionSection,
    fscPermutationSection,
    localFscSection,
    resMapSection,
    monoResSection,
    monoDirSection,
    fsoSection,
    directionalFscSection,
  ] as SectionDeclaration[],
  // the soft mask of 1.a is Level 0's (registered by Level 0 too; listed so Level 1 stands alone)
  supportMetrics: [masksMetric, softMaskMetric],
  noResolutionNotice: LEVEL1_NO_RESOLUTION_NOTICE,
  // the global estimates: FSC 0.143 (corrected), DPR and SSNR of 1.a, 1 % FDR of 1.b
  resolutionEstimates(sections) {
    const g = sections.globalResolution as GlobalResolution | undefined;
    const p = sections.fscPermutation as FscPermutation | undefined;
    const all = [
      ...(graded(g) ? [g!.resolution0143, g!.resolutionDpr, g!.resolutionSsnr] : []),
      ...(graded(p) ? [p!.resolution] : []),
    ];
    return all.filter((r): r is number => r !== null);
  },
});

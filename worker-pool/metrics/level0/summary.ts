/**
 * The Level 0 summary (level0.md §2.3, §0 item 9): per-section status, the warnings by
 * section, the abstract sentences, the score = sections passing / sections evaluable, and
 * the resolution-estimates line. Evaluable = a section that ran its automatic criteria
 * (status OK or WARNING); "does not apply", failed and pending sections are not counted.
 */
import type { Level0Summary, SectionBase, SectionSummary, SectionWarnings } from './types.js';
import { ABSTRACT, NO_RESOLUTION_NOTICE, resolutionSentence, scoreSentence } from './texts.js';

export const SUMMARY_VERSION = '1';

export interface SummaryInput {
  /** Sections in report order (0.a …); sections not yet computed are simply left out. */
  sections: SectionBase[];
  /** Å, every resolution estimate made by the analyses (Level 0: the 0.e median). */
  resolutionEstimates: number[];
  /** Å, the user's resolution, or null. */
  reportedResolution: number | null;
  /** Sections that ran but have no automatic criteria (VRS passes None): shown OK, not counted. */
  withoutCriteria?: string[];
}

export function isEvaluable(s: SectionBase, withoutCriteria: string[] = []): boolean {
  return (s.status === 'OK' || s.status === 'WARNING') && !withoutCriteria.includes(s.id);
}

export function summarize(input: SummaryInput): Level0Summary {
  const noCriteria = input.withoutCriteria ?? [];
  const sections: SectionSummary[] = [];
  const warnings: SectionWarnings[] = [];
  const abstract: string[] = [];
  let score = 0;
  let evaluable = 0;
  for (const s of input.sections) {
    const counted = isEvaluable(s, noCriteria);
    sections.push({ id: s.id, title: s.title, status: s.status, warningCount: s.warnings.length, counted });
    if (!counted) continue;
    evaluable++;
    if (s.warnings.length === 0) score++;
    else warnings.push({ id: s.id, title: s.title, warnings: [...s.warnings] });
    const words = ABSTRACT[s.id];
    if (!words) continue;
    const sentence = s.warnings.length === 0 ? words.ok : words.warn;
    if (sentence) abstract.push(sentence);
  }
  let resolutionEstimates: Level0Summary['resolutionEstimates'] = null;
  let resolutionOverestimated = false;
  const est = input.resolutionEstimates.filter((r) => Number.isFinite(r));
  if (est.length > 0) {
    const mean = est.reduce((a, b) => a + b, 0) / est.length;
    resolutionEstimates = { min: Math.min(...est), max: Math.max(...est), mean };
    resolutionOverestimated = input.reportedResolution !== null && input.reportedResolution < 0.8 * mean;
    abstract.push(resolutionSentence(resolutionEstimates.min, resolutionEstimates.max, mean, input.reportedResolution, resolutionOverestimated));
  }
  if (input.reportedResolution === null) abstract.push(NO_RESOLUTION_NOTICE);
  return {
    score,
    evaluable,
    sections,
    warnings,
    abstract,
    resolutionEstimates,
    resolutionOverestimated,
    scoreSentence: scoreSentence(score, evaluable),
  };
}

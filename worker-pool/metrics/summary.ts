/**
 * A level's summary (level0.md §2.3, §0 item 9): per-section status, the warnings by
 * section, the abstract sentences, the score = sections passing / sections evaluable, and
 * the resolution-estimates line. Evaluable = a section that ran its automatic criteria
 * (status OK or WARNING); "does not apply", failed and pending sections are not counted.
 * The sentences come from the sections' declarations, numbered by their place in the lists.
 */
import type { Level0Summary, ResolutionEstimates, SectionSummary, SectionWarnings } from './level0/types.js';
import { SECTION_STATUS, type ContourSource, type SectionBase } from './section-record.js';
import { boolean, enumOf, float, int, list, object, recordSchema, string, type ObjectSchema } from './record-schema.js';
import { NO_RESOLUTION_NOTICE, resolutionSentence, scoreSentence } from './level0/texts.js';
import { gradedSections, sectionNumber, type LevelDeclaration, type ResolutionEstimate } from './levels.js';

/** The abstract sentences of a level's graded sections by section id, numbered as in the report. */
export type Abstracts = Record<string, { ok: string | null; warn: string }>;

export function levelAbstracts(levels: readonly LevelDeclaration[], level: LevelDeclaration): Abstracts {
  const out: Abstracts = {};
  for (const s of gradedSections(level)) {
    if (s.abstract) out[s.id!] = { ok: s.abstract.ok, warn: s.abstract.warn(sectionNumber(levels, level, s)!) };
  }
  return out;
}

export const SUMMARY_VERSION = '1';

export interface SummaryInput {
  /** Sections in report order (0.a …); sections not yet computed are simply left out. */
  sections: SectionBase[];
  /** Every resolution estimate made by the analyses (Level 0: 0.e's median and 2.5–97.5 % range); a number is a single value in Å. */
  resolutionEstimates: (ResolutionEstimate | number)[];
  /** Å, the user's resolution, or null. */
  reportedResolution: number | null;
  /** Sections that ran but have no automatic criteria (VRS passes None): shown OK, not counted. */
  withoutCriteria?: string[];
  /** The sections' sentences (levelAbstracts). */
  abstracts: Abstracts;
  /** Said when the user gave no resolution (default: Level 0's notice; null: nothing). */
  noResolutionNotice?: string | null;
  /** The threshold the masks were made at and where it came from (absent: not said). */
  threshold?: { value: number; source: ContourSource };
  /** Said when the threshold was estimated (null or absent: nothing). */
  estimatedThresholdNotice?: ((threshold: number) => string) | null;
  /** A level outside the VRS score: its line in place of the score sentence (e.g. archiveLine). */
  unscoredLine?: (computed: number, total: number) => string;
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
    const words = input.abstracts[s.id];
    if (!words) continue;
    const sentence = s.warnings.length === 0 ? words.ok : words.warn;
    if (sentence) abstract.push(sentence);
  }
  let resolutionEstimates: Level0Summary['resolutionEstimates'] = null;
  let resolutionOverestimated = false;
  const estimates = input.resolutionEstimates
    .map((e) => (typeof e === 'number' ? { label: 'estimate', median: e, p2_5: null, p97_5: null } : e))
    .filter((e) => Number.isFinite(e.median));
  if (estimates.length > 0) {
    // min, max and mean over the estimates' medians (the schema's resolutionEstimates; VRS's over-estimation rule)
    const est = estimates.map((e) => e.median);
    const mean = est.reduce((a, b) => a + b, 0) / est.length;
    resolutionEstimates = { min: Math.min(...est), max: Math.max(...est), mean };
    resolutionOverestimated = input.reportedResolution !== null && input.reportedResolution < 0.8 * mean;
    abstract.push(resolutionSentence(estimates, input.reportedResolution, resolutionOverestimated));
  }
  if (input.threshold?.source === 'ESTIMATED' && input.estimatedThresholdNotice) abstract.push(input.estimatedThresholdNotice(input.threshold.value));
  const notice = input.noResolutionNotice === undefined ? NO_RESOLUTION_NOTICE : input.noResolutionNotice;
  if (input.reportedResolution === null && notice) abstract.push(notice);
  return {
    score,
    evaluable,
    sections,
    warnings,
    abstract,
    resolutionEstimates,
    resolutionOverestimated,
    scoreSentence: input.unscoredLine
      ? input.unscoredLine(input.sections.filter((s) => s.status === 'OK' || s.status === 'WARNING').length, input.sections.length)
      : scoreSentence(score, evaluable),
  };
}

const SECTION_SUMMARY = recordSchema<SectionSummary>()('SectionSummary', {}, {
  id: string('section number, e.g. "0.c"'),
  title: string("the section's title"),
  status: enumOf(SECTION_STATUS, "the section's status"),
  warningCount: int('number of warnings'),
  counted: boolean('true when the section counts in the score (OK or WARNING, with automatic criteria)'),
});

const SECTION_WARNINGS = recordSchema<SectionWarnings>()('SectionWarnings', {}, {
  id: string('section number, e.g. "0.c"'),
  title: string("the section's title"),
  warnings: list(string(), "the section's warnings, in words"),
});

const RESOLUTION_ESTIMATES = recordSchema<ResolutionEstimates>()('ResolutionEstimates', { description: 'Å' }, {
  min: float('Å'),
  max: float('Å'),
  mean: float('Å'),
});

/** The schema of a level's summary; each level's GraphQL type is named after it (`Level0Summary`). */
export function summarySchema(typeName: string): ObjectSchema<Level0Summary> {
  return recordSchema<Level0Summary>()(`${typeName}Summary`, {}, {
    score: int('sections passing (evaluable with no warning)'),
    evaluable: int('sections counted in the score (OK or WARNING, with automatic criteria)'),
    sections: list(object(SECTION_SUMMARY), 'every section with its status, in report order'),
    warnings: list(object(SECTION_WARNINGS), 'the counted sections that have warnings, with their warnings'),
    abstract: list(string(), 'the summary sentences, in report order'),
    resolutionEstimates: object(RESOLUTION_ESTIMATES, 'min, max and mean of the resolution estimates; null when there are none').orNull(),
    resolutionOverestimated: boolean('true when the reported resolution is below 0.8 × the mean estimate'),
    scoreSentence: string('the score, in words'),
  });
}

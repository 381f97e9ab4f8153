/** Shared builder of the SectionBase fields, so every section fills them the same way. */
import type { SectionBase, SectionStatus } from '../section-record.js';

/** The ids of the graded Level 0 sections. */
export type SectionId = '0.a' | '0.b' | '0.c' | '0.d' | '0.e' | '0.f' | '0.g' | '0.h';

/** A section's fixed words (from its texts.ts) and its algorithm. */
export interface SectionTexts {
  /**
   * The title, id included, printed once: "0.a Mass analysis" in the section table, "2.1 Level
   * 0.a Mass analysis" as the heading. It names what is measured, not the method (0.e is MonoRes
   * and 0.h helix template matching here, not VRS's DeepRes and Deep Hand; level0.md Decisions 2
   * and 3): the method is named in the section's text and `algorithm`.
   */
  title: string;
  explanation: string;
  criteria: string;
  algorithm: string;
  algorithmVersion: string;
}

/** Status from the warnings (VRS: any warning → "N warnings"), unless a status is forced. */
export function sectionBase(
  id: SectionId | (string & {}),
  texts: SectionTexts,
  warnings: string[],
  forced?: { status: SectionStatus; reason: string },
): SectionBase {
  return levelSectionBase(id, texts, warnings, forced);
}

/** The same for a section of any level (its id, e.g. 'A.a', checked by its level's declaration). */
export function levelSectionBase(
  id: string,
  texts: SectionTexts,
  warnings: string[],
  forced?: { status: SectionStatus; reason: string },
): SectionBase {
  return {
    id,
    title: texts.title,
    status: forced?.status ?? (warnings.length > 0 ? 'WARNING' : 'OK'),
    warnings,
    explanation: texts.explanation,
    criteria: texts.criteria,
    algorithm: texts.algorithm,
    algorithmVersion: texts.algorithmVersion,
    computeMillis: null,
    statusReason: forced?.reason ?? null,
  };
}

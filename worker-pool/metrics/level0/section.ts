/** Shared builder of the SectionBase fields, so every section fills them the same way. */
import type { SectionBase, SectionStatus } from './types.js';
import { TITLES, type SectionId } from './texts.js';

export interface SectionTexts {
  explanation: string;
  criteria: string;
  algorithm: string;
  algorithmVersion: string;
}

/** Status from the warnings (VRS: any warning → "N warnings"), unless a status is forced. */
export function sectionBase(
  id: SectionId,
  texts: SectionTexts,
  warnings: string[],
  forced?: { status: SectionStatus; reason: string },
): SectionBase {
  return {
    id,
    title: TITLES[id],
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

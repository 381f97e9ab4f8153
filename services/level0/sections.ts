/**
 * Level 0 section fields ↔ metric names (worker-pool/metrics/level0): every section field of
 * the record (placeholder.ts SECTION_FIELDS) plus the summary; one field, one metric, named
 * `level0.<field>`.
 */
import { SECTION_FIELDS, type SectionField } from '../../worker-pool/metrics/level0/placeholder.js';

export type Level0SectionField = SectionField | 'summary';

export const LEVEL0_SECTIONS = Object.fromEntries(
  [...Object.keys(SECTION_FIELDS), 'summary'].map((field) => [field, `level0.${field}`]),
) as Readonly<Record<Level0SectionField, string>>;

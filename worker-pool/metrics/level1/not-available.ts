/**
 * Level 1 sections declared but not built in this version (1.d ResMap, 1.f MonoDir, 1.g FSO):
 * their metric answers a NOT_APPLICABLE record at once (stored like any result, costing nothing),
 * so the table, JSON, graph and report say "not available in this version" and the score does
 * not count them. Building one = replacing its folder's declaration.
 */
import { emptySectionBase, type SectionDeclaration } from '../levels.js';
import { sectionSchema, type SectionBase } from '../section-record.js';
import type { MetricDefinition } from '../types.js';

export const NOT_AVAILABLE_REASON = 'This analysis is not available in this version.';

export interface NotAvailableSection extends SectionBase {}

export function notAvailableSection(field: string, id: string, title: string, typeName: string, what: string): SectionDeclaration<NotAvailableSection> {
  const empty = (status: 'FAILED' | 'NOT_APPLICABLE', reason: string) => emptySectionBase(id, title, status, reason);
  return {
    field,
    id,
    title,
    description: `${id} (${what}); not available in this version: always NOT_APPLICABLE`,
    record: sectionSchema<NotAvailableSection>()(typeName, { description: `${title}: not available in this version` }, {}),
    metric: {
      name: `level1.${field}`,
      version: '0',
      cost: 0, // CPU-s per million voxels (not available: answers at once)
      dependsOn: [],
      keyParams: [],
      // reads nothing: no half map is loaded for it
      compute: () => ({ ...empty('NOT_APPLICABLE', NOT_AVAILABLE_REASON), algorithm: what }),
    } satisfies MetricDefinition<NotAvailableSection>,
    empty,
  };
}

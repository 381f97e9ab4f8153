/**
 * The record of 0.h Hand. Field names are the public contract (../shared/spec/graphql.md):
 * the GraphQL type is derived from the schema in index.ts, and `vrs validate --json` writes the
 * record as it is. Units are in the comments; every number the VRS report prints has a field.
 */
import type { SectionBase } from '../../section-record.js';

export interface HandAnalysis extends SectionBase {
  /** 0 = correct hand, 1 = mirrored; null when it could not be measured */
  score: number | null;
  helicesFound: number;
  evidence: string[];
}

/**
 * The record of 0.h Hand. Field names are the public contract (../shared/spec/graphql.md):
 * the GraphQL type is derived from the schema in index.ts, and `vrs validate --json` writes the
 * record as it is. Units are in the comments; every number the VRS report prints has a field.
 */
import type { SectionBase } from '../../section-record.js';

export interface HandAnalysis extends SectionBase {
  /** 0 = correct hand, 1 = mirrored; null when it could not be measured */
  score: number | null;
  /** tubes that voted (the same as tubesUsed; kept for the contract) */
  helicesFound: number;
  evidence: string[];
  /** density tubes of 8 Å or more found inside the mask */
  tubesFound: number;
  /** tubes that matched an α-helix and voted */
  tubesUsed: number;
  /** weighted mean of the tubes' hand evidence Δ (> 0: right-handed); null when no tube votes */
  weightedScore: number | null;
  /** 2Φ(|z|) − 1 of the vote, 0–1 (below MEDIUM_CONFIDENCE the section is FAILED, score null); null when no tube votes */
  confidence: number | null;
}

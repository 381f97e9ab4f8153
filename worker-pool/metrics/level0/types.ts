/**
 * Level 0's result as a whole (Level0Result: one record per section, the summary) and the
 * summary's types. Each section's record interface is in its folder's record.ts (the local
 * analyses 0.e–0.g share local-record.ts). Field names are the public contract
 * (../shared/spec/graphql.md), and `vrs validate --json` writes them as they are.
 */
import type { CriteriaProfile } from '../types.js';
import type { InputData } from './input-data/record.js';
import type { MassAnalysis } from './mass/record.js';
import type { MaskAnalysis } from './mask/record.js';
import type { BackgroundAnalysis } from './background/record.js';
import type { BFactorAnalysis } from './bfactor/record.js';
import type { LocalAnalysis } from './local-record.js';
import type { HandAnalysis } from './hand/record.js';

export type { ContourSource, Image, SectionBase, SectionStatus } from '../section-record.js';
import type { ContourSource, SectionStatus } from '../section-record.js';

// ---- summary -----------------------------------------------------------------------------
export interface SectionSummary {
  id: string;
  title: string;
  status: SectionStatus;
  warningCount: number;
  counted: boolean;
}

export interface SectionWarnings {
  id: string;
  title: string;
  warnings: string[];
}

export interface ResolutionEstimates {
  /** Å */
  min: number;
  max: number;
  mean: number;
}

export interface Level0Summary {
  /** sections passing (evaluable with no warning) */
  score: number;
  evaluable: number;
  sections: SectionSummary[];
  warnings: SectionWarnings[];
  abstract: string[];
  resolutionEstimates: ResolutionEstimates | null;
  resolutionOverestimated: boolean;
  scoreSentence: string;
}

export interface Level0Result {
  /** Å per voxel the analyses used */
  voxelSize: number;
  threshold: number;
  thresholdSource: ContourSource;
  resolution: number | null;
  profile: CriteriaProfile;
  inputData: InputData;
  mass: MassAnalysis;
  mask: MaskAnalysis;
  background: BackgroundAnalysis;
  bFactor: BFactorAnalysis;
  localResolution: LocalAnalysis;
  localBFactor: LocalAnalysis;
  localOccupancy: LocalAnalysis;
  hand: HandAnalysis;
  summary: Level0Summary;
}

/**
 * The record of 0.b Mask analysis. Field names are the public contract (../shared/spec/graphql.md):
 * the GraphQL type is derived from the schema in index.ts, and `vrs validate --json` writes the
 * record as it is. Units are in the comments; every number the VRS report prints has a field.
 */
import type { Image, SectionBase } from '../../section-record.js';

export interface ComponentRow {
  voxels: number;
  /** Å³ */
  volume: number;
  /** % of the raw mask */
  percentage: number;
  /** % cumulative */
  cumulativePercentage: number;
}

export interface MassTableRow {
  /** map units */
  threshold: number;
  /** voxels with value > threshold */
  voxels: number;
  molecularMassKDa: number;
  aminoAcids: number;
}

export interface MaskAnalysis extends SectionBase {
  connectedComponents: number;
  totalVoxels: number;
  /** Å³ */
  totalVolume: number;
  /** Sorted components up to 95 % of the raw mask or the first 100. */
  components: ComponentRow[];
  componentsTo95: number;
  remainingComponents: number;
  /** voxels */
  remainingAverageVoxels: number;
  /** Å³ (vrs-2024: Ts³, the VRS bug) */
  remainingAverageVolume: number;
  /** voxels (standard: largest component not included; vrs-2024: last included, as VRS) */
  remainingMaxVoxels: number;
  /** voxels, smallest component */
  remainingMinVoxels: number;
  /** Å³, remainingMaxVoxels·Ts³ (both profiles; the Ts³ quirk is only in the average) */
  remainingMaxVolume: number;
  /** Å³, remainingMinVoxels·Ts³ */
  remainingMinVolume: number;
  /** % of the raw mask outside the largest component (standard criterion 2). */
  percentOutsideLargest: number;
  massTable: MassTableRow[];
  hardMaskVoxels: number;
  /** Å³ */
  hardMaskVolume: number;
  /** |raw ∧ hard| / |raw| in [0, 1] */
  overlap: number;
  rawMaskSlices: Image[];
}

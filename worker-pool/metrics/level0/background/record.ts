/**
 * The record of 0.c Background analysis. Field names are the public contract (../shared/spec/graphql.md):
 * the GraphQL type is derived from the schema in index.ts, and `vrs validate --json` writes the
 * record as it is. Units are in the comments; every number the VRS report prints has a field.
 */
import type { Image, SectionBase } from '../../section-record.js';

export interface BackgroundAnalysis extends SectionBase {
  tStatistic: number;
  pValue: number;
  mean: number;
  /** population standard deviation (ddof 0) */
  standardDeviation: number;
  backgroundVoxels: number;
  /** % of background voxels with |v| > 5σ */
  percentBeyond5Sigma: number;
  /** % expected for a Gaussian: 100·2Φ(−5) */
  percentGaussian: number;
  ratio: number;
  outlierSlices: Image[];
}

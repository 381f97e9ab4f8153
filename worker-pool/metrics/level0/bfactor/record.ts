/**
 * The record of 0.d B-factor analysis. Field names are the public contract (../shared/spec/graphql.md):
 * the GraphQL type is derived from the schema in index.ts, and `vrs validate --json` writes the
 * record as it is. Units are in the comments; every number the VRS report prints has a field.
 */
import type { Image, SectionBase } from '../../section-record.js';

export interface GuinierPoint {
  /** 1/Å² */
  inverseResolutionSquared: number;
  /** ln of the mean amplitude |F| in the shell */
  lnAmplitude: number;
  /** same, of the sharpened map */
  lnAmplitudeCorrected: number;
  inFit: boolean;
}

export interface BFactorAnalysis extends SectionBase {
  /** Å², 4 × slope (null when the fit could not be made) */
  bFactor: number | null;
  /** Å² per unit of ln|F|: slope of ln|F| vs 1/d² */
  slope: number | null;
  intercept: number | null;
  /** Å (15) */
  fitLowResolution: number;
  /** Å (the reported resolution) */
  fitHighResolution: number | null;
  fitPoints: number;
  guinier: GuinierPoint[];
  sharpenedSlices: Image[];
}

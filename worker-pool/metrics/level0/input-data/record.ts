/**
 * The record of the input map's figures (not graded). Field names are the public contract (../shared/spec/graphql.md):
 * the GraphQL type is derived from the schema in index.ts, and `vrs validate --json` writes the
 * record as it is. Units are in the comments; every number the VRS report prints has a field.
 */
import type { Image } from '../../section-record.js';

export interface InputData {
  centralSlices: Image[];
  maxVarianceSlices: Image[];
  projections: Image[];
  hardMaskSlices: Image[];
  softMaskSlices: Image[];
  /** Isosurface views (made by the report renderer); empty until rendered. */
  isosurfaceViews: Image[];
}

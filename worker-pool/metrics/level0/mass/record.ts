/**
 * The record of 0.a Mass analysis. Field names are the public contract (../shared/spec/graphql.md):
 * the GraphQL type is derived from the schema in index.ts, and `vrs validate --json` writes the
 * record as it is. Units are in the comments; every number the VRS report prints has a field.
 */
import type { Vec3 } from '../../../volume.js';
import type { SectionBase } from '../../section-record.js';

export interface MassAnalysis extends SectionBase {
  /** Å, empty space before the hard mask along x, y, z. */
  leftSpace: Vec3;
  /** Å, empty space after the hard mask (profile rule, see level0.md decisions). */
  rightSpace: Vec3;
  /** %, |right − left| / size. */
  decenteringRatio: Vec3;
  /** voxels, centre of mass of the whole map (signed values). */
  centerOfMass: Vec3;
  /** %, |c − N/2| / N. */
  centerOfMassDecentering: Vec3;
}

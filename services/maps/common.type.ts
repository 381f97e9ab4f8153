/**
 * GraphQL value types shared by the subgraphs (Vec3, Dim3, enums). A value type that two
 * subgraphs both declare must be identical in both and its fields `@shareable` (Fed 2 rule).
 */
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ContourSource {
  USER = 'USER',
  EMDB_HEADER = 'EMDB_HEADER',
  ESTIMATED = 'ESTIMATED',
}
registerEnumType(ContourSource, {
  name: 'ContourSource',
  description: 'Where a threshold came from: given by the user, read from the EMDB header, or estimated from the map',
});

/** GraphQL names are the keys; internal values are the profile names of worker-pool/metrics/types.ts. */
export enum CriteriaProfile {
  STANDARD = 'standard',
  VRS_2024 = 'vrs-2024',
}
registerEnumType(CriteriaProfile, {
  name: 'CriteriaProfile',
  description: 'Which set of automatic criteria grades the sections (see spec/level0.md)',
});

@Directive('@shareable')
@ObjectType({ description: 'A vector along x, y, z; the unit is in the field that uses it' })
export class Vec3 {
  @Field(() => Float) x!: number;
  @Field(() => Float) y!: number;
  @Field(() => Float) z!: number;
}

@Directive('@shareable')
@ObjectType({ description: 'Voxel counts along x, y, z' })
export class Dim3 {
  @Field(() => Int, { description: 'voxels along x' }) x!: number;
  @Field(() => Int, { description: 'voxels along y' }) y!: number;
  @Field(() => Int, { description: 'voxels along z' }) z!: number;
}

/** A SHA-256 map id: 64 lowercase hex digits. */
export const MAP_ID_PATTERN = /^[0-9a-f]{64}$/;

export enum JobState {
  NOT_STARTED = 'NOT_STARTED',
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(JobState, { name: 'JobState', description: 'Where a background job (a section, a report) stands' });

@Directive('@shareable')
@ObjectType('Error', { description: 'A stable error code (see the error catalogue) and a sentence saying what to do' })
export class ErrorInfo {
  @Field() code!: string;
  @Field() message!: string;
}

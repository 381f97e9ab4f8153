/**
 * GraphQL value types shared by the subgraphs (Vec3, Dim3, enums). A value type that two
 * subgraphs both declare must be identical in both and its fields `@shareable` (Fed 2 rule).
 */
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CONTOUR_SOURCE, type ContourSource as ContourSourceValue } from '../../worker-pool/metrics/section-record.js';
import { CRITERIA_PROFILE } from '../../worker-pool/metrics/profile.js';
import { ERROR_CATALOGUE, type ErrorCode as ErrorCodeValue } from '../../worker-pool/errors.js';
import { defineEnum } from '../../worker-pool/metrics/record-schema.js';
import type { CriteriaProfile as CriteriaProfileValue } from '../../worker-pool/metrics/types.js';
import { graphqlEnum } from './graphql-enums.js';

/** Declared once in worker-pool/metrics/section-record.ts. */
export const ContourSource = graphqlEnum(CONTOUR_SOURCE) as { readonly [K in ContourSourceValue]: K };
export type ContourSource = ContourSourceValue;

/** Declared once in worker-pool/metrics/profile.ts: GraphQL names are the keys, the profile names the values. */
export const CriteriaProfile = graphqlEnum(CRITERIA_PROFILE) as { readonly STANDARD: 'standard'; readonly VRS_2024: 'vrs-2024' };
export type CriteriaProfile = CriteriaProfileValue;

@Directive('@shareable')
@ObjectType({ description: 'A vector along x, y, z; the unit is in the field that uses it' })
export class Vec3 {
  @Field(() => Float, { description: 'x component' }) x!: number;
  @Field(() => Float, { description: 'y component' }) y!: number;
  @Field(() => Float, { description: 'z component' }) z!: number;
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
registerEnumType(JobState, {
  name: 'JobState',
  description: 'Where a background job (a section, a report) stands',
  valuesConfig: {
    NOT_STARTED: { description: 'not started yet' },
    QUEUED: { description: 'waiting for a worker' },
    RUNNING: { description: 'being computed' },
    DONE: { description: 'finished; the result is stored' },
    FAILED: { description: 'could not be computed; see the error' },
  },
});

/** The error catalogue (worker-pool/errors.ts) as a GraphQL enum: each code described by its catalogue sentence. */
const codes = Object.keys(ERROR_CATALOGUE) as ErrorCodeValue[];
export const ErrorCode = graphqlEnum(defineEnum(
  'ErrorCode',
  "A stable error code: the same in Error.code, in an answer's errors[].extensions.code and on the command line (worker-pool/errors.ts)",
  Object.fromEntries(codes.map((c) => [c, c])) as Record<ErrorCodeValue, ErrorCodeValue>,
  Object.fromEntries(codes.map((c) => [c, ERROR_CATALOGUE[c].text])) as Record<ErrorCodeValue, string>,
));
export type ErrorCode = ErrorCodeValue;

@Directive('@shareable')
@ObjectType('Error', { description: 'A stable error code (see the error catalogue) and a sentence saying what to do' })
export class ErrorInfo {
  @Field(() => ErrorCode, { description: 'stable error code of the catalogue (enum ErrorCode), e.g. THRESHOLD_EMPTY_MASK' }) code!: ErrorCode;
  @Field({ description: 'what went wrong and what to do, in words' }) message!: string;
}

/**
 * The per-section computation state, for dashboards that poll (the levels' own types, their
 * summaries and sections are built from the record schemas: record-types.ts).
 */
import { Field, Float, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ErrorInfo, JobState } from '../maps/common.type.js';
import type { SectionStateRecord } from './service-types.js';

@ObjectType({ description: "A section's computation state, for dashboards that poll" })
export class SectionProgress implements Omit<SectionStateRecord, 'state'> {
  @Field({ description: 'field name in Level0, e.g. "bFactor"' }) section!: string;
  @Field({ description: 'metric name, e.g. "level0.bFactor"' }) metric!: string;
  @Field(() => JobState, { description: 'where the computation stands' }) state!: JobState;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'when the computation started (ISO 8601, UTC); null before' }) startedAt!: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'when it finished (ISO 8601, UTC); null before' }) finishedAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'milliseconds' }) computeMillis!: number | null;
  @Field(() => ErrorInfo, { nullable: true, description: 'why it failed; null unless FAILED' }) error!: ErrorInfo | null;
}


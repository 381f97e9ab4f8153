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
  @Field(() => JobState) state!: JobState;
  @Field(() => GraphQLDateTime, { nullable: true }) startedAt!: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'milliseconds' }) computeMillis!: number | null;
  @Field(() => ErrorInfo, { nullable: true }) error!: ErrorInfo | null;
}


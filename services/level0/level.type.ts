/**
 * The per-section computation state, for dashboards that poll (the levels' own types, their
 * summaries and sections are built from the record schemas: record-types.ts).
 */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ErrorInfo, JobState } from '../maps/common.type.js';
import type { SectionStateRecord } from './service-types.js';
import { BIN_RULE, type MetricRank as MetricRankRecord } from '../ranking/rank.js';

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


@ObjectType({ description: "The map's isosurface at the level's threshold, as a triangle mesh file (what the report's isosurface views draw)" })
export class IsosurfaceMesh {
  @Field(() => Float, { description: 'map units' }) threshold!: number;
  @Field(() => Int, { description: 'voxels between grid samples (1 = full resolution; big maps are sampled for a picture)' }) step!: number;
  @Field(() => Int, { description: 'vertices of the mesh' }) vertices!: number;
  @Field(() => Int, { description: 'triangles of the mesh' }) triangles!: number;
  @Field({ description: 'SHA-256 of the mesh file, hex' }) sha256!: string;
  @Field({ description: 'GET this URL for the mesh (/artifacts/{sha256}.bin, little-endian): "VRSMESH1", u32 vertex count V, u32 index count I, f32 positions[3V] (Å, voxel (0,0,0) at 0), f32 normals[3V], u32 indices[I]' }) url!: string;
}

@ObjectType({ description: `Where one of a section's headline numbers ranks among the maps validated in this instance at similar resolution: ${BIN_RULE}` })
export class MetricRank implements MetricRankRecord {
  @Field({ description: '`<level>.<section>.<path>`, e.g. "level0.bFactor.bFactor"' }) metric!: string;
  @Field({ description: 'the number, in words' }) label!: string;
  @Field({ description: 'its unit ("" when dimensionless)' }) unit!: string;
  @Field(() => String, { nullable: true, description: '"higher" or "lower" is better; null when neither' }) better!: string | null;
  @Field(() => Float, { description: "this map's value" }) value!: number;
  @Field(() => Float, { description: '0–100: % of the maps in the bin with a value at or below this one (scipy percentileofscore, kind="weak"; this map included)' }) percentile!: number;
  @Field(() => Int, { description: 'maps in the resolution bin with this number (this map included)' }) mapsInBin!: number;
  @Field(() => Int, { description: 'maps in the bin with a value at or below this one' }) atOrBelow!: number;
  @Field(() => Float, { description: 'Å, the bin\'s lower end' }) binLow!: number;
  @Field(() => Float, { description: 'Å, the bin\'s upper end' }) binHigh!: number;
}

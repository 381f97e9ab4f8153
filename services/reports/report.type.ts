import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ErrorInfo, JobState } from '../maps/common.type.js';

/** The Map entity as the reports subgraph sees it: its key, extended with `report`. */
@Directive('@key(fields: "id")')
@ObjectType('Map')
export class MapReportRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'The PDF validation report of a map for one parameter set' })
export class Report {
  @Field(() => JobState, { description: 'where the rendering stands' }) state!: JobState;
  @Field(() => String, { nullable: true, description: 'GET this URL for the PDF' }) pdfUrl!: string | null;
  @Field(() => Int, { nullable: true, description: 'number of pages once rendered' }) pages!: number | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'when the PDF was rendered (ISO 8601, UTC); null until then' }) renderedAt!: Date | null;
  @Field(() => ErrorInfo, { nullable: true, description: 'why the rendering failed; null unless FAILED' }) error!: ErrorInfo | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the PDF file (64 lowercase hex digits) once rendered; the same bytes are at /artifacts/{pdfSha256}.pdf' })
  pdfSha256!: string | null;
}

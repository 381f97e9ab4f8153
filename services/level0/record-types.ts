/**
 * GraphQL object types built from the record schemas the sections declare
 * (worker-pool/metrics/record-schema.ts): one type-graphql class per schema name, made once per
 * process. Section records implement the `Section` interface; `Vec3` is the maps subgraph's
 * shared value type. No section has a hand-written GraphQL class.
 */
import { Directive, Field, Float, Int, InterfaceType, ObjectType } from 'type-graphql';
import type { FieldShape, ObjectSchema } from '../../worker-pool/metrics/record-schema.js';
import { SECTION_STATUS, type SectionBase, type SectionStatus as SectionStatusValue } from '../../worker-pool/metrics/section-record.js';
import { Vec3 } from '../maps/common.type.js';
import { graphqlEnum } from '../maps/graphql-enums.js';

export const SectionStatus = graphqlEnum(SECTION_STATUS) as { readonly [K in SectionStatusValue]: K };
export type SectionStatus = SectionStatusValue;

@InterfaceType({ description: 'Fields every Level 0 section carries' })
export abstract class Section implements SectionBase {
  @Field({ description: '"0.a" … "0.h"' }) id!: string;
  @Field({ description: "the section's title" }) title!: string;
  @Field(() => SectionStatus, { description: 'OK, WARNING, NOT_APPLICABLE or FAILED' }) status!: SectionStatus;
  @Field(() => [String], { description: 'the automatic criteria that fail, in words; empty when none' }) warnings!: string[];
  @Field({ description: "the section's explanation text" }) explanation!: string;
  @Field({ description: 'its automatic criteria, in words' }) criteria!: string;
  @Field({ description: 'method name, e.g. "MonoRes (single map)"' }) algorithm!: string;
  @Field({ description: 'version of the computation; a stored result is reused only with the same version' }) algorithmVersion!: string;
  @Field(() => Float, { nullable: true, description: 'milliseconds the computation took when it was computed' }) computeMillis!: number | null;
  @Field(() => String, { nullable: true, description: 'why the section does not apply or failed, in words' }) statusReason!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true when this answer was read from the metric store' }) fromCache!: boolean | null;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Class = Function;

/** Types another module already defines (shared with other subgraphs). */
const PREDEFINED = new Map<string, Class>([['Vec3', Vec3]]);
const built = new Map<string, { cls: Class; schema: ObjectSchema<unknown> }>();

function scalarOf(shape: Extract<FieldShape, { kind: 'scalar' }>): unknown {
  switch (shape.scalar) {
    case 'Float': return Float;
    case 'Int': return Int;
    case 'String': return String;
    default: return Boolean;
  }
}

function typeOf(shape: FieldShape): unknown {
  switch (shape.kind) {
    case 'scalar': return scalarOf(shape);
    case 'enum': return graphqlEnum(shape.enumSpec);
    case 'object': return graphqlType(shape.schema);
    default: return [typeOf(shape.of)];
  }
}

/** The GraphQL class of a record schema (built on first use; one per schema name). */
export function graphqlType(schema: ObjectSchema<unknown>): Class {
  const predefined = PREDEFINED.get(schema.name);
  if (predefined) return predefined;
  const seen = built.get(schema.name);
  if (seen) {
    if (seen.schema !== schema) throw new Error(`Two record schemas are named ${schema.name}; give one another name.`);
    return seen.cls;
  }
  // nested types first: type-graphql reads its metadata once, when the schema is built
  const nested = (shape: FieldShape): void => {
    if (shape.kind === 'object') graphqlType(shape.schema);
    else if (shape.kind === 'list') nested(shape.of);
    else if (shape.kind === 'enum') graphqlEnum(shape.enumSpec);
  };
  for (const spec of Object.values(schema.fields)) nested(spec.shape);
  const cls: Class = schema.section ? class extends Section {} : class {};
  Object.defineProperty(cls, 'name', { value: schema.name });
  built.set(schema.name, { cls, schema });
  for (const [name, spec] of Object.entries(schema.fields)) {
    const options = { nullable: spec.nullable, ...(spec.description ? { description: spec.description } : {}) };
    Field(() => typeOf(spec.shape) as never, options)((cls as { prototype: object }).prototype, name);
  }
  if (schema.shareable) Directive('@shareable')(cls);
  ObjectType(schema.name, { ...(schema.description ? { description: schema.description } : {}), ...(schema.section ? { implements: Section } : {}) })(cls);
  return cls;
}

/**
 * The API describes itself: every field and argument of the public (API) schema of the
 * checked-in supergraph has a description (with its unit where it has one). Built-in scalars and
 * introspection types are excluded; enum values are included (every value of every enum of the
 * API has a description too).
 */
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from './compose.js';

// the CommonJS copy of graphql, the one @apollo/federation-internals builds its schema with
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export interface DescriptionCounts {
  fields: number;
  fieldsDescribed: number;
  args: number;
  argsDescribed: number;
  enumValues: number;
  enumValuesDescribed: number;
  missing: string[];
}

export function describeCounts(supergraphSdl: string): DescriptionCounts {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const c: DescriptionCounts = { fields: 0, fieldsDescribed: 0, args: 0, argsDescribed: 0, enumValues: 0, enumValuesDescribed: 0, missing: [] };
  const has = (d: string | null | undefined) => typeof d === 'string' && d.trim() !== '';
  for (const type of Object.values(schema.getTypeMap())) {
    if (graphql.isIntrospectionType(type) || graphql.isSpecifiedScalarType(type)) continue;
    if (graphql.isObjectType(type) || graphql.isInterfaceType(type) || graphql.isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        c.fields++;
        if (has(field.description)) c.fieldsDescribed++;
        else c.missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          c.args++;
          if (has(arg.description)) c.argsDescribed++;
          else c.missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    } else if (graphql.isEnumType(type)) {
      for (const value of type.getValues()) {
        c.enumValues++;
        if (has(value.description)) c.enumValuesDescribed++;
        else c.missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return c;
}

describe('the public schema describes itself', () => {
  it('every field, argument and enum value has a description', () => {
    const counts = describeCounts(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    expect(counts.missing).toEqual([]);
    expect(counts.fields).toBeGreaterThan(250);
  });
});

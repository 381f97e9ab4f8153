/**
 * Builds a federated (Apollo Federation 2) subgraph schema from type-graphql resolvers:
 * type-graphql schema → SDL printed with its directives (@key, @shareable) → buildSubgraphSchema
 * with type-graphql's resolver map plus the hand-written reference resolvers.
 * Every resolver's error becomes a GraphQLError carrying its code: reference resolvers are
 * wrapped here; the others' errors are coded where the subgraph is executed
 * (CachedLocalDataSource), not by a type-graphql global middleware, which would wrap every
 * field, scalars included, in an async chain (measured: a promise per scalar, ~15 % of a
 * cached section's CPU).
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLEnumType, type GraphQLField, type GraphQLInputField, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { SubgraphDefinition } from '../services/maps/subgraph-definition.js';
import { toGraphQLError } from './errors.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

type AnyFn = (...args: unknown[]) => unknown;

function withErrorCodes(resolvers: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(resolvers)) {
    out[type] = {};
    for (const [name, fn] of Object.entries(fields)) {
      out[type]![name] = typeof fn !== 'function' ? fn : async (...args: unknown[]) => {
        try {
          return await (fn as AnyFn)(...args);
        } catch (error) {
          throw toGraphQLError(error);
        }
      };
    }
  }
  return out;
}

export interface FederatedSubgraph {
  name: string;
  schema: GraphQLSchema;
  /** The subgraph's SDL as composition sees it (with federation directives). */
  typeDefs: string;
}

export async function buildFederatedSubgraph(def: SubgraphDefinition): Promise<FederatedSubgraph> {
  const typeSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    skipCheck: true, // a subgraph may have no Query of its own
    validate: false,
  });
  const sdl = printSchemaWithDirectives(typeSchema);
  const typeDefs = `${FEDERATION_LINK}\n\n${sdl}`;
  const resolvers = createResolversMap(typeSchema) as Record<string, Record<string, unknown>>;
  for (const [type, fields] of Object.entries(withErrorCodes(def.referenceResolvers ?? {}))) {
    resolvers[type] = { ...(resolvers[type] ?? {}), ...fields };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: resolvers as never }]);
  internalEnumDefaults(schema);
  return { name: def.name, schema, typeDefs };
}

/**
 * The SDL carries enum defaults by their GraphQL names (`profile: CriteriaProfile = STANDARD`),
 * and the schema built from it took them as values before the resolver map gave the enum its
 * internal values ('standard'): an argument left to its default would reach the resolver as
 * 'STANDARD'. Map every enum default (arguments and input fields, lists too) to the internal value.
 */
function internalEnumDefaults(schema: GraphQLSchema): void {
  // duck-typed, not isEnumType() & co.: those are instanceof checks, and a test runner may load
  // the ESM copy of graphql beside the CommonJS one that @apollo/subgraph built the schema with
  const internal = (type: GraphQLEnumType, v: unknown): unknown =>
    Array.isArray(v) ? v.map((x) => internal(type, x)) : typeof v === 'string' ? (type.getValue(v)?.value ?? v) : v;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type)) continue;
    const fields = Object.values(type.getFields()) as (GraphQLField<unknown, unknown> | GraphQLInputField)[];
    const inputs = fields.flatMap((f) => ('args' in f ? f.args : [f as GraphQLInputField]));
    for (const input of inputs) {
      let named: unknown = input.type;
      while (named && typeof named === 'object' && 'ofType' in named) named = (named as { ofType: unknown }).ofType;
      const isEnum = named && typeof named === 'object' && 'getValue' in named;
      if (isEnum && input.defaultValue !== undefined) input.defaultValue = internal(named as GraphQLEnumType, input.defaultValue);
    }
  }
}

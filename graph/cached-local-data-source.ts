/**
 * An in-process subgraph data source that parses and validates each distinct subgraph query
 * once. The stock LocalGraphQLDataSource re-parses and re-validates every fetch (measured on
 * this stack: p50 21 ms vs 7.6 ms for a cached memoized section). The gateway sends the same
 * few query strings over and over (its query plans are cached per operation), so a small LRU
 * keyed by the query text holds them all.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { createRequire } from 'node:module';
import type { DocumentNode, ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLSchema } from 'graphql';
import { toGraphQLError } from './errors.js';
import { detailsWithoutServerPaths, withoutServerPaths } from '../worker-pool/server-paths.js';

// The gateway and @apollo/subgraph are CommonJS and use graphql's CJS build. Node resolves an
// ESM `import 'graphql'` to that same file, but vitest (vite) picks graphql's .mjs build: two
// graphql instances, and "Cannot use GraphQLSchema from another module or realm". Taking
// graphql through require() keeps one instance everywhere.
const { execute, GraphQLError, parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

type Prepared = { document: DocumentNode } | { errors: readonly GraphQLErrorType[] };

/**
 * A resolver's error with its stable code in `extensions.code` (VrsError → its code; anything
 * else → INTERNAL with a generic message, logged). graphql's own errors (validation, variable
 * coercion) and errors already coded are kept. Checks are by shape, not instanceof: see above.
 */
export function codedError(error: GraphQLErrorType): GraphQLErrorType {
  if (error.extensions?.code) return error;
  const original = error.originalError as (Error & { extensions?: Record<string, unknown> }) | undefined;
  if (!original) return error;
  const coded = typeof original.extensions?.code === 'string'
    ? { message: withoutServerPaths(original.message), extensions: detailsWithoutServerPaths(original.extensions) }
    : toGraphQLError(original);
  return new GraphQLError(coded.message, {
    nodes: error.nodes, source: error.source, positions: error.positions, path: error.path,
    originalError: original, extensions: coded.extensions,
  });
}

export class CachedLocalDataSource implements GraphQLDataSource {
  readonly #cache = new Map<string, Prepared>();

  constructor(
    readonly schema: GraphQLSchema,
    /** Per-request context for the subgraph's resolvers, made from the gateway's context. */
    readonly contextFor: (gatewayContext: unknown) => unknown = (c) => c,
    readonly maxEntries = 500,
  ) {}

  prepare(query: string): Prepared {
    const hit = this.#cache.get(query);
    if (hit) {
      // refresh its LRU position
      this.#cache.delete(query);
      this.#cache.set(query, hit);
      return hit;
    }
    let prepared: Prepared;
    try {
      const document = parse(query);
      const errors = validate(this.schema, document);
      prepared = errors.length ? { errors } : { document };
    } catch (error) {
      prepared = { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    this.#cache.set(query, prepared);
    if (this.#cache.size > this.maxEntries) this.#cache.delete(this.#cache.keys().next().value!);
    return prepared;
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const prepared = this.prepare(request.query ?? '');
    if ('errors' in prepared) return { errors: prepared.errors.map((e) => e.toJSON()) } as GatewayGraphQLResponse;
    const result: ExecutionResult = await execute({
      schema: this.schema,
      document: prepared.document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: this.contextFor(context),
    });
    if (result.errors) return { ...result, errors: result.errors.map(codedError) } as unknown as GatewayGraphQLResponse;
    return result as unknown as GatewayGraphQLResponse;
  }

  get cachedDocuments(): number {
    return this.#cache.size;
  }
}

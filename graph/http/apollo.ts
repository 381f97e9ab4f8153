/**
 * Apollo Server over the gateway: graphql-armor's limits (depth, cost, aliases, tokens), the
 * finite-number rule, error codes (./errors.ts), no landing page by default, no usage
 * reporting; and the in-process executor that the PDF route and the report renderer use.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloGateway } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError, Kind, type ASTNode, type ASTVisitor, type FloatValueNode, type IntValueNode, type ValidationContext,
} from 'graphql';
import { VrsError } from '../../worker-pool/errors.js';
import type { Services, SubgraphContext } from '../../services/maps/context.js';
import { formatError } from './errors.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface ApolloLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
}

export interface ApolloOptions {
  /** Schema introspection (default: graph/http/introspection.ts, on for a loopback host, off otherwise). */
  introspection?: boolean;
  /** Apollo's local landing page (default off: its default loads assets from a CDN). */
  landingPage?: boolean;
}

/**
 * A number literal beyond the range of a double (`threshold: 1e400`) parses as Infinity, which
 * graphql-js's Float accepts and the gateway's query planner then refuses as an internal error
 * (HTTP 500): refuse it at validation (HTTP 400), as BAD_PARAMETER like any bad argument.
 */
export function finiteNumberLiterals(context: ValidationContext): ASTVisitor {
  const check = (node: FloatValueNode | IntValueNode, _key: unknown, parent: ASTNode | readonly ASTNode[] | undefined) => {
    if (Number.isFinite(Number(node.value))) return;
    const argument = parent && 'kind' in parent && parent.kind === Kind.ARGUMENT ? `${parent.name.value}: ` : '';
    const error = new VrsError('BAD_PARAMETER', `The number ${argument}${node.value.slice(0, 40)} in the query is beyond the range of a double (about ±1.8e308); give a finite number.`);
    // formatError answers the VrsError's code (originalError); Apollo makes the status 400
    context.reportError(new GraphQLError(error.message, { nodes: node, originalError: error, extensions: { code: error.code } }));
  };
  return { FloatValue: check, IntValue: check };
}

/** Apollo Server over the gateway, not started. */
export function createApollo(gateway: ApolloGateway, limits: ApolloLimits, options: ApolloOptions = {}): ApolloServer<SubgraphContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  const plugins: ApolloServerPlugin<SubgraphContext>[] = [
    ...(protection.plugins as ApolloServerPlugin<SubgraphContext>[]),
    options.landingPage ?? false
      ? ApolloServerPluginLandingPageLocalDefault({ embed: false })
      : ApolloServerPluginLandingPageDisabled(),
  ];
  return new ApolloServer<SubgraphContext>({
    gateway,
    introspection: options.introspection ?? false,
    plugins,
    validationRules: [...protection.validationRules, finiteNumberLiterals],
    allowBatchedHttpRequests: false,
    // no automatic persisted queries: a query is sent whole (an APQ hash is answered BAD_REQUEST)
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // The commands own the signals (vrs serve closes the app, vrs validate stops cleanly):
    // Apollo's handler would stop the server and re-raise the signal, killing the process.
    stopOnTerminationSignals: false,
  });
}

/** A GraphQL operation run in process through the gateway (no HTTP): its data and formatted errors. */
export type GraphExecutor = (query: string, variables: Record<string, unknown>) => Promise<{ data?: unknown; errors?: readonly unknown[] }>;

export function graphExecutor(apollo: ApolloServer<SubgraphContext>, services: Services): GraphExecutor {
  return async (query, variables) => {
    const answer = await apollo.executeOperation({ query, variables }, { contextValue: { services } });
    if (answer.body.kind !== 'single') throw new Error('incremental delivery is not used here');
    return answer.body.singleResult as { data?: unknown; errors?: readonly unknown[] };
  };
}

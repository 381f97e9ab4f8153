/**
 * Apollo Server over the gateway: graphql-armor's limits (depth, cost, aliases, tokens), the
 * finite-number rule, error codes (./errors.ts), no Apollo landing page (GET /graphql in a browser is the GraphQL IDE, ./dashboard.ts), no usage
 * reporting; and the in-process executor that the PDF route and the report renderer use.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
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

/**
 * A document whose operation cannot be chosen (an operationName it does not hold, or several
 * operations and no name) is the client's fault: refused as BAD_REQUEST (HTTP 400) naming what
 * was asked and what the document holds. Without this the gateway's planner throws "Unknown
 * operation named …", which Apollo answers as an internal error (HTTP 500, INTERNAL).
 */
export const operationResolution: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request }) {
        if (operation) return;
        const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? null] : []));
        const named = names.filter((n): n is string => n !== null);
        const asked = request.operationName;
        const message = asked != null
          ? `The document has no operation named ${JSON.stringify(asked)}; ${named.length ? `its operations are ${named.join(', ')}` : names.length ? 'its only operation is anonymous' : 'it holds no operation'}.`
          : names.length > 1 ? `The document holds several operations (${named.join(', ')}); give operationName to choose one.` : 'The document holds no operation to run.';
        const error = new VrsError('BAD_REQUEST', message);
        // formatError answers the VrsError's code (originalError); the status is Apollo's http extension
        throw new GraphQLError(message, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
      },
    };
  },
};

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
    operationResolution,
    // a browser's GET /graphql gets the GraphQL IDE (./graphql.ts); Apollo's own landing page loads from a CDN
    ApolloServerPluginLandingPageDisabled(),
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

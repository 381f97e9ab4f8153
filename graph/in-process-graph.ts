/**
 * The graph without HTTP: the gateway over the in-process subgraphs, and Apollo Server (with the
 * query limits) executing operations through it. `startServer` puts Fastify and its routes over
 * it; `vrs validate --pdf` uses it alone (graph/app.ts, startInProcessApp): the report renderer
 * is a client of the graph in the same process and needs no port, so a validation opens none
 * and does not load the HTTP stack.
 */
import type { ApolloServer } from '@apollo/server';
import type { ApolloGateway } from '@apollo/gateway';
import type { Services, SubgraphContext } from '../services/maps/context.js';
import { createGateway, type GatewayOptions } from './gateway.js';
import { createApollo, graphExecutor, type ApolloOptions, type GraphExecutor } from './http/apollo.js';
import { introspectionEnabled } from './http/introspection.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';

export interface InProcessGraphOptions extends GatewayOptions, ApolloOptions {
  services: Services;
  limits?: Partial<ServerLimits>;
  /** The address the graph is served on, if it is (introspection's default depends on it). */
  host?: string;
}

export interface InProcessGraph {
  gateway: ApolloGateway;
  apollo: ApolloServer<SubgraphContext>;
  /** Executes an operation through the gateway, as POST /graphql would. */
  execute: GraphExecutor;
  close(): Promise<void>;
}

export async function startInProcessGraph(options: InProcessGraphOptions): Promise<InProcessGraph> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const gateway = await createGateway(options);
  const apollo = createApollo(gateway, limits, { ...options, introspection: introspectionEnabled(options.introspection, options.host ?? '127.0.0.1') });
  await apollo.start();
  return { gateway, apollo, execute: graphExecutor(apollo, options.services), close: () => apollo.stop() };
}

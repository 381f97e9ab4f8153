/**
 * The HTTP server of the gateway process: Fastify routing over one module per route group
 * (graph/http/): POST /graphql (graphql.ts, Apollo Server over the gateway: apollo.ts),
 * PUT /maps/{filename} (uploads.ts), GET /maps/{id}/report.pdf (reports.ts, which asks the
 * graph), GET /artifacts/{sha256}.{ext} (artifacts.ts), GET /healthz (health.ts) and the
 * dashboard at / (dashboard.ts). Every error, Fastify's own included, is answered by
 * http/errors.ts, which holds the status tables. Limits: request body size, upload size, query
 * depth/cost/aliases/tokens (graphql-armor), a per-request timeout on /graphql. close() lets
 * the requests in flight answer (up to 5 s) before it cuts the connections.
 */
import type { ApolloServer } from '@apollo/server';
import type { ApolloGateway } from '@apollo/gateway';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VrsError } from '../worker-pool/errors.js';
import type { SubgraphContext } from '../services/maps/context.js';
import type { GatewayOptions } from './gateway.js';
import type { HttpServices } from './http-services.js';
import type { ApolloOptions, GraphExecutor } from './http/apollo.js';
import { startInProcessGraph } from './in-process-graph.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { artifactRoutes } from './http/artifacts.js';
import { dashboardRoutes } from './http/dashboard.js';
import { clientErrorHandler, sendError } from './http/errors.js';
import { graphqlRoutes } from './http/graphql.js';
import { healthRoutes } from './http/health.js';
import { reportRoutes } from './http/reports.js';
import { uploadRoutes } from './http/uploads.js';
import { installAuth, keysRequired } from './http/auth.js';
import { blobRoutes } from './http/blobs.js';
import { httpSeconds, metricsText, registry } from '../services/observability/metrics.js';
import { listenError } from '../services/net/listen.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export { formatError } from './http/errors.js';
export { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
export { finiteNumberLiterals } from './http/apollo.js';

export interface ServerOptions extends GatewayOptions, ApolloOptions {
  services: HttpServices;
  /** Structured request logs (pino; `vrs serve` passes one); default: none. */
  logger?: Logger;
  host?: string;
  port?: number;
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The node:http server under Fastify. */
  server: Server;
  fastify: FastifyInstance;
  apollo: ApolloServer<SubgraphContext>;
  gateway: ApolloGateway;
  /** In-process GraphQL executor through the gateway (the PDF route's and the report renderer's). */
  execute: GraphExecutor;
  close(): Promise<void>;
}

/** How long a stopping server waits for the requests in flight before closing their connections. */
const DRAIN_MS = 5_000;

/** Node's own limit on receiving a whole request (what the node:http server had by default). */
const RECEIVE_MS = 300_000;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const services = options.services;
  const { gateway, apollo, execute } = await startInProcessGraph({ ...options, limits });

  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as unknown as FastifyBaseLogger } : { logger: false }),
    // a request id per request: the caller's x-request-id when it sends one, echoed in the answer and the logs
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    keepAliveTimeout: 65_000,
    requestTimeout: RECEIVE_MS,
    // a request arriving on a kept-alive connection while the server stops is still answered
    return503OnClosing: false,
    exposeHeadRoutes: false,
    // path parameters are checked by their routes (file names, map ids, artifact names)
    routerOptions: { maxParamLength: 2048 },
    clientErrorHandler,
    frameworkErrors: (error, request, reply) => sendError(request, reply, error),
  });
  let closing = false;
  try {
    app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split(/[?#]/, 1)[0]!;
      return sendError(request, reply, new VrsError('ROUTE_NOT_FOUND', `${request.method} ${path} is not a route; see spec/graphql.md (POST /graphql, PUT /maps/{filename}, GET /maps/{id}/report.pdf, GET /artifacts/{sha256}.png, GET /blobs/{sha256}, GET /metrics, GET /healthz) or open / for the dashboard.`));
    });
    // A body is read only by the route that wants one (graphql.ts, uploads.ts set their own
    // parsers); elsewhere it is left unread whatever its type (node:http discards it).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    // while stopping, answers close their connection (the client opens a new one elsewhere)
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });

    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      httpSeconds.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    if (services.apiKeys) installAuth(app, services.apiKeys, keysRequired(options.host ?? '127.0.0.1'));
    app.get('/metrics', async (_request, reply) =>
      reply.header('content-type', registry.contentType).send(await metricsText(services.jobCounts)));
    await app.register(blobRoutes, { services });
    await app.register(graphqlRoutes, { apollo, services, bodyBytes: limits.bodyBytes, timeoutMs: limits.requestTimeoutMs });
    await app.register(uploadRoutes, { services, uploadBytes: limits.uploadBytes });
    await app.register(reportRoutes, { services, execute });
    await app.register(artifactRoutes, { services });
    await app.register(healthRoutes, { services });
    await app.register(dashboardRoutes);

    await app.listen({ port: options.port ?? 4000, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close().catch(() => undefined);
    await apollo.stop();
    throw listenError(error, '--port', options.host ?? '127.0.0.1', options.port ?? 4000);
  }
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    server: app.server,
    fastify: app,
    apollo,
    gateway,
    execute,
    async close() {
      // Stop accepting, let the requests in flight answer (idle keep-alive connections close at
      // once), and cut what is still open after DRAIN_MS: a client gets its answer, not a reset.
      closing = true;
      const cut = setTimeout(() => app.server.closeAllConnections(), DRAIN_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
      await apollo.stop();
    },
  };
}

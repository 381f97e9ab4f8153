/**
 * POST /graphql (and GET, as Apollo serves it): the federated graph; a browser's GET with no
 * query gets the GraphQL IDE (GraphiQL, ./dashboard.ts). The body is read up to
 * the body limit (413 REQUEST_TOO_LARGE beyond it) and must be JSON whatever its declared
 * type (400 BAD_REQUEST); Apollo checks the rest (CSRF prevention included). A request that
 * takes longer than the timeout answers 504 REQUEST_TIMEOUT. Errors come in the GraphQL
 * shape (./errors.ts).
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { FastifyPluginAsync } from 'fastify';
import { Readable } from 'node:stream';
import { VrsError } from '../../worker-pool/errors.js';
import type { Services, SubgraphContext } from '../../services/maps/context.js';
import { sendGraphiql } from './dashboard.js';
import { graphqlStatusOf } from './errors.js';

export interface GraphqlRouteOptions {
  apollo: ApolloServer<SubgraphContext>;
  services: Services;
  /** Request body limit, bytes. */
  bodyBytes: number;
  /** Time a request may take, ms. */
  timeoutMs: number;
}

const notJson = () => new VrsError('BAD_REQUEST', 'The POST /graphql body is not valid JSON; send {"query": "...", "variables": {...}}.');

const noQuery = () => new VrsError('BAD_REQUEST', 'GET /graphql needs a query (?query=…, with the header apollo-require-preflight); POST {"query": "..."} as JSON, open /graphql in a browser for the GraphQL IDE, or / for the dashboard.');

/** A browser navigating to /graphql: it asks for HTML first (a fetch or curl asks for anything or JSON). */
const wantsHtml = (accept: string | undefined) => /^\s*text\/html\b/.test(accept ?? '');

export const graphqlRoutes: FastifyPluginAsync<GraphqlRouteOptions> = async (app, { apollo, services, bodyBytes, timeoutMs }) => {
  // In this route group only: any content type, parsed as JSON (Apollo then checks the type).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(notJson(), undefined);
    }
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    bodyLimit: bodyBytes,
    // (not Fastify's handlerTimeout: in 5.12 a request whose body was read clears its timer,
    // fastify/fastify#6725)
    handler: async (request, reply) => {
      if (request.method === 'POST' && request.body === undefined) throw notJson(); // no body at all
      const q = request.url.indexOf('?');
      // GET with no query: a browser gets the GraphQL IDE (GraphiQL, whose queries are POSTs);
      // anything else a catalogue code and where to go, not Apollo's CSRF sentence
      if (request.method === 'GET' && !new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1)).get('query')) {
        if (wantsHtml(request.headers.accept)) return sendGraphiql(request, reply);
        throw noQuery();
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(request.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const context: SubgraphContext = { services };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new VrsError('REQUEST_TIMEOUT', `The query took longer than ${timeoutMs} ms; start the work with startLevel0 and poll level0Status.`)), timeoutMs);
      });
      try {
        const answer = await Promise.race([
          apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: request.method, headers, search: q < 0 ? '' : request.url.slice(q), body: request.body },
            context: async () => context,
          }),
          timeout,
        ]);
        for (const [k, v] of answer.headers) reply.header(k, v);
        if (answer.body.kind === 'complete') return reply.code(graphqlStatusOf(answer.status, answer.body.string)).send(answer.body.string);
        return reply.code(answer.status ?? 200).send(Readable.from(answer.body.asyncIterator));
      } finally {
        clearTimeout(timer);
      }
    },
  });
};

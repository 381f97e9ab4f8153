/**
 * One subgraph served alone on its own port (for a deployment that scales subgraphs
 * separately): POST /graphql only. The gateway reaches it with `subgraphUrls`.
 * Only the gateway talks to it, with the same few query strings over and over: each is
 * parsed and validated once (CachedLocalDataSource) and executed directly, without a full
 * Apollo Server request pipeline per fetch. Resolver errors carry their code already
 * (graph/federation.ts), so answers are the execution result as JSON.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Services, SubgraphContext } from '../services/maps/context.js';
import { listenOn } from '../services/net/listen.js';
import { CachedLocalDataSource } from './cached-local-data-source.js';
import { buildAllSubgraphs, type SubgraphName } from './subgraphs.js';

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

const badRequest = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startSubgraphServer(name: SubgraphName, services: Services, options: { host?: string; port?: number; bodyBytes?: number } = {}): Promise<RunningSubgraph> {
  const subgraph = (await buildAllSubgraphs()).find((s) => s.name === name);
  if (!subgraph) throw new Error(`No subgraph named ${name}`);
  const source = new CachedLocalDataSource(subgraph.schema);
  const limit = options.bodyBytes ?? 1 << 20;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', async () => {
      try {
        if (size > limit) return answer(res, 413, badRequest(`The request body is over the limit of ${limit} bytes.`));
        if (req.method !== 'POST' || !(req.url ?? '').startsWith('/graphql')) return answer(res, 404, badRequest('Only POST /graphql is served here.'));
        let body: { query?: unknown; variables?: unknown; operationName?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return answer(res, 400, badRequest('The body is not JSON; send {"query": "...", "variables": {...}}.'));
        }
        if (typeof body?.query !== 'string') return answer(res, 400, badRequest('The body has no "query" string.'));
        const context: SubgraphContext = { services };
        const result = await source.process({
          request: {
            query: body.query,
            variables: (body.variables ?? {}) as Record<string, unknown>,
            operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
          },
          context,
        } as unknown as GraphQLDataSourceProcessOptions);
        answer(res, 200, result);
      } catch (error) {
        console.error(`[subgraph ${name}] internal error:`, error);
        if (!res.headersSent) answer(res, 500, { errors: [{ message: 'An internal error occurred; the details are in the server log.', extensions: { code: 'INTERNAL' } }] });
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = await listenOn(server, '--port', options.host ?? '127.0.0.1', options.port ?? 0);
  return {
    name,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    server,
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}

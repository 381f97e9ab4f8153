/**
 * One subgraph served alone on its own port (for a deployment that scales subgraphs
 * separately): POST /graphql only. The gateway reaches it with `subgraphUrls`.
 */
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Services, SubgraphContext } from '../services/maps/context.js';
import { buildAllSubgraphs, type SubgraphName } from './subgraphs.js';
import { formatError } from './server.js';

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
  const apollo = new ApolloServer<SubgraphContext>({
    schema: subgraph.schema,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: false, // only the gateway talks to it
  });
  await apollo.start();
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
        if (size > limit) {
          res.writeHead(413).end();
          return;
        }
        const headers = new HeaderMap();
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const body = req.method === 'POST' ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        const answer = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: new URL(req.url ?? '/', 'http://x').search, body },
          context: async () => ({ services }),
        });
        const out: Record<string, string> = {};
        for (const [k, v] of answer.headers) out[k] = v;
        const text = answer.body.kind === 'complete' ? answer.body.string : '';
        res.writeHead(answer.status ?? 200, { ...out, 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String((error as Error).message), extensions: { code: 'BAD_REQUEST' } }] }));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    server,
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}

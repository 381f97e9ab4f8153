/**
 * A subgraph in another process, reached over node:http with keep-alive sockets: one POST
 * of {query, variables, operationName}, the JSON answer back. The gateway's
 * RemoteGraphQLDataSource builds a fetch Request, Headers and a Response per fetch (with a
 * keep-alive fetcher it still cost ~15 % of the gateway's CPU here); the gateway sends
 * nothing else to our subgraphs (no forwarded headers, no persisted queries), so this is
 * all it needs. A subgraph that does not answer GraphQL JSON fails the fetch with its status.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Agent, request } from 'node:http';

export function createKeepAliveAgent(maxSockets = 64): Agent {
  return new Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
}

export class HttpSubgraphDataSource implements GraphQLDataSource {
  readonly #target: URL;

  constructor(readonly url: string, readonly agent: Agent = createKeepAliveAgent(), readonly timeoutMs = 10 * 60_000) {
    this.#target = new URL(url);
  }

  process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName } = options.request;
    const body = Buffer.from(JSON.stringify({ query, variables, operationName }));
    return new Promise((resolve, reject) => {
      const req = request(this.#target, {
        method: 'POST',
        agent: this.agent,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(body.length) },
        timeout: this.timeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: GatewayGraphQLResponse | null = null;
          try {
            parsed = JSON.parse(text) as GatewayGraphQLResponse;
          } catch {
            // not JSON: reported below with the status
          }
          if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) resolve(parsed);
          else reject(new Error(`Subgraph ${this.url} answered ${res.statusCode} without a GraphQL result: ${text.slice(0, 200)}`));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`Subgraph ${this.url} did not answer within ${this.timeoutMs} ms.`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

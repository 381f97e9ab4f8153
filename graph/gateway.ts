/**
 * The gateway: @apollo/gateway over the checked-in supergraph (graph/supergraph.graphql,
 * composed at build time). Subgraphs run in process by default (CachedLocalDataSource);
 * with `subgraphUrls` they are remote processes reached over keep-alive HTTP (HttpSubgraphDataSource).
 */
import { ApolloGateway } from '@apollo/gateway';
import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { CachedLocalDataSource } from './cached-local-data-source.js';
import { SUPERGRAPH_PATH } from './compose.js';
import { createKeepAliveAgent, HttpSubgraphDataSource } from './http-data-source.js';
import { buildAllSubgraphs, type SubgraphName } from './subgraphs.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface GatewayOptions {
  /** Remote subgraph endpoints by name; subgraphs not listed run in process. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
}

export async function createGateway(options: GatewayOptions = {}): Promise<ApolloGateway> {
  const urls = options.subgraphUrls ?? {};
  const local = new Map<string, GraphQLSchema>();
  for (const s of await buildAllSubgraphs()) if (!urls[s.name as SubgraphName]) local.set(s.name, s.schema);
  const agent = createKeepAliveAgent();
  return new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const url = urls[name as SubgraphName];
      if (url) return new HttpSubgraphDataSource(url, agent);
      const schema = local.get(name);
      if (!schema) throw new Error(`Unknown subgraph "${name}" in the supergraph; recompose it (node dist/graph/compose-supergraph.js).`);
      return new CachedLocalDataSource(schema);
    },
  });
}

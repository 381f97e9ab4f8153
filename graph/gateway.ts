/**
 * The gateway: @apollo/gateway over the checked-in supergraph (graph/supergraph.graphql,
 * composed at build time). Subgraphs run in process by default (CachedLocalDataSource);
 * with `subgraphUrls` they are remote processes reached over keep-alive HTTP (HttpSubgraphDataSource).
 */
import { ApolloGateway } from '@apollo/gateway';
import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { CachedLocalDataSource } from './cached-local-data-source.js';
import { composeSupergraph, SUPERGRAPH_PATH } from './compose.js';
import { createKeepAliveAgent, HttpSubgraphDataSource } from './http-data-source.js';
import { buildAllSubgraphs, productLevelsOnly, type SubgraphName } from './subgraphs.js';
import type { LevelDeclaration } from '../worker-pool/metrics/levels.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface GatewayOptions {
  /** Remote subgraph endpoints by name; subgraphs not listed run in process. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
  /** The levels served (default: the product's); extra levels (plug-ins, tests) make the gateway compose its supergraph at start. */
  levels?: readonly LevelDeclaration[];
}

export async function createGateway(options: GatewayOptions = {}): Promise<ApolloGateway> {
  const urls = options.subgraphUrls ?? {};
  const local = new Map<string, GraphQLSchema>();
  const subgraphs = await buildAllSubgraphs(options.levels);
  for (const s of subgraphs) if (!urls[s.name as SubgraphName]) local.set(s.name, s.schema);
  const checkedIn = !options.levels || productLevelsOnly(options.levels);
  const agent = createKeepAliveAgent();
  return new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? (checkedIn ? readFileSync(SUPERGRAPH_PATH, 'utf8') : composeSupergraph(subgraphs)),
    buildService: ({ name }) => {
      const url = urls[name as SubgraphName];
      if (url) return new HttpSubgraphDataSource(url, agent);
      const schema = local.get(name);
      if (!schema) throw new Error(`Unknown subgraph "${name}" in the supergraph; recompose it (node dist/graph/compose-supergraph.js).`);
      return new CachedLocalDataSource(schema);
    },
  });
}

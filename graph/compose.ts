/** Composes the supergraph from the subgraphs' SDL (@apollo/composition, at build time). */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { join } from 'node:path';
import { REPO_ROOT } from '../worker-pool/paths.js';
import type { FederatedSubgraph } from './federation.js';

/** The checked-in supergraph (source tree, not dist/): the gateway loads it. */
export const SUPERGRAPH_PATH = join(REPO_ROOT, 'graph', 'supergraph.graphql');

/** Placeholder URLs: the gateway replaces them with in-process or configured endpoints. */
export function subgraphUrl(name: string): string {
  return `http://${name}.subgraph.invalid/graphql`;
}

export function composeSupergraph(subgraphs: FederatedSubgraph[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: subgraphUrl(s.name), typeDefs: parse(s.typeDefs) })));
  if (result.errors) {
    throw new Error('Supergraph composition failed:\n' + result.errors.map((e) => `- ${e.message}`).join('\n'));
  }
  return result.supergraphSdl;
}

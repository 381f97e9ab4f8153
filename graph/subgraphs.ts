/** The subgraphs of the supergraph, by name (the order is the composition order). */
import { mapsSubgraph } from '../services/maps/schema.js';
import { levelsSubgraph } from '../services/level0/schema.js';
import { PRODUCT_LEVELS } from '../worker-pool/metrics/catalogue.js';
import { reportsSubgraph } from '../services/reports/schema.js';
import type { SubgraphDefinition } from '../services/maps/subgraph-definition.js';
import { buildFederatedSubgraph, type FederatedSubgraph } from './federation.js';

export const SUBGRAPHS: SubgraphDefinition[] = [mapsSubgraph, levelsSubgraph(PRODUCT_LEVELS), reportsSubgraph];
export type SubgraphName = 'maps' | 'level0' | 'reports';

let built: Promise<FederatedSubgraph[]> | null = null;

/** Built once per process (type-graphql schema building takes a few hundred ms). */
export function buildAllSubgraphs(): Promise<FederatedSubgraph[]> {
  built ??= Promise.all(SUBGRAPHS.map(buildFederatedSubgraph));
  return built;
}

/** The subgraphs of the supergraph, by name (the order is the composition order). */
import { mapsSubgraph } from '../services/maps/schema.js';
import { levelsSubgraph } from '../services/level0/schema.js';
import { PRODUCT_LEVELS } from '../worker-pool/metrics/catalogue.js';
import type { LevelDeclaration } from '../worker-pool/metrics/levels.js';
import { reportsSubgraph } from '../services/reports/schema.js';
import type { SubgraphDefinition } from '../services/maps/subgraph-definition.js';
import { buildFederatedSubgraph, type FederatedSubgraph } from './federation.js';

/** The subgraphs over the given levels (default: the product's). */
export function subgraphDefinitions(levels: readonly LevelDeclaration[] = PRODUCT_LEVELS): SubgraphDefinition[] {
  return [mapsSubgraph, levelsSubgraph(levels), reportsSubgraph];
}
export type SubgraphName = 'maps' | 'level0' | 'reports';

const built = new Map<string, Promise<FederatedSubgraph[]>>();

/** Built once per process and list of levels (type-graphql schema building takes a few hundred ms). */
export function buildAllSubgraphs(levels: readonly LevelDeclaration[] = PRODUCT_LEVELS): Promise<FederatedSubgraph[]> {
  const key = levels.map((l) => l.field).join(',');
  let p = built.get(key);
  if (!p) built.set(key, (p = Promise.all(subgraphDefinitions(levels).map(buildFederatedSubgraph))));
  return p;
}

/** Whether these are the product's levels (the checked-in supergraph), not a list with extra ones. */
export function productLevelsOnly(levels: readonly LevelDeclaration[]): boolean {
  return levels.length === PRODUCT_LEVELS.length && levels.every((l, k) => l === PRODUCT_LEVELS[k]);
}

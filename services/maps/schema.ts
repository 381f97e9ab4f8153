/** The maps subgraph: what graph/federation.ts needs to build it. */
import { MapInputsResolver, MapResolver, resolveMapReference } from './map.resolver.js';
import type { SubgraphDefinition } from './subgraph-definition.js';

export const mapsSubgraph: SubgraphDefinition = {
  name: 'maps',
  resolvers: [MapResolver, MapInputsResolver],
  referenceResolvers: { Map: { __resolveReference: resolveMapReference } },
};

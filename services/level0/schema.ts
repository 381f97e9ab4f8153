/** The level0 subgraph: extends Map with `level0`, one lazily resolved field per section. */
import type { SubgraphDefinition } from '../maps/subgraph-definition.js';
import { Level0OperationsResolver, Level0Resolver, MapLevel0Ref, MapLevel0Resolver } from './level0.resolver.js';
import { BackgroundAnalysis, BFactorAnalysis, HandAnalysis, LocalAnalysis, MaskAnalysis, MassAnalysis } from './level0.type.js';

export const level0Subgraph: SubgraphDefinition = {
  name: 'level0',
  resolvers: [MapLevel0Resolver, Level0Resolver, Level0OperationsResolver],
  // The Map stub is resolved from its key alone: the level0 fields need only the id.
  referenceResolvers: { Map: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
  orphanedTypes: [MapLevel0Ref, MassAnalysis, MaskAnalysis, BackgroundAnalysis, BFactorAnalysis, LocalAnalysis, HandAnalysis],
};

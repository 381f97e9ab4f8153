/**
 * The levels subgraph (named 'level0', the name `vrs serve --subgraph` knows): extends Map with
 * one field per declared level, each with one lazily resolved field per section.
 */
import type { LevelDeclaration } from '../../worker-pool/metrics/levels.js';
import type { SubgraphDefinition } from '../maps/subgraph-definition.js';
import { levelsGraphql } from './level.resolver.js';

export function levelsSubgraph(levels: readonly LevelDeclaration[]): SubgraphDefinition {
  const { resolvers, types } = levelsGraphql(levels);
  return {
    name: 'level0',
    resolvers: resolvers as SubgraphDefinition['resolvers'],
    // The Map stub is resolved from its key alone: the level fields need only the id.
    referenceResolvers: { Map: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
    orphanedTypes: types as SubgraphDefinition['orphanedTypes'],
  };
}

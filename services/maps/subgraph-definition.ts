/** How a subgraph folder describes itself to the federation helper in graph/. */
type NonEmptyArray<T> = readonly [T, ...T[]] | [T, ...T[]];

export interface SubgraphDefinition {
  /** Service name in the supergraph: 'maps', 'level0', 'reports'. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /** `__resolveReference` (and other hand-written resolvers) by type name. */
  referenceResolvers?: Record<string, Record<string, unknown>>;
  /** Types no resolver returns that must still be in the schema. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
}

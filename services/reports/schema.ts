/** The reports subgraph: extends Map with `report`, and the renderReport mutation. */
import type { SubgraphDefinition } from '../maps/subgraph-definition.js';
import { MapReportResolver, ReportOperationsResolver } from './report.resolver.js';
import { MapReportRef } from './report.type.js';

export const reportsSubgraph: SubgraphDefinition = {
  name: 'reports',
  resolvers: [MapReportResolver, ReportOperationsResolver],
  orphanedTypes: [MapReportRef],
  referenceResolvers: { Map: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
};

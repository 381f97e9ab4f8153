/**
 * `node dist/graph/compose-supergraph.js` writes graph/supergraph.graphql from the current
 * subgraphs (run after changing any subgraph type; graph/supergraph.test.ts fails when the
 * checked-in file is stale).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildAllSubgraphs } from './subgraphs.js';
import { composeSupergraph, SUPERGRAPH_PATH } from './compose.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';
const sdl = composeSupergraph(await buildAllSubgraphs());
writeFileSync(SUPERGRAPH_PATH, sdl);
console.log(`wrote ${SUPERGRAPH_PATH} (${sdl.length} characters)`);

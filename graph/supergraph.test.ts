import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAllSubgraphs } from './subgraphs.js';
import { composeSupergraph, SUPERGRAPH_PATH } from './compose.js';

describe('checked-in supergraph', () => {
  it('equals a fresh composition of the subgraphs (else run: node dist/graph/compose-supergraph.js)', async () => {
    const fresh = composeSupergraph(await buildAllSubgraphs());
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(fresh);
  });

  it('has the contract names: Map owned by maps and extended by level0 and reports', () => {
    const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect(sdl).toMatch(/type Map\s+@join__type\(graph: LEVEL0, key: "id"\)\s+@join__type\(graph: MAPS, key: "id"\)\s+@join__type\(graph: REPORTS, key: "id"\)/);
    for (const f of ['level0(', 'report(', 'mapList(', 'registerMap(', 'setMapMetadata(', 'startLevel0(', 'renderReport(', 'bFactor: BFactorAnalysis', 'localOccupancy: LocalAnalysis']) {
      expect(sdl).toContain(f);
    }
  });
});

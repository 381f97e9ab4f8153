/**
 * The report renderer depends on the GraphQL contract only: the query it assembles from the
 * layout and its sections' report files (fragments) must be valid against the public schema —
 * the API schema of the checked-in supergraph — for the product's levels, and with the tests'
 * toy level composed in. A report file selecting a field the schema does not have, or a
 * selection of the wrong shape, fails here rather than at print time.
 */
import 'reflect-metadata';
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUPERGRAPH_PATH } from '../../graph/compose.js';
import { buildAllSubgraphs } from '../../graph/subgraphs.js';
import { loadSectionModules } from '../../report-renderer/render.js';
import { reportQuery } from '../../report-renderer/report-query.js';
import type { ReportLayout } from '../../report-renderer/types.js';
import { reportLayout } from '../../services/level0/layout.js';
import { PRODUCT_LEVELS } from '../../worker-pool/metrics/catalogue.js';
import type { LevelDeclaration } from '../../worker-pool/metrics/levels.js';
import { TOY_LEVEL } from '../../worker-pool/testing/toy-level/level.js';

// the CommonJS copy of graphql, the one @apollo/federation-internals builds its schema with
// (a schema cannot be validated by the other copy: "from another module or realm")
const { parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

async function queryErrors(levels: readonly LevelDeclaration[], supergraphSdl: string): Promise<string[]> {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const layout = reportLayout(levels) as unknown as ReportLayout;
  const modules = await loadSectionModules(layout);
  const query = reportQuery(layout, (l, s) => modules.get(l)!.get(s)!.fragment);
  return validate(schema, parse(query)).map((e) => e.message);
}

describe('the report query against the public schema', () => {
  it('is valid for the product levels (checked-in supergraph)', async () => {
    expect(await queryErrors(PRODUCT_LEVELS, readFileSync(SUPERGRAPH_PATH, 'utf8'))).toEqual([]);
  });

  it('is valid with a plug-in level composed in (the toy level and its report file)', async () => {
    const levels = [...PRODUCT_LEVELS, TOY_LEVEL];
    expect(await queryErrors(levels, composeSupergraph(await buildAllSubgraphs(levels)))).toEqual([]);
  });

  it('fails on a fragment that selects a field the contract does not have', async () => {
    const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
    const layout = reportLayout(PRODUCT_LEVELS) as unknown as ReportLayout;
    const modules = await loadSectionModules(layout);
    const query = reportQuery(layout, (l, s) => modules.get(l)!.get(s)!.fragment + (s === 'mass' ? ' noSuchField' : ''));
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([expect.stringContaining('noSuchField')]);
  });
});

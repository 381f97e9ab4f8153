/** A subgraph served alone: what the gateway sends it (entities, queries, errors with codes). */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../services/maps/context.js';
import type { MapRecord } from '../services/maps/service-types.js';
import { startSubgraphServer, type RunningSubgraph } from './subgraph-server.js';

const ID = 'a'.repeat(64);
const record: MapRecord = {
  id: ID, name: 'm.map', sizeBytes: 2048, createdAt: new Date('2026-01-02T03:04:05Z'),
  header: { cellB: { alpha: 90, beta: 90, gamma: 120 } },
  dimensions: { x: 8, y: 8, z: 8 }, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 },
  originSource: 'ORIGIN', axisOrder: [1, 2, 3], statistics: { min: 0, max: 1, mean: 0.5, std: 0.1, rms: 0.5 },
  formatIssues: [], contourLevel: 0.5, contourSource: null, reportedResolution: 3, emdb: null,
};
let lookups = 0;
const services = {
  maps: {
    getMany: async (ids: readonly string[]) => {
      lookups++;
      if (ids.includes('e'.repeat(64))) throw new Error('secret connection string in a driver message');
      return ids.map((id) => (id === ID ? record : null));
    },
  },
} as unknown as Services;

let sub: RunningSubgraph;
beforeAll(async () => { sub = await startSubgraphServer('maps', services, { port: 0 }); });
afterAll(async () => { await sub?.close(); });

const post = async (body: unknown) => {
  const res = await fetch(sub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
};

describe('subgraph server', () => {
  it('answers a query with variables, and the entities the gateway asks for (one batched lookup)', async () => {
    const q = await post({ query: 'query($id: ID!) { map(id: $id) { id name header { cellb { alpha gamma } } } }', variables: { id: ID } });
    expect(q).toEqual({ status: 200, json: { data: { map: { id: ID, name: 'm.map', header: { cellb: { alpha: 90, gamma: 120 } } } } } });
    lookups = 0;
    const e = await post({
      query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Map { id sizeBytes } } }',
      variables: { representations: [{ __typename: 'Map', id: ID }, { __typename: 'Map', id: ID }] },
    });
    expect(e.json).toEqual({ data: { _entities: [{ id: ID, sizeBytes: 2048 }, { id: ID, sizeBytes: 2048 }] } });
    expect(lookups).toBe(1);
  });

  it('errors carry their code; invalid queries and bodies are refused', async () => {
    const unknown = await post({ query: 'query($id: ID!) { map(id: $id) { id } }', variables: { id: 'b'.repeat(64) } });
    expect(unknown.json.errors[0].extensions.code).toBe('MAP_NOT_REGISTERED');
    const malformed = await post({ query: 'query($id: ID!) { map(id: $id) { id } }', variables: { id: 'nope' } });
    expect(malformed.json.errors[0].extensions.code).toBe('MAP_ID_MALFORMED');
    const internal = await post({ query: 'query($id: ID!) { map(id: $id) { id } }', variables: { id: 'e'.repeat(64) } });
    expect(internal.json.errors[0].extensions.code).toBe('INTERNAL'); // and its text stays in the log
    expect(internal.json.errors[0].message).not.toMatch(/secret/);
    expect(internal.json.errors[0].path).toEqual(['map']);
    const invalid = await post({ query: '{ map(id: "x") { nosuchfield } }' });
    expect(invalid.status).toBe(200);
    expect(invalid.json.errors[0].message).toMatch(/nosuchfield/);
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ variables: {} })).status).toBe(400);
  });
});

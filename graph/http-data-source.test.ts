/** The gateway over a subgraph in another process (here: another server in this process). */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapRecord } from '../services/maps/service-types.js';
import type { HttpServices } from './http-services.js';
import { HttpSubgraphDataSource } from './http-data-source.js';
import { startServer, type RunningServer } from './server.js';
import { startSubgraphServer, type RunningSubgraph } from './subgraph-server.js';

const ID = 'c'.repeat(64);
const record = {
  id: ID, name: 'remote.map', sizeBytes: 4096, createdAt: new Date('2026-01-02T03:04:05Z'), header: {},
  dimensions: { x: 4, y: 4, z: 4 }, voxelSize: { x: 2, y: 2, z: 2 }, origin: { x: 0, y: 0, z: 0 }, originSource: null,
  axisOrder: null, statistics: { min: 0, max: 1, mean: 0.5, std: 0.1, rms: 0.5 }, formatIssues: [],
  contourLevel: 0.5, contourSource: null, reportedResolution: 4, emdb: null,
} satisfies MapRecord;
const services = { maps: { getMany: async (ids: readonly string[]) => ids.map((id) => (id === ID ? record : null)) } } as unknown as HttpServices;

let sub: RunningSubgraph;
let gateway: RunningServer;
let notGraphql: Server;
beforeAll(async () => {
  sub = await startSubgraphServer('maps', services, { port: 0 });
  gateway = await startServer({ services, port: 0, subgraphUrls: { maps: sub.url } });
  notGraphql = createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>'));
  await new Promise<void>((r) => notGraphql.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await gateway?.close();
  await sub?.close();
  notGraphql?.close();
});

describe('HttpSubgraphDataSource', () => {
  it('carries the gateway query to the remote maps subgraph and back, codes included', async () => {
    const ask = async (id: string) => {
      const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($id: ID!) { map(id: $id) { id name sizeBytes } }', variables: { id } }) });
      return (await res.json()) as { data?: any; errors?: any[] };
    };
    expect(await ask(ID)).toEqual({ data: { map: { id: ID, name: 'remote.map', sizeBytes: 4096 } } });
    const unknown = await ask('d'.repeat(64));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('MAP_NOT_REGISTERED');
  });

  it('fails a fetch whose answer is not a GraphQL result, with the status', async () => {
    const url = `http://127.0.0.1:${(notGraphql.address() as AddressInfo).port}/graphql`;
    const source = new HttpSubgraphDataSource(url);
    await expect(source.process({ request: { query: '{ __typename }' } } as never)).rejects.toThrow(/answered 502 without a GraphQL result/);
    source.agent.destroy();
  });
});

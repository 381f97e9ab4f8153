/**
 * GET /healthz over stub services: it sees a saturated pool (status `saturated`, the pool's
 * counts) and answers within a second when the database does not answer at all (issue 18.1, 18.5).
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolLoad } from '../worker-pool/pool.js';
import type { HttpServices } from './http-services.js';
import { startServer, type RunningServer } from './server.js';

let database: () => Promise<boolean> = async () => true;
let load: PoolLoad = { threads: 2, running: 0, queued: 0, saturated: false, longestRunningMs: 0 };
const services = {
  maps: { getMany: async (ids: readonly string[]) => ids.map(() => null) },
  ingestUpload: async () => { throw new Error('not used'); },
  artifactFile: async () => null,
  databaseHealthy: () => database(),
  poolLoad: () => load,
} as unknown as HttpServices;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ services, port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const health = async () => {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: performance.now() - t0 };
};

describe('GET /healthz', () => {
  it('is ok with a free thread, and saturated (200, with the counts) when every pool thread is busy', async () => {
    load = { threads: 2, running: 1, queued: 0, saturated: false, longestRunningMs: 120 };
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', database: true, pool: load } });
    load = { threads: 2, running: 2, queued: 3, saturated: true, longestRunningMs: 41_000 };
    expect(await health()).toMatchObject({ status: 200, body: { status: 'saturated', database: true, pool: load } });
  });

  it('answers within a second, degraded (503), when the database never answers or fails', async () => {
    database = () => new Promise<boolean>(() => undefined); // frozen: never settles
    const frozen = await health();
    expect(frozen).toMatchObject({ status: 503, body: { status: 'degraded', database: false } });
    expect(frozen.ms).toBeLessThan(1_000);
    database = async () => { throw new Error('connection refused'); };
    expect(await health()).toMatchObject({ status: 503, body: { status: 'degraded', database: false } });
    database = async () => true;
    expect((await health()).body.status).toBe('saturated'); // the pool of the previous test
  });
});

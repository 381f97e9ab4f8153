/**
 * Introspection is an explicit setting (issue 18.6), not NODE_ENV's: on for a server on loopback,
 * off on any other address, and --introspection / --no-introspection or VRS_INTROSPECTION decide
 * when given.
 */
import 'reflect-metadata';
import { afterEach, describe, expect, it } from 'vitest';
import { introspectionEnabled, isLoopbackHost } from './http/introspection.js';
import type { HttpServices } from './http-services.js';
import { startServer, type RunningServer } from './server.js';

const services = {
  maps: { getMany: async (ids: readonly string[]) => ids.map(() => null) },
  ingestUpload: async () => { throw new Error('not used'); },
  artifactFile: async () => null,
  databaseHealthy: async () => true,
} as unknown as HttpServices;

describe('introspection setting', () => {
  it('is on for loopback hosts and off for others, unless set', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect([host, isLoopbackHost(host)]).toEqual([host, true]);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '128.0.0.1']) expect([host, isLoopbackHost(host)]).toEqual([host, false]);
    expect(introspectionEnabled(undefined, '127.0.0.1', {})).toBe(true);
    expect(introspectionEnabled(undefined, '0.0.0.0', {})).toBe(false);
    expect(introspectionEnabled(undefined, '0.0.0.0', { NODE_ENV: 'development' })).toBe(false); // NODE_ENV plays no part
    expect(introspectionEnabled(undefined, '127.0.0.1', { NODE_ENV: 'production' })).toBe(true);
    expect(introspectionEnabled(undefined, '0.0.0.0', { VRS_INTROSPECTION: 'on' })).toBe(true);
    expect(introspectionEnabled(undefined, '127.0.0.1', { VRS_INTROSPECTION: 'OFF' })).toBe(false);
    expect(introspectionEnabled(false, '127.0.0.1', { VRS_INTROSPECTION: 'on' })).toBe(false);
    expect(introspectionEnabled(true, '0.0.0.0', {})).toBe(true);
    expect(() => introspectionEnabled(undefined, '127.0.0.1', { VRS_INTROSPECTION: 'yes' })).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
  });

  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const introspect = async () => {
    const res = await fetch(`${server!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
    return (await res.json()) as { data?: { __schema: { queryType: { name: string } } }; errors?: unknown[] };
  };

  it('a server on loopback answers introspection by default; --no-introspection refuses it', async () => {
    server = await startServer({ services, port: 0, host: '127.0.0.1' });
    expect((await introspect()).data?.__schema.queryType.name).toBe('Query');
    await server.close();
    server = await startServer({ services, port: 0, host: '127.0.0.1', introspection: false });
    expect((await introspect()).errors?.length).toBeGreaterThan(0);
  });
});

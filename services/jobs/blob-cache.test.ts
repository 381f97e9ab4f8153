/**
 * A worker's map cache: files fetched from a gateway by SHA-256 are kept only when they hash
 * to it; a shared folder is looked at first; beyond the size limit the least recently used
 * file goes (never the one just fetched). And the per-key token bucket of the API keys.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../auth/api-keys.js';
import { BlobCache } from './blob-cache.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const files = ['a', 'b', 'c'].map((c) => new Uint8Array(100).fill(c.charCodeAt(0)));
const liar = new Uint8Array(100).fill(7);
const liarSha = sha(new Uint8Array(100).fill(8)); // served bytes do not hash to the name
let server: Server;
let base: string;
let dir: string;
const requests: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrs-blob-cache-'));
  const byName = new Map(files.map((f) => [sha(f), f]));
  server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.authorization ?? ''}`);
    const name = req.url!.replace('/blobs/', '');
    if (name === liarSha) return void res.end(liar);
    const body = byName.get(name);
    if (!body) return void res.writeHead(404).end('{"error":{"code":"BLOB_NOT_FOUND"}}');
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('BlobCache', () => {
  it('fetches with the key, verifies the hash, evicts the least recently used beyond the limit', async () => {
    const cache = new BlobCache(join(dir, 'lru'), 250, { gatewayUrl: base, apiKey: 'k1' });
    const [a, b, c] = files.map(sha) as [string, string, string];
    const pa = await cache.path(a);
    expect(readFileSync(pa)).toEqual(Buffer.from(files[0]!));
    await new Promise((r) => setTimeout(r, 20));
    await cache.path(b);
    await new Promise((r) => setTimeout(r, 20));
    expect(await cache.path(a)).toBe(pa); // a hit: a is now the most recently used
    await new Promise((r) => setTimeout(r, 20));
    await cache.path(c); // 300 bytes > 250: b goes
    expect(existsSync(join(dir, 'lru', b))).toBe(false);
    expect(existsSync(join(dir, 'lru', a))).toBe(true);
    expect(existsSync(join(dir, 'lru', c))).toBe(true);
    expect(cache.stats).toMatchObject({ hits: 1, fetched: 3, evicted: 1 });
    expect(requests.every((r) => r.endsWith('Bearer k1'))).toBe(true);
  });

  it('keeps nothing whose bytes do not hash to the name; a missing file says what the gateway answered', async () => {
    const cache = new BlobCache(join(dir, 'bad'), 1e6, { gatewayUrl: base });
    await expect(cache.path(liarSha)).rejects.toMatchObject({ code: 'BLOB_HASH_MISMATCH' });
    expect(existsSync(join(dir, 'bad', liarSha))).toBe(false);
    await expect(cache.path('f'.repeat(64))).rejects.toThrow(/404/);
    await expect(cache.path('../etc/passwd')).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
  });

  it('reads a shared folder before asking the gateway', async () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    const bytes = new Uint8Array(10).fill(42);
    writeFileSync(join(shared, `${sha(bytes)}.mrc`), bytes);
    const before = requests.length;
    const cache = new BlobCache(join(dir, 'sh'), 1e6, { gatewayUrl: base, sharedDir: shared });
    expect(await cache.path(sha(bytes))).toBe(join(shared, `${sha(bytes)}.mrc`));
    expect(requests.length).toBe(before);
  });
});

describe('RateLimiter', () => {
  it('lets `perMinute` requests through at once, then one per 60/perMinute s, with the wait in whole seconds', () => {
    const limiter = new RateLimiter();
    const t = 1_000_000;
    expect([0, 1, 2].map(() => limiter.take('k', 3, t))).toEqual([0, 0, 0]);
    expect(limiter.take('k', 3, t)).toBe(20); // one token every 20 s
    expect(limiter.take('k', 3, t + 10_000)).toBe(10);
    expect(limiter.take('k', 3, t + 20_000)).toBe(0);
    expect(limiter.take('other', 3, t)).toBe(0); // per key
  });
});

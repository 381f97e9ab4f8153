/**
 * API keys on a server bound beyond loopback (0.0.0.0; the test talks to it on 127.0.0.1): 401
 * without a key on mutations, uploads and blobs (queries need none), a revoked key refused, the
 * rate limit's 429 with Retry-After, GET /blobs giving the exact bytes, the request id echoed,
 * and the Prometheus endpoint counting the requests.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../graph/app.js';
import { ApiKeys } from '../../services/auth/api-keys.js';
import { writeSample } from '../../services/cli/sample.js';
import { openStore, type Store } from '../../services/store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { readFileSync } from 'node:fs';

let db: ScratchDatabase;
let store: Store;
let app: App;
let dir: string;
let base: string;
let keys: ApiKeys;
let mapBytes: Uint8Array;

beforeAll(async () => {
  db = await createScratchDatabase('vrs_keys');
  dir = mkdtempSync(join(tmpdir(), 'vrs-keys-'));
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
  writeSample(join(dir, 'tiny.mrc'), { size: 24, voxelSize: 1.5, resolution: 4, seed: 7 });
  mapBytes = readFileSync(join(dir, 'tiny.mrc'));
  app = await startApp({ host: '0.0.0.0', port: 0, store, dataRoot: dir });
  base = `http://127.0.0.1:${app.port}`;
  keys = new ApiKeys(store.dataSource, store.where);
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const gql = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
const upload = (headers: Record<string, string> = {}) => fetch(`${base}/maps/tiny.mrc`, { method: 'PUT', headers, body: mapBytes });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const codeOf = async (res: Response) => {
  const body = (await res.json()) as { error?: { code: string }; errors?: { extensions: { code: string } }[] };
  return body.error?.code ?? body.errors?.[0]?.extensions.code;
};

describe('API keys beyond loopback', () => {
  it('refuses mutations, uploads and blobs without a key (401), answers queries', async () => {
    const mutation = await gql('mutation { startLevel0(mapId: "' + '0'.repeat(64) + '") { section } }');
    expect(mutation.status).toBe(401);
    expect(await codeOf(mutation)).toBe('API_KEY_REQUIRED');
    const put = await upload();
    expect(put.status).toBe(401);
    expect(await codeOf(put)).toBe('API_KEY_REQUIRED');
    const blob = await fetch(`${base}/blobs/${'a'.repeat(64)}`);
    expect(blob.status).toBe(401);
    const query = await gql('{ mapList(first: 1) { edges { cursor } } }');
    expect(query.status).toBe(200);
  });

  it('a live key uploads and fetches the exact bytes by SHA-256; an unknown or revoked key is refused', async () => {
    const { key, record } = await keys.create('tester');
    const put = await upload(bearer(key));
    expect(put.status).toBe(201);
    const { id } = (await put.json()) as { id: string };
    expect(id).toBe(createHash('sha256').update(mapBytes).digest('hex'));
    const blob = await fetch(`${base}/blobs/${id}`, { headers: { 'x-api-key': key } });
    expect(blob.status).toBe(200);
    expect(createHash('sha256').update(new Uint8Array(await blob.arrayBuffer())).digest('hex')).toBe(id);
    expect((await fetch(`${base}/blobs/${'b'.repeat(64)}`, { headers: bearer(key) })).status).toBe(404);

    const forged = `vrs_${record.id}_${'A'.repeat(43)}`;
    const wrong = await fetch(`${base}/blobs/${id}`, { headers: bearer(forged) });
    expect(wrong.status).toBe(401);
    expect(await codeOf(wrong)).toBe('API_KEY_INVALID');
    expect(await keys.revoke(record.id)).toBe(true);
    const revoked = await fetch(`${base}/blobs/${id}`, { headers: bearer(key) });
    expect(revoked.status).toBe(401);
    expect(await codeOf(revoked)).toBe('API_KEY_INVALID');
    expect((await keys.list()).find((k) => k.id === record.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it('answers 429 with Retry-After beyond the key’s rate', async () => {
    const { key } = await keys.create('slow client', { ratePerMinute: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await gql('{ mapList(first: 1) { edges { cursor } } }', bearer(key));
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(20); // one token of 3 a minute: ≤ 20 s
  });

  it('refuses an upload beyond the key’s daily quota', async () => {
    const { key } = await keys.create('small quota', { uploadBytesPerDay: mapBytes.length + 10 });
    expect((await upload(bearer(key))).status).toBe(201);
    const second = await upload(bearer(key));
    expect(second.status).toBe(429);
    expect(await codeOf(second)).toBe('UPLOAD_QUOTA_EXCEEDED');
  });

  it('echoes the request id and counts requests on /metrics', async () => {
    const res = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'trace-me-42' } });
    expect(res.headers.get('x-request-id')).toBe('trace-me-42');
    expect((await fetch(`${base}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/vrs_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/);
    expect(text).toMatch(/vrs_http_request_duration_seconds_count\{method="PUT",route="\/maps\/:filename",status="401"\} [1-9]/);
  });
});

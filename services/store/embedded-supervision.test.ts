/**
 * A killed embedded PostgreSQL comes back by itself (issue 18.5): its postmaster is killed with
 * SIGKILL while a computation runs; the supervisor starts it again on the same port, the
 * connections come back, and the computation's outcome is stored once: nothing lost, nothing
 * doubled. On an embedded cluster of this test's own (never the shared server), whose password
 * is its own too.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEmbeddedPostgres, openStore, type EmbeddedServer, type Store } from './index.js';
import { databaseAnswers } from './embedded-postgres.js';
import { sampleMap } from './testing.js';

const root = mkdtempSync(join(tmpdir(), 'vrs-pg-supervision-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
const clusterDir = join(root, 'pg');
let server: EmbeddedServer;
let store: Store;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const postmasterPid = () => Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

const answers = (url: string) => databaseAnswers(url, 1000);

beforeAll(async () => {
  server = await ensureEmbeddedPostgres(clusterDir, { superviseMs: 250 });
  store = await openStore({ url: server.url, blobDir: join(root, 'blobs'), memo: { pollMs: 100 } });
});
afterAll(async () => {
  await store?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('embedded PostgreSQL password (issue 18.6)', () => {
  it('is made at random for the cluster, kept in <cluster>.password (mode 600), and the old constant does not open it', async () => {
    const file = `${clusterDir}.password`;
    const password = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes, base64url
    expect(decodeURIComponent(new URL(server.url).password)).toBe(password);
    const legacy = new URL(server.url);
    legacy.password = 'vrs-embedded-local';
    expect(await answers(legacy.toString())).toBe(false);
    expect(await answers(server.url)).toBe(true);
  });
});

describe('embedded PostgreSQL supervision', () => {
  it('a postmaster killed mid-computation is started again on its port; the outcome is stored once', async () => {
    const mapId = (await store.maps.insert(sampleMap())).map.id;
    const key = { mapId, metric: 'survives-a-kill', params: { threshold: 1 }, version: '1' };
    let computations = 0;
    const killed = postmasterPid();
    const outcome = await store.memo.getOrCompute(key, async () => {
      computations++;
      process.kill(killed, 'SIGKILL'); // the database dies while we compute
      const deadline = Date.now() + 5_000;
      while ((await answers(server.url)) && Date.now() < deadline) await delay(50); // it is down…
      const back = Date.now() + 60_000;
      while (!(await answers(server.url)) && Date.now() < back) await delay(200); // …and comes back by itself
      return { result: { answer: 42 } };
    });
    expect(outcome.result).toEqual({ answer: 42 });
    expect(postmasterPid()).not.toBe(killed);
    expect(new URL(server.url).port).toBe(String(server.port)); // the same port: the URLs in use still hold
    // stored (at once, or by the pending-write retry), computed once, one row
    const deadline = Date.now() + 20_000;
    while ((await store.memo.getState(key))?.state !== 'done' && Date.now() < deadline) await delay(200);
    expect(await store.memo.getState(key)).toMatchObject({ state: 'done', attempts: 1 });
    expect(computations).toBe(1);
    const rows = await store.dataSource.query(`SELECT count(*)::int AS n FROM metric_results WHERE metric = 'survives-a-kill'`);
    expect(rows[0].n).toBe(1);
    // and the store works as before
    expect((await store.maps.get(mapId))?.id).toBe(mapId);
  });
});

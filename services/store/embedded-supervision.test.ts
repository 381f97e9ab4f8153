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

describe('claim staleness after a restart', () => {
  // A restarted server accepts connections only after its crash recovery, some time after its
  // postmaster started; owners can beat again only from then. Here no client is connected for
  // 3 s, then the store connects again: to the claimant the server "accepted connections" just
  // now, while its postmaster started long before. A claim silent since before then is not
  // taken over until staleMs after the oldest open connection started (counting from the
  // postmaster's start would take it over at once).
  it('counts from when the server accepted connections, not from its postmaster start', async () => {
    const mapId = (await store.maps.insert(sampleMap({ name: 'stale-after-restart' }))).map.id;
    await store.close();
    await delay(3_000);
    store = await openStore({ url: server.url, blobDir: join(root, 'blobs'), memo: { pollMs: 100 } });
    const [{ up }] = await store.dataSource.query('SELECT extract(epoch FROM now() - pg_postmaster_start_time())::float8 AS up');
    expect(up).toBeGreaterThan(3); // the postmaster's start alone would make a 2.5 s staleness pass
    const key = { mapId, metric: 'silent-owner', params: {}, version: '1' };
    await store.dataSource.query(
      `INSERT INTO metric_results (map_id, metric, params_hash, params, algorithm_version, state, worker, claim_token, attempts, claimed_at, heartbeat_at, started_at)
       VALUES ($1, 'silent-owner', $2, '{}'::jsonb, '1', 'running', 'otherhost:3:0', gen_random_uuid(), 1, now(), now() - interval '60 seconds', now())`,
      [mapId, (await import('./canonical.js')).paramsHash({})]);
    let computed = 0;
    const waited = await store.memo.getOrCompute(key, async () => ({ result: computed++ }), { staleMs: 2500, pollMs: 100, waitTimeoutMs: 800 }).catch((e) => e);
    expect(waited).toMatchObject({ code: 'MEMO_WAIT_TIMEOUT' });
    expect(computed).toBe(0);
    // staleMs after the connections started, the silent claim is taken over
    const outcome = await store.memo.getOrCompute(key, async () => ({ result: 'taken over' }), { staleMs: 2500, pollMs: 100 });
    expect(outcome.row).toMatchObject({ attempts: 2, state: 'done', result: 'taken over' });
  }, 60_000);
});

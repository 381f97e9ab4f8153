import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrsError } from '../../worker-pool/errors.js';
import { openStore, type MemoKey, type Store } from './index.js';
import { sampleMap } from './testing.js';
import { createScratchDatabase, type ScratchDatabase } from './testing.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./child.script.js', import.meta.url));
// A fresh blob folder per run, removed at the end (nothing left in /tmp, nothing inherited).
const BLOBS = mkdtempSync(join(tmpdir(), 'vrs-test-blobs-'));

let scratch: ScratchDatabase;
let store: Store;
let other: Store; // a second store on the same database: behaves like another process
let mapId: string;

const key = (metric: string, params: unknown = { threshold: 0.5 }): MemoKey => ({ mapId, metric, params, version: '1' });
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  scratch = await createScratchDatabase();
  store = await openStore({ url: scratch.url, blobDir: BLOBS, memo: { pollMs: 100 } });
  other = await openStore({ url: scratch.url, blobDir: BLOBS, memo: { pollMs: 100 } });
  mapId = (await store.maps.insert(sampleMap())).map.id;
  await store.dataSource.query('CREATE TABLE compute_log (id serial PRIMARY KEY, pid integer NOT NULL, at timestamptz DEFAULT now())');
});
afterAll(async () => {
  await store?.close();
  await other?.close();
  await scratch?.drop();
  rmSync(BLOBS, { recursive: true, force: true });
});

describe('getOrCompute', () => {
  it('computes once for 20 concurrent callers in one process, then serves the stored row', async () => {
    let computations = 0;
    const compute = async () => {
      computations++;
      await delay(200);
      return { result: { value: 7, list: [1, 2, 3] } };
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.memo.getOrCompute(key('twenty'), compute)));
    expect(computations).toBe(1);
    for (const o of outcomes) expect(o.result).toEqual({ value: 7, list: [1, 2, 3] });
    expect(outcomes[0].fromCache).toBe(false);
    expect(outcomes[0].computeMillis).toBeGreaterThanOrEqual(190);
    const again = await store.memo.getOrCompute(key('twenty'), compute);
    expect(again).toMatchObject({ fromCache: true, result: { value: 7, list: [1, 2, 3] } });
    expect(again.row).toMatchObject({ state: 'done', attempts: 1, worker: store.memo.workerId });
    expect(computations).toBe(1);
  });

  it('computes once for concurrent callers through two independent stores (the database claim alone)', async () => {
    let computations = 0;
    const compute = async () => {
      computations++;
      await delay(300);
      return { result: 'shared' };
    };
    const outcomes = await Promise.all([
      ...Array.from({ length: 5 }, () => store.memo.getOrCompute(key('two-stores'), compute)),
      ...Array.from({ length: 5 }, () => other.memo.getOrCompute(key('two-stores'), compute)),
    ]);
    expect(computations).toBe(1);
    expect(outcomes.map((o) => o.result)).toEqual(Array(10).fill('shared'));
    expect(outcomes.filter((o) => !o.fromCache)).toHaveLength(5); // the owner's in-process group
  });

  it('keys on canonical parameters: key order does not matter, values and versions do', async () => {
    let computations = 0;
    const compute = async () => ({ result: ++computations });
    await store.memo.getOrCompute(key('canon', { a: 1, b: { c: 2, d: 3 } }), compute);
    const same = await store.memo.getOrCompute(key('canon', { b: { d: 3, c: 2 }, a: 1 }), compute);
    expect(same).toMatchObject({ fromCache: true, result: 1 });
    await store.memo.getOrCompute(key('canon', { a: 2, b: { c: 2, d: 3 } }), compute);
    await store.memo.getOrCompute({ ...key('canon', { a: 1, b: { c: 2, d: 3 } }), version: '2' }, compute);
    expect(computations).toBe(3);
  });

  it('stores a failure with its code, rethrows it to waiters, and retries on the next request', async () => {
    let calls = 0;
    const failing = async (): Promise<never> => {
      calls++;
      await delay(300);
      throw new VrsError('MAP_TRUNCATED', 'the mask is empty at this threshold');
    };
    // The owner (store) and a waiter in "another process" (other).
    const owner = store.memo.getOrCompute(key('fails'), failing).catch((e) => e);
    await delay(50);
    const waiter = other.memo.getOrCompute(key('fails'), failing).catch((e) => e);
    const [ownerError, waiterError] = await Promise.all([owner, waiter]);
    expect(calls).toBe(1);
    expect(ownerError).toBeInstanceOf(VrsError);
    expect(waiterError).toBeInstanceOf(VrsError);
    expect(ownerError.code).toBe('MAP_TRUNCATED');
    expect(waiterError.code).toBe('MAP_TRUNCATED');
    expect(waiterError.message).toBe('the mask is empty at this threshold');
    const state = await store.memo.getState(key('fails'));
    expect(state).toMatchObject({ state: 'failed', attempts: 1, error: { code: ownerError.code, message: 'the mask is empty at this threshold' } });
    expect(state!.computeMillis).toBeGreaterThanOrEqual(250);

    const retried = await other.memo.getOrCompute(key('fails'), async () => ({ result: 'fixed' }));
    expect(retried).toMatchObject({ fromCache: false, result: 'fixed' });
    expect(retried.row).toMatchObject({ state: 'done', attempts: 2, error: null });
  });

  it('stores non-VrsError failures as INTERNAL', async () => {
    const err = await store.memo.getOrCompute(key('boom'), async () => { throw new TypeError('x is undefined'); }).catch((e) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(await store.memo.getState(key('boom'))).toMatchObject({ state: 'failed', error: { code: 'INTERNAL', message: 'x is undefined' } });
  });

  it('takes over a claim whose owner died (old heartbeat)', async () => {
    const k = key('stale');
    await store.dataSource.query(
      `INSERT INTO metric_results (map_id, metric, params_hash, params, algorithm_version, state, worker, claim_token, attempts, claimed_at, heartbeat_at, started_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 'running', 'deadhost:1:0', gen_random_uuid(), 1, now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour')`,
      [mapId, k.metric, (await import('./canonical.js')).paramsHash(k.params), JSON.stringify(k.params), k.version]);
    const started = Date.now();
    // staleMs counts from the later of the heartbeat and the server's start, and the test's
    // embedded server may have started less than the default 30 s ago
    const outcome = await store.memo.getOrCompute(k, async () => ({ result: 'taken over' }), { staleMs: 1000 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ fromCache: false, result: 'taken over' });
    expect(outcome.row).toMatchObject({ attempts: 2, worker: store.memo.workerId, state: 'done' });
  });

  it('waits for a live owner, and takes over once its heartbeat stops for staleMs', async () => {
    const k = key('dies-later');
    // A live owner in "another process" whose heartbeat then stops (as if killed).
    await store.dataSource.query(
      `INSERT INTO metric_results (map_id, metric, params_hash, params, algorithm_version, state, worker, claim_token, attempts, claimed_at, heartbeat_at, started_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 'running', 'otherhost:2:0', gen_random_uuid(), 1, now(), now(), now())`,
      [mapId, k.metric, (await import('./canonical.js')).paramsHash(k.params), JSON.stringify(k.params), k.version]);
    const started = Date.now();
    const outcome = await store.memo.getOrCompute(k, async () => ({ result: 'after takeover' }), { staleMs: 1500, pollMs: 100 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1300);
    expect(waited).toBeLessThan(5000);
    expect(outcome.row).toMatchObject({ attempts: 2, state: 'done', result: 'after takeover' });
  });

  it('after a database restart, a claim is stale only staleMs after the restart (its owner gets time to beat again)', async () => {
    // The server's uptime stands for an outage that just ended: a claim whose last heartbeat
    // is older than the restart, with staleMs longer than the uptime, belongs to an owner that
    // may be alive and was only cut off. It is not taken over, and not shown as interrupted.
    const [{ up }] = await store.dataSource.query('SELECT extract(epoch FROM now() - pg_postmaster_start_time())::float8 AS up');
    expect(up).toBeGreaterThan(1);
    const k = key('restarted');
    await store.dataSource.query(
      `INSERT INTO metric_results (map_id, metric, params_hash, params, algorithm_version, state, worker, claim_token, attempts, claimed_at, heartbeat_at, started_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 'running', 'otherhost:3:0', gen_random_uuid(), 1, now(), pg_postmaster_start_time() - interval '1 second', now())`,
      [mapId, k.metric, (await import('./canonical.js')).paramsHash(k.params), JSON.stringify(k.params), k.version]);
    const staleMs = (up + 120) * 1000;
    let computed = 0;
    const waited = await other.memo.getOrCompute(k, async () => ({ result: computed++ }), { staleMs, pollMs: 100, waitTimeoutMs: 1000 }).catch((e) => e);
    expect(waited).toMatchObject({ code: 'MEMO_WAIT_TIMEOUT' });
    expect(computed).toBe(0);
    // the same claim with a staleness shorter than the time since the restart is taken over
    const outcome = await other.memo.getOrCompute(k, async () => ({ result: 'after takeover' }), { staleMs: 500, pollMs: 100 });
    expect(outcome.row).toMatchObject({ attempts: 2, state: 'done', result: 'after takeover' });
  });

  it('an owner whose claim was taken over before it computed waits for the new owner instead of computing twice', async () => {
    const k = key('fenced');
    let computed = 0;
    const outcome = store.memo.getOrCompute(k, async (stillOwner) => {
      // meanwhile another process took the claim over (our heartbeats did not reach the database)
      await other.dataSource.query(`UPDATE metric_results SET claim_token = gen_random_uuid(), worker = 'otherhost:4:0', heartbeat_at = now() WHERE metric = $1`, [k.metric]);
      await stillOwner();
      computed++;
      return { result: 'ours' };
    }, { pollMs: 100 });
    await delay(500);
    await other.dataSource.query(`UPDATE metric_results SET state = 'done', result = '"theirs"'::jsonb, finished_at = now() WHERE metric = $1`, [k.metric]);
    expect(await outcome).toMatchObject({ result: 'theirs', fromCache: true });
    expect(computed).toBe(0);
  });

  it('wakes a waiter by NOTIFY, not by polling', async () => {
    const owner = store.memo.getOrCompute(key('notify'), async () => {
      await delay(500);
      return { result: 'notified' };
    });
    await delay(100);
    const started = Date.now();
    // Polling every 20 s: only the notification can bring this back in time.
    const waited = await other.memo.getOrCompute(key('notify'), async () => ({ result: 'wrong' }), { pollMs: 20_000 });
    expect(waited).toMatchObject({ fromCache: true, result: 'notified' });
    expect(Date.now() - started).toBeLessThan(3000);
    await owner;
  });

  it('keeps a slow owner alive with heartbeats (no takeover while it computes)', async () => {
    let computations = 0;
    const slow = async () => {
      computations++;
      await delay(1500);
      return { result: 'slow' };
    };
    const opts = { staleMs: 600, heartbeatMs: 100, pollMs: 100 };
    const first = store.memo.getOrCompute(key('heartbeat'), slow, opts);
    await delay(100);
    const second = other.memo.getOrCompute(key('heartbeat'), slow, opts);
    const [a, b] = await Promise.all([first, second]);
    expect(computations).toBe(1);
    expect(a.result).toBe('slow');
    expect(b).toMatchObject({ fromCache: true, result: 'slow' });
  });

  it('an outcome reached while the database is away is stored as soon as it answers again (the row does not stay running)', async () => {
    // the first two writes of the outcome meet an outage, as when PostgreSQL restarts mid-computation
    const memo = store.memo as unknown as { finish: (...args: unknown[]) => Promise<unknown> };
    const real = memo.finish;
    let refused = 0;
    memo.finish = function (this: unknown, ...args: unknown[]) {
      if (refused < 2) {
        refused++;
        return Promise.reject(new VrsError('DB_UNAVAILABLE', 'The database does not answer (test).'));
      }
      return real.apply(this, args);
    };
    try {
      const done = await store.memo.getOrCompute(key('outage-done'), async () => ({ result: { ok: 1 } }));
      expect(done).toMatchObject({ result: { ok: 1 }, fromCache: false }); // the caller has its result at once
      await expect(store.memo.getOrCompute(key('outage-failed'), async () => { throw new VrsError('BAD_PARAMETER', 'no'); })).rejects.toThrow('no');
      const settled = async (metric: string) => {
        for (let t = 0; t < 100; t++) {
          const state = (await other.memo.getState(key(metric)))?.state;
          if (state !== 'running') return state;
          await delay(100);
        }
        return 'still running';
      };
      expect(await settled('outage-done')).toBe('done');
      expect(await settled('outage-failed')).toBe('failed');
      expect(store.memo.pendingWrites.pending).toBe(0);
    } finally {
      memo.finish = real;
    }
  });

  it('a store whose connection the server ends between two of its statements keeps the result, writes it when it can, and the key is computed once', async () => {
    // What a PostgreSQL restart did to the stack test: the outcome's transaction lost its
    // connection after its UPDATE; TypeORM released the transaction's runner, and the next
    // statement (an artifact row, the NOTIFY) failed "Database connection provided by a query
    // runner was already released". Not known as an outage, the result was dropped, the claim's
    // heartbeat stopped, and the next asker took the claim over and computed the key again.
    const k = key('cut-store');
    const source = store.dataSource as unknown as { createQueryRunner: (...args: unknown[]) => any };
    const real = source.createQueryRunner;
    let cuts = 0;
    source.createQueryRunner = function (this: unknown, ...args: unknown[]) {
      const runner = real.apply(this, args);
      const query = runner.query.bind(runner);
      runner.query = async (sql: string, params?: unknown[], structured?: boolean) => {
        const out = await query(sql, params, structured);
        if (cuts === 0 && sql.trimStart().startsWith('UPDATE metric_results SET state')) {
          cuts++;
          // the server ends this connection; go on once TypeORM has seen it and released the runner
          await other.dataSource.query('SELECT pg_terminate_backend($1)', [runner.databaseConnection.processID]);
          for (let t = 0; t < 200 && !runner.isReleased; t++) await delay(10);
        }
        return out;
      };
      return runner;
    };
    let computed = 0;
    let outcome: unknown;
    try {
      outcome = await store.memo.getOrCompute(k, async () => ({ result: { by: `computation ${++computed}` } }), { staleMs: 1000, heartbeatMs: 100 })
        .catch((error: unknown) => error);
    } finally {
      source.createQueryRunner = real;
    }
    expect(cuts).toBe(1);
    expect(outcome).toMatchObject({ result: { by: 'computation 1' }, fromCache: false }); // the caller has its result
    // another process asks once the claim would have gone stale (staleMs 1 s) had its owner given up
    await delay(1500);
    const again = await other.memo.getOrCompute(k, async () => ({ result: { by: `computation ${++computed}` } }), { staleMs: 1000, pollMs: 100 });
    expect([computed, again.result, again.fromCache]).toEqual([1, { by: 'computation 1' }, true]);
    expect(store.memo.pendingWrites.pending).toBe(0);
  });

  it('a stopping process hands back what it computes: a waiter elsewhere takes it over at once, and the late outcome does not land', async () => {
    let finishFirst!: (v: { result: { by: string } }) => void;
    const first = store.memo.getOrCompute(key('handed-back'), () => new Promise<{ result: { by: string } }>((r) => (finishFirst = r)));
    await delay(200); // store owns the claim now
    const t0 = performance.now();
    let computedByOther = 0;
    const waiter = other.memo.getOrCompute(key('handed-back'), async () => {
      computedByOther++;
      return { result: { by: 'other' } };
    });
    await delay(300); // other waits on the live claim
    expect(computedByOther).toBe(0);
    await store.memo.releaseClaims(); // e.g. vrs serve stopping
    expect(await waiter).toMatchObject({ result: { by: 'other' }, fromCache: false });
    expect(performance.now() - t0).toBeLessThan(10_000); // not the 30 s stale window
    expect(computedByOther).toBe(1);
    finishFirst({ result: { by: 'store' } });
    await first.catch(() => undefined);
    expect((await other.memo.getState(key('handed-back')))?.state).toBe('done');
    const row = (await store.dataSource.query(`SELECT result FROM metric_results WHERE metric = 'handed-back'`))[0];
    expect(row.result).toEqual({ by: 'other' });
  });

  it('a process killed with SIGKILL mid-computation: its claim shows as interrupted when read, and the next request computes at once', async () => {
    const k = key('killed-owner');
    const child = spawn(process.execPath, [CHILD, 'compute'], {
      env: { ...process.env, DATABASE_URL: scratch.url, VRS_CHILD_BLOB_DIR: BLOBS, VRS_CHILD_KEY: JSON.stringify(k), VRS_CHILD_SLEEP_MS: '120000', VRS_CHILD_CALLERS: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for (let t = 0; t < 200 && (await store.dataSource.query(`SELECT 1 FROM metric_results WHERE metric = 'killed-owner' AND state = 'running'`)).length === 0; t++) await delay(100);
    child.kill('SIGKILL');
    await exited;
    // its heartbeat is seconds old, far from the 30 s stale window: the dead pid of this host decides
    const state = await store.memo.getState(k);
    expect(state).toMatchObject({ state: 'failed', error: { code: 'CANCELLED', message: expect.stringContaining('stopped before it finished') } });
    const t0 = performance.now();
    expect(await other.memo.getOrCompute(k, async () => ({ result: 'again' }))).toMatchObject({ result: 'again', fromCache: false });
    expect(performance.now() - t0).toBeLessThan(5_000);
    await store.dataSource.query('DELETE FROM compute_log WHERE pid = $1', [child.pid]); // the killed child's start, not another test's computation
  });

  it('at start-up, claims of gone owners are interrupted (a dead local pid, a silent other host), those of live ones kept', async () => {
    const insert = async (metric: string, worker: string, heartbeatAgo: string) => {
      await store.dataSource.query(
        `INSERT INTO metric_results (map_id, metric, params_hash, algorithm_version, inputs_hash, params, inputs, state, worker, claim_token, attempts, claimed_at, heartbeat_at, started_at)
         VALUES ($1, $2, md5($2), '1', '', '{}'::jsonb, '{}'::jsonb, 'running', $3, gen_random_uuid(), 1, now(), now() - $4::interval, now())`,
        [mapId, metric, worker, heartbeatAgo]);
    };
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await insert('startup-dead-pid', `${hostname()}:${gone.pid}:0`, '1 second');
    await insert('startup-silent-host', 'elsewhere.example:4242:0', '1 hour');
    await insert('startup-live-here', `${hostname()}:${process.pid}:0`, '1 second');
    await insert('startup-live-elsewhere', 'elsewhere.example:4243:0', '1 second');
    // staleness counts from the later of the heartbeat and the server's start, and the test's
    // embedded server may have started less than the default 30 s ago: 3 s here
    const fresh = await openStore({ url: scratch.url, blobDir: BLOBS, memo: { staleMs: 3000 } });
    try {
      expect(await fresh.memo.reconcileOrphanedClaims()).toBe(2);
    } finally {
      await fresh.close();
    }
    const states = await store.dataSource.query(`SELECT metric, state, error->>'code' AS code FROM metric_results WHERE metric LIKE 'startup-%' ORDER BY metric`);
    expect(states).toEqual([
      { metric: 'startup-dead-pid', state: 'failed', code: 'CANCELLED' },
      { metric: 'startup-live-elsewhere', state: 'running', code: null },
      { metric: 'startup-live-here', state: 'running', code: null },
      { metric: 'startup-silent-host', state: 'failed', code: 'CANCELLED' },
    ]);
    await store.dataSource.query(`DELETE FROM metric_results WHERE metric LIKE 'startup-%'`);
  });

  it('reports state, enqueues without computing, lists a map\'s rows and records artifacts', async () => {
    const k = key('queued-one');
    expect(await store.memo.getState(k)).toBeNull();
    const queued = await store.memo.enqueue(k);
    expect(queued).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await store.memo.enqueue(k)).toMatchObject({ id: queued.id, state: 'queued' });
    expect(await store.memo.getState(k)).toMatchObject({ state: 'queued' });
    const sha = 'ab'.repeat(32);
    const outcome = await store.memo.getOrCompute(k, async () => ({
      result: { ok: true }, artifacts: [{ sha256: sha, mediaType: 'image/png', role: 'centralSlice', sizeBytes: 123 }],
    }));
    expect(outcome.row).toMatchObject({ id: queued.id, state: 'done', attempts: 1 });
    const state = await store.memo.getState(k);
    expect(state).toMatchObject({ state: 'done', worker: store.memo.workerId });
    expect(state!.finishedAt!.getTime()).toBeGreaterThanOrEqual(state!.startedAt!.getTime());
    const artifact = await store.blobs.get(sha);
    expect(artifact).toMatchObject({ mediaType: 'image/png', role: 'centralSlice', sizeBytes: 123, mapId, metricResultId: queued.id });
    const rows = await store.memo.listResults(mapId);
    expect(rows.map((r) => r.metric)).toContain('queued-one');
    expect(rows.every((r) => r.mapId === mapId)).toBe(true);
  });

  it('refuses keys of unregistered maps and malformed ids with codes', async () => {
    await expect(store.memo.getOrCompute({ mapId: 'c'.repeat(64), metric: 'm', params: {}, version: '1' }, async () => ({ result: 1 })))
      .rejects.toMatchObject({ code: 'MAP_NOT_REGISTERED' });
    await expect(store.memo.getOrCompute({ mapId: 'nope', metric: 'm', params: {}, version: '1' }, async () => ({ result: 1 })))
      .rejects.toMatchObject({ code: 'BAD_PARAMETER' });
  });

  it('computes once when two processes ask for the same key at the same time', async () => {
    const k = key('two-processes');
    const env = {
      ...process.env, DATABASE_URL: scratch.url, VRS_CHILD_KEY: JSON.stringify(k), VRS_CHILD_SLEEP_MS: '1000',
      VRS_CHILD_GO_AT: String(Date.now() + 2500), VRS_CHILD_BLOB_DIR: BLOBS,
    };
    const [a, b] = await Promise.all([run('node', [CHILD, 'compute'], { env }), run('node', [CHILD, 'compute'], { env })]);
    // Each child asked with 10 concurrent callers; all of them print the same outcome.
    const linesA = a.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const linesB = b.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(linesA).toHaveLength(10);
    expect(linesB).toHaveLength(10);
    const outA = linesA[0];
    const outB = linesB[0];
    const log: { pid: number }[] = await store.dataSource.query('SELECT pid FROM compute_log');
    expect(log).toHaveLength(1);
    expect([outA.fromCache, outB.fromCache].sort()).toEqual([false, true]);
    for (const line of [...linesA, ...linesB]) expect(line.result).toEqual(outA.result);
    expect(outA.result.computedBy).toBe(log[0].pid);
  });
});

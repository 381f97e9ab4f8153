/**
 * Issue 19's stack: one gateway (`vrs serve --no-compute`) and three workers (`vrs worker`), each
 * a process with its own data folder (hosts simulated on loopback: a worker gets maps only by
 * SHA-256 from the gateway), on an embedded PostgreSQL of this test's own (never the shared
 * server: the test kills it). `vrs batch` of 12 synthetic maps must compute every (map, metric)
 * once (one completed job and one claim per memo key), with results equal to a one-process
 * `vrs serve`'s, while PostgreSQL is killed mid-batch and stays away longer than a claim's
 * staleness before it comes back (/healthz: degraded, then ok); a worker SIGKILLed mid-job has
 * its job finished by another within 60 s.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '../../services/cli/sample.js';
import { queueSettings } from '../../services/jobs/config.js';
import { MetricJobQueue } from '../../services/jobs/queue.js';
import { QueuedMemoStore } from '../../services/jobs/queued-store.js';
import { tryLockSync } from '../../services/store/cluster-users.js';
import { ensureEmbeddedPostgres, openStore, type EmbeddedServer, type Store } from '../../services/store/index.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { startVrs, type VrsProcess } from '../testing/processes.js';
import { runVrs } from '../testing/vrs.js';

const MAPS = 12;
const root = mkdtempSync(join(tmpdir(), 'vrs-many-machines-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
const clusterDir = join(root, 'pg');
const mapsDir = join(root, 'maps');
let server: EmbeddedServer;
let url: string;
let refUrl: string;
let key: string;
let gatewayUrl: string;
let gateway: VrsProcess;
const workers: VrsProcess[] = [];
const metricsUrls: string[] = [];
/** What `vrs worker --metrics-port 0` prints: the URL of the port it got. */
const METRICS_LINE = /worker metrics on (\S+)/;

/** Computations each worker made, by metric (its Prometheus counter vrs_compute_seconds_count, outcome done). */
async function computedByWorkers(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const metricsUrl of metricsUrls) {
    const text = await (await fetch(metricsUrl)).text();
    for (const m of text.matchAll(/^vrs_compute_seconds_count\{metric="([^"]+)",outcome="done"\} (\d+)$/gm)) {
      counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + Number(m[2]));
    }
  }
  return counts;
}

/** Claims go stale after this long without a heartbeat, in every process of the stack... */
const CLAIM_STALE_MS = 8000;
/** ...and the database stays away longer: an owner computing through the outage must keep its claim. */
const OUTAGE_MS = 12_000;

/** Each process's output, kept after the run (small) for a failure's post-mortem. */
const logDir = mkdtempSync(join(tmpdir(), 'vrs-many-machines-logs-'));
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const withDb = (u: string) => (name: string) => { const x = new URL(u); x.pathname = `/${name}`; return x.toString(); };

/** Settings that make a dead worker's job come back in seconds, not minutes. */
const ENV = {
  VRS_JOB_EXPIRE_S: '12', VRS_JOB_MAINTENANCE_S: '2', VRS_JOB_RETRY_DELAY_S: '1', VRS_JOB_POLL_S: '0.5', VRS_JOB_WAIT_POLL_MS: '300',
  VRS_LOG_LEVEL: 'info', VRS_TEST_NAP_MS: '3000', VRS_PG_SUPERVISE_MS: '0', VRS_CLAIM_STALE_MS: String(CLAIM_STALE_MS),
  VRS_METRIC_MODULES: join(REPO_ROOT, 'dist/worker-pool/testing/pool-test-metrics.js'),
};

async function query<T>(u: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: u, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Results by memo key, without the time each took. */
async function results(u: string): Promise<Map<string, unknown>> {
  const rows = await query<{ k: string; result: unknown }>(u, "SELECT map_id || ' ' || metric || ' ' || params_hash || ' ' || algorithm_version || ' ' || inputs_hash AS k, result FROM metric_results WHERE state = 'done' AND metric LIKE 'level0.%'");
  const strip = (v: unknown): unknown => Array.isArray(v) ? v.map(strip)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'computeMillis').map(([k, x]) => [k, strip(x)])) : v;
  return new Map(rows.map((r) => [r.k, strip(r.result)]));
}

beforeAll(async () => {
  // durable commits: the test kills the server, and a commit it acknowledged must survive (as on any
  // production server); with synchronous commit off the restarted server forgot the last ones (a
  // section stored done came back running and was computed again; a worker's cache still said done)
  server = await ensureEmbeddedPostgres(clusterDir, { superviseMs: 250, ephemeral: true, durableCommits: true });
  url = server.url;
  await query(url, 'CREATE DATABASE vrs_reference');
  refUrl = withDb(url)('vrs_reference');
  mkdirSync(mapsDir);
  for (let i = 1; i <= MAPS; i++) writeSample(join(mapsDir, `map${String(i).padStart(2, '0')}.mrc`), { size: 40, voxelSize: 1.5, resolution: 4, seed: i });

  // the one-process reference: `vrs serve` computing everything itself, and `vrs batch` against it
  mkdirSync(join(root, 'ref'));
  const ref = startVrs(['serve', '--port', '0'], join(root, 'ref'), { ...ENV, DATABASE_URL: refUrl, VRS_DATA_DIR: join(root, 'ref') });
  const refUrlHttp = (await ref.waitFor(/serving http/, 120_000)).match(/(http:\/\/[^/]+)/)![1]!;
  const refBatch = await runVrs(['batch', mapsDir, '--gateway', refUrlHttp, '--csv', join(root, 'ref.csv')], root, ENV);
  await ref.stop();
  expect(refBatch.code, refBatch.stderr).toBe(0);

  const created = await runVrs(['keys', 'create', 'stack-test', '--json'], root, { ...ENV, DATABASE_URL: url });
  expect(created.code, created.stderr).toBe(0);
  key = JSON.parse(created.stdout).key;
  mkdirSync(join(root, 'gateway'));
  gateway = startVrs(['serve', '--no-compute', '--port', '0'], join(root, 'gateway'), { ...ENV, DATABASE_URL: url, VRS_DATA_DIR: join(root, 'gateway'), VRS_REQUIRE_API_KEY: '1' }, join(logDir, 'gateway.log'));
  gatewayUrl = (await gateway.waitFor(/serving http/, 120_000)).match(/(http:\/\/[^/]+)/)![1]!;
  for (let i = 1; i <= 3; i++) {
    const dir = join(root, `worker${i}`);
    mkdirSync(dir);
    // the worker picks its metrics port (port 0) and prints it: a port chosen here and freed
    // again could be taken by another test's server before the worker listens on it
    const w = startVrs(['worker', '--gateway', gatewayUrl, '--api-key', key, '--data-dir', dir, '--concurrency', '1', '--metrics-port', '0'], dir, { ...ENV, DATABASE_URL: url, VRS_DATA_DIR: dir }, join(logDir, `worker${i}.log`));
    metricsUrls.push((await w.waitFor(METRICS_LINE, 120_000)).match(METRICS_LINE)![1]!);
    await w.waitFor(/taking jobs/, 120_000);
    workers.push(w);
  }
}, 600_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await gateway?.stop();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
}, 120_000);

describe('one gateway and three workers on loopback (issue 19)', () => {
  // The restart falls anywhere in the batch: between a memo row and its job (written in one
  // transaction), in a computation (its owner keeps its claim: staleness counts from the
  // restart), in a store (retried until the database answers) or a job's completion (expired,
  // retried, found done). Every key must still be computed once, by one job.
  it(`vrs batch of 12 maps: every (map, metric) computed once, equal to the one-process run, through a PostgreSQL restart`, async () => {
    const csv = join(root, 'batch.csv');
    const batch = startVrs(['batch', mapsDir, '--gateway', gatewayUrl, '--api-key', key, '--csv', csv], root, ENV, join(logDir, 'batch.log'));
    const exited = new Promise<number | null>((resolve) => batch.child.once('exit', (code) => resolve(code)));
    {
      // mid-batch: kill the postmaster (the test's own cluster); the supervisor starts it again
      for (;;) {
        const [row] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM metric_results WHERE state = 'done'").catch(() => [{ n: 0 }]);
        if (row!.n >= 25) break;
        await delay(200);
      }
      // hold the cluster's lock so the supervisor cannot start it again before OUTAGE_MS (longer than a claim's staleness)
      const unlock = tryLockSync(`${clusterDir}.lock`);
      expect(unlock).not.toBeNull();
      const postmaster = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const killedAt = Date.now();
      process.kill(postmaster, 'SIGKILL');
      const seen: string[] = [];
      const health = async () => {
        const status = await fetch(`${gatewayUrl}/healthz`).then((r) => r.json() as Promise<{ status: string }>).then((b) => b.status, () => 'unreachable');
        if (seen.at(-1) !== status) seen.push(status);
      };
      while (Date.now() - killedAt < OUTAGE_MS) {
        await health();
        await delay(100);
      }
      unlock!();
      // when the restarted server first answers (crash recovery runs after the postmaster starts)
      let answeredAt = 0;
      for (const until = Date.now() + 120_000; Date.now() < until && !answeredAt; await delay(50)) {
        answeredAt = await query(url, 'SELECT 1').then(() => Date.now(), () => 0);
      }
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && seen.at(-1) !== 'ok') {
        await health();
        await delay(100);
      }
      const [{ down }] = await query<{ down: number }>(url, 'SELECT (extract(epoch FROM pg_postmaster_start_time()) * 1000)::float8 AS down');
      console.log(`[many-machines] PostgreSQL was away ${Math.round(down - killedAt)} ms (claims go stale after ${CLAIM_STALE_MS} ms), answered ${Math.round(answeredAt - down)} ms after its postmaster started; /healthz said ${seen.join(' → ')}`);
      expect(down - killedAt).toBeGreaterThan(CLAIM_STALE_MS);
      expect(seen).toContain('degraded');
      expect(seen.at(-1)).toBe('ok');
    }

    // a batch that hangs says why: the rows not done and their jobs (a post-mortem, then the failure)
    const code = await Promise.race([exited, delay(360_000).then(() => 'hung' as const)]);
    if (code === 'hung') {
      const stuck = await query(url, `SELECT m.map_id, m.metric, m.state, m.attempts, m.worker, m.heartbeat_at, m.updated_at,
        (SELECT json_agg(json_build_object('id', j.id, 'state', j.state, 'retry', j.retry_count, 'created', j.created_on, 'started', j.started_on, 'completed', j.completed_on))
         FROM vrs_jobs.job j WHERE j.data->>'metric' = m.metric AND j.data->>'mapId' = m.map_id) AS jobs
        FROM metric_results m WHERE m.state <> 'done'`).catch((e: unknown) => String(e));
      console.log(`[many-machines] the batch hangs; rows not done: ${JSON.stringify(stuck, null, 1)}`);
      batch.child.kill('SIGKILL');
    }
    expect(code, batch.output().slice(-3000)).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    expect(lines.length).toBe(MAPS * 9);
    expect(lines.filter((l) => l.split(',')[4] !== 'DONE')).toEqual([]);

    // once: every row done and computed by exactly one computation over the three workers
    // (a row's attempts count claims: a claim whose answer the outage lost is taken again, uncomputed),
    // one completed job per key, none dead
    const rows = await query<{ metric: string; state: string; attempts: number; worker: string }>(url, 'SELECT metric, state, attempts, worker FROM metric_results');
    expect(rows.filter((r) => r.state !== 'done')).toEqual([]);
    const perMetric = new Map<string, number>();
    for (const r of rows) perMetric.set(r.metric, (perMetric.get(r.metric) ?? 0) + 1);
    expect(await computedByWorkers()).toEqual(perMetric);
    const jobs = await query<{ singleton_key: string; n: number }>(url, "SELECT singleton_key, count(*)::int AS n FROM vrs_jobs.job WHERE name = 'vrs-metric' AND state = 'completed' GROUP BY singleton_key");
    expect(jobs.filter((j) => j.n !== 1)).toEqual([]);
    expect(jobs.length).toBe(MAPS * 10); // 9 sections and the threshold estimate per map
    expect((await query(url, "SELECT id FROM vrs_jobs.job WHERE state <> 'completed'"))).toEqual([]);
    expect(new Set(rows.map((r) => r.worker.split(':')[1])).size).toBeGreaterThanOrEqual(2); // the work was shared

    // the same results as one process computing everything
    const [mine, reference] = await Promise.all([results(url), results(refUrl)]);
    expect(mine.size).toBe(reference.size);
    expect(mine.size).toBeGreaterThanOrEqual(MAPS * 10);
    for (const [k, v] of reference) expect(mine.get(k), k).toEqual(v);
    // every worker outlived the restart (pg-boss 10 leaves a rejection unhandled when it cannot
    // mark a job failed while the database is away: vrs worker logs it, the job expires and is retried)
    for (const w of workers) expect(w.child.exitCode).toBeNull();
  }, 600_000);

  it('a worker SIGKILLed mid-job: another finishes the job within 60 s, stored once', async () => {
    let store: Store | null = null;
    let queue: MetricJobQueue | null = null;
    try {
      store = await openStore({ url, blobDir: join(root, 'asker-blobs') });
      // the asker's settings decide a job's retries and expiry (as the gateway's do)
      queue = await MetricJobQueue.open(url, { supervise: false, settings: queueSettings({ ...process.env, ...ENV }) });
      const asker = new QueuedMemoStore(store.memo, queue, 200);
      const [map] = await query<{ id: string }>(url, 'SELECT id FROM maps ORDER BY id LIMIT 1');
      const key = { mapId: map!.id, metric: 'test.nap', params: {}, version: '1' };
      const outcome = asker.getOrCompute<{ nx: number }>(key);
      const started = await Promise.any(workers.map(async (w, i) => { await w.waitFor(/"metric":"test\.nap".*"job started"/, 60_000); return i; }));
      const killedAt = Date.now();
      workers[started]!.child.kill('SIGKILL');
      const out = await outcome;
      const took = Date.now() - killedAt;
      expect(out.result.nx).toBe(40);
      expect(took).toBeLessThan(60_000);
      const [row] = await query<{ state: string; worker: string }>(url, "SELECT state, worker FROM metric_results WHERE metric = 'test.nap'");
      expect(row!.state).toBe('done');
      expect(row!.worker).not.toContain(`:${workers[started]!.child.pid}:`);
      const jobs = await query<{ state: string; retry_count: number }>(url, "SELECT state, retry_count FROM vrs_jobs.job WHERE data->>'metric' = 'test.nap'");
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.state).toBe('completed');
      expect(jobs[0]!.retry_count).toBeGreaterThanOrEqual(1);
      console.log(`[many-machines] the killed worker's job finished ${took} ms after the kill`);
    } finally {
      await queue?.stop(1000);
      await store?.close();
    }
  }, 180_000);
});

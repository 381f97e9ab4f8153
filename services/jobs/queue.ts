/**
 * The compute job queue on pg-boss (its schema `vrs_jobs`, made by the migrations): one job
 * per memo key, its singleton key the memo key's digest, on a 'stately' queue, so concurrent
 * asks make one queued job whoever asks; retries with exponential backoff; a job whose worker
 * died (SIGKILL, a lost host) is expired after VRS_JOB_EXPIRE_S and retried by another
 * worker; a job out of retries goes to the dead-letter queue. The memo stays the result store:
 * a job carries only what to compute, a worker stores the outcome in the memo row.
 */
import PgBoss from 'pg-boss';
import { describeUrl, withDb } from '../store/db-errors.js';
import type { SqlExecutor } from '../store/memo.js';
import { queueSettings, type QueueSettings } from './config.js';
import { JOB_SCHEMA, METRIC_QUEUE } from './names.js';

/** What a job asks for: the metric's memo key parts (its params are the key's). */
export interface MetricJob {
  mapId: string;
  metric: string;
  params: object;
  /** The memo key's digest the asker expects (a worker of another version computes another key). */
  digest: string;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
/** States in which a job will still run. */
export const OPEN_STATES: ReadonlySet<JobState> = new Set(['created', 'retry', 'active']);

export interface LatestJob {
  id: string;
  state: JobState;
  retryCount: number;
  output: unknown;
}

/** The newest job of a memo key on `sql` (null when none was ever queued). */
export async function latestOn(sql: SqlExecutor, digest: string): Promise<LatestJob | null> {
  const { rows } = await sql.executeSql(`SELECT id, state, retry_count, output FROM ${JOB_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 ORDER BY created_on DESC LIMIT 1`, [METRIC_QUEUE, digest]);
  const r = rows[0] as { id: string; state: JobState; retry_count: number; output: unknown } | undefined;
  return r ? { id: r.id, state: r.state, retryCount: r.retry_count, output: r.output } : null;
}

/** Until the transaction ends, no other sender of this memo key's job gets past this (senders only; workers never wait on it). */
export async function lockKey(sql: SqlExecutor, digest: string): Promise<void> {
  await sql.executeSql('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [SEND_LOCK_CLASS, digest]);
}

/** The first key of the two-key advisory locks held while sending a job ('vrsj'), apart from any other lock of the database. */
const SEND_LOCK_CLASS = 0x7672736a;

export class MetricJobQueue {
  private constructor(readonly boss: PgBoss, readonly settings: QueueSettings, private readonly where: string) {}

  /** Connects to the queue (its own small pool); `supervise` runs expiry and retention here too. */
  static async open(url: string, options: { supervise?: boolean; onError?: (e: Error) => void; settings?: QueueSettings } = {}): Promise<MetricJobQueue> {
    const settings = options.settings ?? queueSettings();
    const boss = new PgBoss({
      connectionString: url, schema: JOB_SCHEMA, max: 4, application_name: 'vrs-jobs',
      supervise: options.supervise ?? true, schedule: false, migrate: false,
      maintenanceIntervalSeconds: settings.maintenanceSeconds, monitorStateIntervalSeconds: Math.max(1, settings.maintenanceSeconds),
    });
    // pg-boss reports a lost connection here and reconnects by itself (a restarting database)
    boss.on('error', options.onError ?? (() => undefined));
    await boss.start();
    return new MetricJobQueue(boss, settings, describeUrl(url));
  }

  /**
   * Queues the job unless one for its key is open (queued, waiting to retry, running); the id of
   * the new job, or null. Runs on `sql` (a transaction of the caller's: the memo row that asks
   * for it commits with it). The singleton key alone is not enough: a 'stately' queue holds one
   * job per state, so a queued job may join a running one; senders of a key therefore take a
   * transaction lock on it, and the check and the send see every other sender's job. `isDone`
   * (the memo row is stored) is asked after the job is read: nothing is sent for a done key.
   */
  async enqueueUnlessOpen(job: MetricJob, sql: SqlExecutor, isDone?: (sql: SqlExecutor) => Promise<boolean>): Promise<string | null> {
    await lockKey(sql, job.digest);
    const latest = await latestOn(sql, job.digest);
    if (latest && OPEN_STATES.has(latest.state)) return null;
    // read after the job: a worker stores the row before it completes the job, so a job seen
    // completed has its row done by now (else a job that just completed is sent again)
    if (isDone && (await isDone(sql))) return null;
    return this.send(job, sql);
  }

  /** Queues the job unless one for the same key is already queued (no lock: see enqueueUnlessOpen). */
  async enqueue(job: MetricJob): Promise<string | null> {
    return this.send(job);
  }

  private send(job: MetricJob, db?: SqlExecutor): Promise<string | null> {
    const s = this.settings;
    return withDb(this.where, () => this.boss.send(METRIC_QUEUE, job, {
      singletonKey: job.digest, retryLimit: s.retryLimit, retryDelay: s.retryDelaySeconds, retryBackoff: true, expireInSeconds: s.expireSeconds,
      ...(db ? { db } : {}),
    }));
  }

  /** The newest job of a memo key (null when none was ever queued). */
  async latest(digest: string): Promise<LatestJob | null> {
    return withDb(this.where, () => latestOn(this.boss.getDb() as SqlExecutor, digest));
  }

  /** Which of these memo keys (digests) have an open job (queued, waiting to retry, running). */
  async openKeys(digests: string[]): Promise<Set<string>> {
    if (digests.length === 0) return new Set();
    const { rows } = await this.db(`SELECT DISTINCT singleton_key FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active') AND singleton_key = ANY($2::text[])`, [METRIC_QUEUE, digests]);
    return new Set((rows as { singleton_key: string }[]).map((r) => r.singleton_key));
  }

  /** Jobs of the metric queue by state (the /metrics gauge and `vrs batch`). */
  async counts(): Promise<Record<JobState, number>> {
    const { rows } = await this.db(`SELECT state, count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 GROUP BY state`, [METRIC_QUEUE]);
    const out: Record<JobState, number> = { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 };
    for (const r of rows as { state: JobState; n: number }[]) out[r.state] = r.n;
    return out;
  }

  /**
   * Runs `handler` on up to `concurrency` jobs at a time (one pg-boss worker each). A worker
   * that finished a job asks for the next at once (pg-boss would wait its polling interval
   * after every fetch: half a second a job); an idle one asks every VRS_JOB_POLL_S.
   */
  async work(concurrency: number, handler: (job: MetricJob, meta: { id: string; retryCount: number }) => Promise<unknown>): Promise<void> {
    for (let i = 0; i < concurrency; i++) {
      let workerId = '';
      workerId = await this.boss.work<MetricJob>(METRIC_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.settings.pollSeconds, includeMetadata: true }, async ([job]) => {
        if (!job) return undefined;
        try {
          return await handler(job.data, { id: job.id, retryCount: job.retryCount });
        } finally {
          this.boss.notifyWorker(workerId);
        }
      });
    }
  }

  /** Stops fetching; jobs in hand finish first (up to `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: graceMs, wait: true });
  }

  /** A query on pg-boss's pool; a lost connection is DB_UNAVAILABLE, as the store's are. */
  private db(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    return withDb(this.where, () => (this.boss.getDb() as { executeSql(t: string, v: unknown[]): Promise<{ rows: unknown[] }> }).executeSql(text, values));
  }
}

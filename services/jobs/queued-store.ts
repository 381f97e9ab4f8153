/**
 * The memo as a gateway that computes nothing sees it (`vrs serve --no-compute`): asking for a
 * metric queues its job (one per memo key: concurrent asks share it) and waits for the memo
 * row a worker stores, woken by the memo's LISTEN/NOTIFY. A failed row whose job will retry is
 * waited for; a job that failed for good ends the wait with the row's error, and a job that
 * died with its claim still running (expired on every retry) stores JOB_DEAD in the row.
 *
 * A row is 'queued' if and only if its job exists: both are written in one transaction, so a
 * database that goes away between the two loses both (the request fails, DB_UNAVAILABLE, and
 * is asked again) and never leaves a queued row without a job. `reconcile` repairs rows that
 * lost their job anyway (a database restored from a backup, a job deleted by hand): it looks
 * only at rows still 'queued' (nobody computing them), never at running ones: a dependency
 * computed inside its parent's job has no job of its own and needs none.
 */
import { VrsError } from '../../worker-pool/errors.js';
import type { MemoKey, MemoOutcome, MemoStore } from '../compute/types.js';
import { errorFromStored, type MetricMemo } from '../store/memo.js';
import { waitPollMs } from './config.js';
import { isOutage } from '../store/store-when-back.js';
import { JOB_SCHEMA, METRIC_QUEUE } from './names.js';
import { lockKey, OPEN_STATES, type JobState, type MetricJob, type MetricJobQueue } from './queue.js';

/** What a job names of a memo key (its digest is the memo's). */
type JobKey = Parameters<MetricMemo['digestOf']>[0];

export class QueuedMemoStore implements MemoStore {
  constructor(readonly memo: MetricMemo, readonly queue: MetricJobQueue, private readonly pollMs = waitPollMs()) {}

  /**
   * The row's state as stored: a claim whose owner went silent is its job's business (expired,
   * retried, taken over), not interrupted here (a status read would show it FAILED meanwhile).
   */
  getState(key: MemoKey) {
    return this.memo.getState(key, { interruptOrphans: false });
  }

  isDone(key: MemoKey): Promise<boolean> {
    return this.memo.isDone(key);
  }

  /** The row is marked queued and the job sent, in one transaction (startLevel: nobody waits). */
  async enqueue(key: MemoKey): Promise<unknown> {
    return this.memo.enqueue(key, async (row, sql) => {
      if (row.state !== 'done') await this.queue.enqueueUnlessOpen(this.jobOf(key), sql, (tx) => this.memo.isDoneOn(key, tx));
    });
  }

  /** The stored result, else a job for it and the wait; the compute closure is the workers' business. */
  async getOrCompute<T>(key: MemoKey): Promise<MemoOutcome<T>> {
    if (await this.memo.isDone(key)) return this.memo.awaitStored<T>(key, this.pollMs, async () => null);
    const digest = this.memo.digestOf(key);
    // the database away: the wait below sends it when the database is back
    await this.send(key).catch((error: unknown) => (isOutage(error) ? undefined : Promise.reject(error)));
    return this.memo.awaitStored<T>(key, this.pollMs, async (row) => {
      const job = await this.queue.latest(digest);
      if (job && OPEN_STATES.has(job.state)) return null;
      if (!job) {
        // the queue lost it (a restored database): ask again
        await this.send(key);
        return null;
      }
      if (row?.state === 'failed') return errorFromStored(row.error);
      if (job.state === 'failed') {
        const error = { code: 'JOB_DEAD', message: deadMessage(key, job.retryCount, job.output) };
        await this.memo.failUnlessDone(key, error);
        return new VrsError('JOB_DEAD', error.message);
      }
      // completed (or cancelled) with the row not done when it was read: the worker stores the
      // row before it completes the job, so read it again; if it is still not done the job
      // was lost (cancelled by hand, a restored database): ask again
      if (await this.memo.isDone(key)) return null;
      await this.send(key);
      return null;
    });
  }

  /** Queues the key's job unless one is open (queued, waiting to retry or running). */
  private async send(key: MemoKey): Promise<void> {
    await this.memo.inTransaction((sql) => this.queue.enqueueUnlessOpen(this.jobOf(key), sql, (tx) => this.memo.isDoneOn(key, tx)));
  }

  private jobOf(key: JobKey): MetricJob {
    return { mapId: key.mapId, metric: key.metric, params: (key.params ?? {}) as object, digest: this.memo.digestOf(key) };
  }

  /**
   * Gives every 'queued' row whose job is gone its job again, and stores JOB_DEAD in one whose
   * job failed for good (nobody waited to store it). The row's state and its latest job are
   * read in one statement under the key's send lock: a row still queued then has not been
   * claimed, so its job cannot have completed; a row that left 'queued' is left alone.
   */
  async reconcile(): Promise<{ resent: number; dead: number }> {
    const out = { resent: 0, dead: 0 };
    // two cheap reads find the candidates (a round must not load the database: it runs every
    // maintenance interval); each is then checked for good under its lock
    const queued = await this.memo.queuedKeys();
    const open = await this.queue.openKeys(queued.map((q) => q.digest));
    for (const { id, key, digest } of queued.filter((q) => !open.has(q.digest))) {
      const dead = await this.memo.inTransaction(async (sql) => {
        await lockKey(sql, digest);
        const { rows } = await sql.executeSql(
          `SELECT m.state, j.state AS job_state, j.retry_count, j.output
           FROM metric_results m LEFT JOIN LATERAL (
             SELECT state, retry_count, output FROM ${JOB_SCHEMA}.job WHERE name = $2 AND singleton_key = $3 ORDER BY created_on DESC LIMIT 1
           ) j ON true WHERE m.id = $1`, [id, METRIC_QUEUE, digest]);
        const r = rows[0] as { state: string; job_state: JobState | null; retry_count: number; output: unknown } | undefined;
        if (r?.state !== 'queued' || (r.job_state && OPEN_STATES.has(r.job_state))) return null;
        if (r.job_state === 'failed') return r;
        // no job, or one that completed or was cancelled with its row never claimed: lost
        if (await this.queue.enqueueUnlessOpen(this.jobOf(key), sql)) out.resent++;
        return null;
      });
      if (dead) {
        await this.memo.failUnlessDone(key, { code: 'JOB_DEAD', message: deadMessage(key, dead.retry_count, dead.output) });
        out.dead++;
      }
    }
    return out;
  }
}

function deadMessage(key: JobKey, retryCount: number, output: unknown): string {
  return `The job for ${key.metric} on map ${key.mapId} failed on all its ${retryCount + 1} attempts; last: ${describeOutput(output)}. Check the workers (vrs worker) and ask again.`;
}

function describeOutput(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { message?: unknown; value?: unknown };
    if (typeof o.message === 'string') return o.message;
    if (o.value !== undefined) return String(o.value);
  }
  return output === null || output === undefined ? 'expired (no worker finished it in time)' : JSON.stringify(output).slice(0, 300);
}

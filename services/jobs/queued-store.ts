/**
 * The memo as a gateway that computes nothing sees it (`vrs serve --no-compute`): asking for a
 * metric queues its job (one per memo key: concurrent asks share it) and waits for the memo
 * row a worker stores, woken by the memo's LISTEN/NOTIFY. A failed row whose job will retry is
 * waited for; a job that failed for good ends the wait with the row's error, and a job that
 * died with its claim still running (expired on every retry) stores JOB_DEAD in the row.
 */
import { VrsError } from '../../worker-pool/errors.js';
import type { MemoKey, MemoOutcome, MemoStore } from '../compute/types.js';
import { errorFromStored, type MetricMemo } from '../store/memo.js';
import { waitPollMs } from './config.js';
import { OPEN_STATES, type MetricJobQueue } from './queue.js';

export class QueuedMemoStore implements MemoStore {
  constructor(readonly memo: MetricMemo, readonly queue: MetricJobQueue, private readonly pollMs = waitPollMs()) {}

  getState(key: MemoKey) {
    return this.memo.getState(key);
  }

  isDone(key: MemoKey): Promise<boolean> {
    return this.memo.isDone(key);
  }

  /** The row is marked queued and the job sent (startLevel: nobody waits). */
  async enqueue(key: MemoKey): Promise<unknown> {
    const row = await this.memo.enqueue(key);
    if (row.state !== 'done') await this.send(key);
    return row;
  }

  /** The stored result, else a job for it and the wait; the compute closure is the workers' business. */
  async getOrCompute<T>(key: MemoKey): Promise<MemoOutcome<T>> {
    if (await this.memo.isDone(key)) return this.memo.awaitStored<T>(key, this.pollMs, async () => null);
    const digest = this.memo.digestOf(key);
    await this.send(key);
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
        const error = { code: 'JOB_DEAD', message: `The job for ${key.metric} on map ${key.mapId} failed on all its ${job.retryCount + 1} attempts; last: ${describeOutput(job.output)}. Check the workers (vrs worker) and ask again.` };
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
    const open = await this.queue.latest(this.memo.digestOf(key));
    if (open && OPEN_STATES.has(open.state)) return;
    await this.queue.enqueue({ mapId: key.mapId, metric: key.metric, params: (key.params ?? {}) as object, digest: this.memo.digestOf(key) });
  }
}

function describeOutput(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { message?: unknown; value?: unknown };
    if (typeof o.message === 'string') return o.message;
    if (o.value !== undefined) return String(o.value);
  }
  return output === null || output === undefined ? 'expired (no worker finished it in time)' : JSON.stringify(output).slice(0, 300);
}

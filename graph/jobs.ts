/**
 * The gateway's side of the job queue (issue 19): with `vrs serve --no-compute` asking for a
 * section queues a job and waits for a worker's memo row; the process runs no pool. And
 * GET /blobs/{sha256}'s lookup: the file of a registered map, an attached input or an upload.
 */
import { MetricJobQueue } from '../services/jobs/queue.js';
import { MetricMemo } from '../services/store/memo.js';
import { queryRows } from '../services/store/query-rows.js';
import type { Store } from '../services/store/index.js';
import { VrsError } from '../worker-pool/errors.js';
import type { MetricPool } from '../worker-pool/pool.js';

export type ComputeMode = 'local' | 'queue';

export interface Jobs {
  queue: MetricJobQueue;
  /** The memo the waiters read (its own LISTEN connection). */
  memo: MetricMemo;
  /** A pool that refuses work: this process computes nothing. */
  pool: MetricPool;
  close(): Promise<void>;
}

export async function openJobs(store: Store, url: string, _mode: ComputeMode): Promise<Jobs> {
  const queue = await MetricJobQueue.open(url, { onError: (e) => console.warn(`[vrs] job queue: ${e.message}`) });
  const memo = new MetricMemo(store.dataSource, url, store.where);
  const pool = {
    threads: 0,
    run: () => Promise.reject(new VrsError('INTERNAL', 'This gateway computes nothing (vrs serve --no-compute); its jobs go to the workers.')),
    load: () => ({ threads: 0, running: 0, queued: 0, saturated: false, longestRunningMs: 0 }),
    close: async () => undefined,
  } as unknown as MetricPool;
  return {
    queue, memo, pool,
    close: async () => {
      await queue.stop(1000);
      await memo.close();
    },
  };
}

/** The local path of the file with this SHA-256 (a map, an attached input, an upload), or null. */
export async function blobPath(store: Store, sha256: string): Promise<string | null> {
  const map = await store.maps.get(sha256);
  if (map?.blobPath) return map.blobPath;
  const input = await queryRows<{ path: string }>(store.dataSource, 'SELECT path FROM map_inputs WHERE sha256 = $1 LIMIT 1', [sha256]);
  if (input[0]) return input[0].path;
  return (await store.uploads.get(sha256))?.path ?? null;
}

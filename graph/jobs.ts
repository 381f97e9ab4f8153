/**
 * The gateway's side of the job queue (issue 19): with `vrs serve --no-compute` asking for a
 * section queues a job and waits for a worker's memo row; the process runs no pool. And
 * GET /blobs/{sha256}'s lookup: the file of a registered map, an attached input or an upload.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MetricJobQueue } from '../services/jobs/queue.js';
import { QueuedMemoStore } from '../services/jobs/queued-store.js';
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
  /** The memo as the compute service sees it: asking queues a job and waits. */
  store: QueuedMemoStore;
  /** A pool that refuses work: this process computes nothing. */
  pool: MetricPool;
  close(): Promise<void>;
}

export async function openJobs(store: Store, url: string): Promise<Jobs> {
  const queue = await MetricJobQueue.open(url, { onError: (e) => console.warn(`[vrs] job queue: ${e.message}`) });
  const memo = new MetricMemo(store.dataSource, url, store.where);
  const pool = {
    threads: 0,
    run: () => Promise.reject(new VrsError('INTERNAL', 'This gateway computes nothing (vrs serve --no-compute); its jobs go to the workers.')),
    load: () => ({ threads: 0, running: 0, queued: 0, saturated: false, longestRunningMs: 0 }),
    close: async () => undefined,
  } as unknown as MetricPool;
  const queued = new QueuedMemoStore(memo, queue);
  // every queued row has its job (written together); this repairs rows whose job was lost
  // anyway (a restored database, a job deleted by hand), at start and every maintenance round
  let reconciling: Promise<unknown> | null = null;
  const reconcile = () => {
    if (reconciling) return; // one round at a time
    reconciling = queued.reconcile()
      .then(({ resent, dead }) => (resent || dead) && console.warn(`[vrs] job queue: ${resent} queued section(s) had lost their job and were queued again; ${dead} whose job was dead marked JOB_DEAD.`))
      .catch(() => undefined) // the database is away: next round
      .finally(() => (reconciling = null));
  };
  reconcile();
  const timer = setInterval(reconcile, queue.settings.maintenanceSeconds * 1000);
  timer.unref();
  return {
    queue, memo, store: queued, pool,
    close: async () => {
      clearInterval(timer);
      await reconciling;
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
  const upload = await store.uploads.get(sha256);
  if (upload) return upload.path;
  const artifact = await store.blobs.get(sha256);
  return artifact ? store.blobs.pathOf(sha256, artifact.mediaType) : null;
}

/**
 * Stores a worker's artifact (PUT /blobs/{sha256}?mediaType=…) in the blob folder while hashing
 * it; kept only when it hashes to `sha256` (content-addressed: nothing can be overwritten).
 */
export async function putBlob(store: Store, sha256: string, mediaType: string, body: Readable, maxBytes: number): Promise<void> {
  const target = store.blobs.pathOf(sha256, mediaType);
  if (existsSync(target)) {
    body.resume();
    return;
  }
  await mkdir(dirname(target), { recursive: true });
  const part = `${target}.${randomUUID()}.part`;
  const hash = createHash('sha256');
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new VrsError('REQUEST_TOO_LARGE', `The artifact is larger than ${maxBytes} bytes, the upload limit.`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, hashing, createWriteStream(part));
    const got = hash.digest('hex');
    if (got !== sha256) throw new VrsError('BLOB_HASH_MISMATCH', `The body hashes to ${got}, not ${sha256}; nothing was stored.`);
    await rename(part, target);
  } finally {
    await rm(part, { force: true });
  }
}

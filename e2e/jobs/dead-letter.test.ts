/**
 * A job's failures (issue 19): a computation that fails for a reason other than bad input is
 * retried (VRS_JOB_RETRIES), then dead: the asker gets the stored error, the memo row keeps it,
 * and the job is copied to the dead-letter queue. Bad input is stored at once and not retried.
 * A worker whose cache remembers a result the database lost stores it again. The worker runs
 * in this process (startWorker), on a scratch database.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '../../services/cli/sample.js';
import { queueSettings } from '../../services/jobs/config.js';
import { MetricJobQueue } from '../../services/jobs/queue.js';
import { QueuedMemoStore } from '../../services/jobs/queued-store.js';
import { startWorker, type RunningWorker } from '../../services/jobs/worker.js';
import { openStore, type Store } from '../../services/store/index.js';
import { createScratchDatabase, sampleMap, type ScratchDatabase } from '../../services/store/testing.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';

const ENV = { VRS_JOB_RETRIES: '1', VRS_JOB_RETRY_DELAY_S: '0', VRS_JOB_POLL_S: '0.5' };
let db: ScratchDatabase;
let dir: string;
let store: Store;
let queue: MetricJobQueue;
let worker: RunningWorker;
let asker: QueuedMemoStore;
let mapId: string;

beforeAll(async () => {
  process.env.VRS_METRIC_MODULES = join(REPO_ROOT, 'dist/worker-pool/testing/pool-test-metrics.js');
  Object.assign(process.env, ENV);
  db = await createScratchDatabase('vrs_dead');
  dir = mkdtempSync(join(tmpdir(), 'vrs-dead-'));
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
  writeSample(join(dir, 'm.mrc'), { size: 16, voxelSize: 2, resolution: 6, seed: 3 });
  const bytes = readFileSync(join(dir, 'm.mrc'));
  mapId = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(join(dir, 'shared'));
  writeFileSync(join(dir, 'shared', mapId), bytes);
  await store.maps.insert(sampleMap({ id: mapId, blobPath: join(dir, 'm.mrc') }));
  queue = await MetricJobQueue.open(db.url, { supervise: false, settings: queueSettings({ ...process.env, ...ENV }) });
  asker = new QueuedMemoStore(store.memo, queue, 200);
  worker = await startWorker({ store, dataDir: join(dir, 'worker'), sharedDir: join(dir, 'shared'), concurrency: 1 });
});

afterAll(async () => {
  await worker?.close();
  await queue?.stop(500);
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const jobsOf = (metric: string) => store.dataSource.query(
  "SELECT name, state, retry_count FROM vrs_jobs.job WHERE data->>'metric' = $1 ORDER BY name", [metric]) as Promise<{ name: string; state: string; retry_count: number }[]>;

describe('job failures', () => {
  it('a crash is retried, then dead: the error in the memo row and the dead-letter queue', async () => {
    const key = { mapId, metric: 'test.crash', params: {}, version: '1' };
    await expect(asker.getOrCompute(key)).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    const row = await store.memo.getState(key);
    expect(row?.state).toBe('failed');
    expect(row?.error?.code).toBe('WORKER_CRASHED');
    expect(row?.attempts).toBe(2); // the first try and one retry
    const jobs = await jobsOf('test.crash');
    expect(jobs).toEqual([
      { name: 'vrs-metric', state: 'failed', retry_count: 1 },
      { name: 'vrs-metric-dead', state: 'created', retry_count: 0 },
    ]);
  });

  it('bad input is stored at once and not retried', async () => {
    const key = { mapId, metric: 'test.throws', params: {}, version: '1' };
    await expect(asker.getOrCompute(key)).rejects.toMatchObject({ code: 'BAD_PARAMETER' });
    expect((await store.memo.getState(key))?.attempts).toBe(1);
    expect(await jobsOf('test.throws')).toEqual([{ name: 'vrs-metric', state: 'completed', retry_count: 0 }]);
    expect(worker.counts.refused).toBe(1);
  });

  it('a result asked twice at once is one job, computed once', async () => {
    const key = { mapId, metric: 'test.noop', params: {}, version: '1' };
    const [a, b] = await Promise.all([asker.getOrCompute<{ nx: number }>(key), asker.getOrCompute<{ nx: number }>(key)]);
    expect(a.result).toEqual({ nx: 16 });
    expect(b.result).toEqual({ nx: 16 });
    // the worker stores the row (which wakes the askers) before pg-boss completes its job: poll
    // (read at once, the job was once still 'active' on the loaded VM)
    await expect.poll(() => jobsOf('test.noop'), { timeout: 5000 }).toEqual([{ name: 'vrs-metric', state: 'completed', retry_count: 0 }]);
    expect((await store.memo.getState(key))?.attempts).toBe(1);
  });

  it('a result the worker remembers as done but the database lost (a restored backup) is computed and stored again', async () => {
    // the test above left test.noop done, in the database and in the worker's cache of done rows
    const key = { mapId, metric: 'test.noop', params: {}, version: '1' };
    await store.dataSource.query("DELETE FROM vrs_jobs.job WHERE data->>'metric' = 'test.noop'");
    await store.dataSource.query("DELETE FROM metric_results WHERE metric = 'test.noop'");
    store.memo.forget(key); // the asker's own cache too
    const done = worker.counts.done;
    // without the check the worker completes the job from its cache, the row is never stored and the asker waits for ever
    const out = await Promise.race([
      asker.getOrCompute<{ nx: number }>(key),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the row was never stored')), 60_000)),
    ]);
    expect(out.result).toEqual({ nx: 16 });
    expect((await store.memo.getState(key))?.state).toBe('done');
    // the worker stores the row, then completes its job: the asker may wake in between
    for (const until = Date.now() + 10_000; Date.now() < until && (await jobsOf('test.noop'))[0]?.state === 'active';) await new Promise((r) => setTimeout(r, 100));
    expect(await jobsOf('test.noop')).toEqual([{ name: 'vrs-metric', state: 'completed', retry_count: 0 }]);
    expect(worker.counts.done).toBe(done + 1);
  }, 90_000);
});

/**
 * The gateway's queue side (issue 19, a PostgreSQL restart mid-batch): a memo row is 'queued'
 * if and only if its job exists, whatever fails between the two writes; a queued row that lost
 * its job anyway is given one again by `reconcile`, which never touches a row someone computes
 * (a dependency inside its parent's job has no job of its own); a queued row whose job died is
 * marked JOB_DEAD. No worker runs here: the jobs stay where the test puts them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrsError } from '../../worker-pool/errors.js';
import { canonicalJson } from '../store/canonical.js';
import { openStore, type Store } from '../store/index.js';
import { createScratchDatabase, sampleMap, type ScratchDatabase } from '../store/testing.js';
import { queueSettings } from './config.js';
import { METRIC_QUEUE } from './names.js';
import { MetricJobQueue } from './queue.js';
import { QueuedMemoStore } from './queued-store.js';

let db: ScratchDatabase;
let dir: string;
let store: Store;
let queue: MetricJobQueue;
let asker: QueuedMemoStore;
let mapId: string;

beforeAll(async () => {
  db = await createScratchDatabase('vrs_queued');
  dir = mkdtempSync(join(tmpdir(), 'vrs-queued-'));
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
  mapId = (await store.maps.insert(sampleMap())).map.id;
  queue = await MetricJobQueue.open(db.url, { supervise: false, settings: queueSettings({ VRS_JOB_RETRIES: '0' }) });
  asker = new QueuedMemoStore(store.memo, queue, 200);
});

afterAll(async () => {
  await queue?.stop(500);
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const key = (metric: string) => ({ mapId, metric, params: { p: 1 }, version: '1' });
const rowOf = async (metric: string) => (await store.dataSource.query('SELECT state, error FROM metric_results WHERE metric = $1', [metric]))[0] as { state: string; error: { code: string } | null } | undefined;
const jobsOf = (metric: string) => store.dataSource.query(`SELECT id, state FROM vrs_jobs.job WHERE name = $1 AND data->>'metric' = $2 ORDER BY created_on`, [METRIC_QUEUE, metric]) as Promise<{ id: string; state: string }[]>;

describe('a queued row and its job', () => {
  it('are written together: a failure after the job was sent leaves neither', async () => {
    const real = queue.enqueueUnlessOpen.bind(queue);
    queue.enqueueUnlessOpen = async (job, sql) => {
      const id = await real(job, sql);
      expect(id).toBeTruthy(); // the job row is written (in the transaction)…
      throw new VrsError('DB_UNAVAILABLE', 'the database went away (simulated)');
    };
    try {
      await expect(asker.enqueue(key('test.atomic'))).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
    } finally {
      queue.enqueueUnlessOpen = real;
    }
    // …and rolled back with the memo row
    expect(await rowOf('test.atomic')).toBeUndefined();
    expect(await jobsOf('test.atomic')).toEqual([]);
    await asker.enqueue(key('test.atomic'));
    expect(await rowOf('test.atomic')).toMatchObject({ state: 'queued' });
    expect((await jobsOf('test.atomic')).map((j) => j.state)).toEqual(['created']);
  });

  it('asking again while the job runs sends no second job (a stately queue would take one)', async () => {
    await asker.enqueue(key('test.busy'));
    const [fetched] = (await queue.boss.fetch(METRIC_QUEUE, { batchSize: 50 })) ?? [];
    expect(fetched).toBeTruthy();
    await Promise.all(Array.from({ length: 8 }, () => asker.enqueue(key('test.busy'))));
    const jobs = await jobsOf('test.busy');
    expect(jobs.length).toBe(1);
    // the first test's job was fetched too; complete both so they leave the open states
    for (const j of await store.dataSource.query(`SELECT id FROM vrs_jobs.job WHERE state = 'active'`) as { id: string }[]) await queue.boss.complete(METRIC_QUEUE, j.id);
  });
  it('a key whose job completed with its row done is not sent again (asked again right after it finished)', async () => {
    const k = key('test.finished');
    await asker.enqueue(k);
    const [job] = await jobsOf('test.finished');
    // what a worker does: the row is stored done, then the job completes
    await store.dataSource.query(`UPDATE metric_results SET state = 'done', result = '1'::jsonb, finished_at = now() WHERE metric = $1`, [k.metric]);
    await store.dataSource.query(`UPDATE vrs_jobs.job SET state = 'completed', completed_on = now() WHERE id = $1`, [job!.id]);
    const digest = store.memo.digestOf(k);
    const guarded = await store.memo.inTransaction((sql) => queue.enqueueUnlessOpen({ mapId, metric: k.metric, params: k.params, digest }, sql, (tx) => store.memo.isDoneOn(k, tx)));
    expect(guarded).toBeNull();
    expect((await jobsOf('test.finished')).length).toBe(1);
  });
});

describe('reconcile', () => {
  it('gives a queued row whose job is gone its job again, once', async () => {
    await store.memo.enqueue(key('test.lost')); // the row without its job: what a lost send left before
    expect(await jobsOf('test.lost')).toEqual([]);
    const first = await asker.reconcile();
    expect(first.resent).toBeGreaterThanOrEqual(1);
    expect((await jobsOf('test.lost')).map((j) => j.state)).toEqual(['created']);
    await asker.reconcile();
    expect((await jobsOf('test.lost')).length).toBe(1);
  });

  it('leaves a running row without a job alone (a dependency computed inside its parent job)', async () => {
    const k = key('test.dependency');
    let release!: () => void;
    const computing = store.memo.getOrCompute(k, () => new Promise<{ result: number }>((resolve) => { release = () => resolve({ result: 1 }); }));
    for (let i = 0; i < 100 && (await rowOf('test.dependency'))?.state !== 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await rowOf('test.dependency')).toMatchObject({ state: 'running' });
    await asker.reconcile();
    expect(await jobsOf('test.dependency')).toEqual([]);
    release();
    await computing;
  });

  it('marks a queued row whose job died JOB_DEAD instead of sending it again', async () => {
    await asker.enqueue(key('test.dead'));
    const [job] = await jobsOf('test.dead');
    await store.dataSource.query(`UPDATE vrs_jobs.job SET state = 'failed', output = $2::jsonb, completed_on = now() WHERE id = $1`, [job!.id, canonicalJson({ message: 'worker crashed' })]);
    const { dead } = await asker.reconcile();
    expect(dead).toBe(1);
    expect(await rowOf('test.dead')).toMatchObject({ state: 'failed', error: { code: 'JOB_DEAD' } });
    expect((await jobsOf('test.dead')).length).toBe(1);
  });
});

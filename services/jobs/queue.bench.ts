/**
 * `npm run bench -- jobs`: the job queue's own cost. M trivial jobs (test.flaky: returns at
 * once; distinct memo keys by its threshold) are asked at once through the queue, as a
 * `vrs serve --no-compute` gateway asks, and run by 1, 2 and 3 `vrs worker` processes
 * (one job at a time each) on an embedded PostgreSQL of the bench's own. Reports the wall
 * time, jobs/s, and the overhead per job: wall × workers / M minus the mean compute time the
 * memo rows record (what a job costs beyond its computation: enqueue, fetch, claim, store,
 * NOTIFY, complete).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from '../../e2e/bench/run.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { writeSample } from '../cli/sample.js';
import { ensureEmbeddedPostgres, openStore } from '../store/index.js';
import { sampleMap } from '../store/testing.js';
import { queueSettings } from './config.js';
import { MetricJobQueue } from './queue.js';
import { QueuedMemoStore } from './queued-store.js';

export const name = 'jobs: queue overhead and jobs/s with 1-3 workers';

const JOBS = 60;

function startWorker(dir: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), 'worker', '--data-dir', dir, '--shared-dir', join(dir, '..', 'shared'), '--concurrency', '1'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('taking jobs')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`vrs worker exited (${code}) before taking jobs`)));
  });
}

export async function run(): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'vrs-jobs-bench-'));
  chmodSync(root, 0o755);
  const server = await ensureEmbeddedPostgres(join(root, 'pg'), { ephemeral: true, superviseMs: 0 });
  const env = {
    ...process.env, DATABASE_URL: server.url, VRS_LOG_LEVEL: 'silent', VRS_JOB_POLL_S: '0.5',
    VRS_METRIC_MODULES: join(REPO_ROOT, 'dist/worker-pool/testing/pool-test-metrics.js'),
  };
  const store = await openStore({ url: server.url, blobDir: join(root, 'blobs') });
  const queue = await MetricJobQueue.open(server.url, { supervise: false, settings: queueSettings(env) });
  const rows: BenchRow[] = [];
  try {
    mkdirSync(join(root, 'shared'));
    writeSample(join(root, 'map.mrc'), { size: 16, voxelSize: 2, resolution: 6, seed: 1 });
    const mapId = createHash('sha256').update(readFileSync(join(root, 'map.mrc'))).digest('hex');
    writeSample(join(root, 'shared', mapId), { size: 16, voxelSize: 2, resolution: 6, seed: 1 });
    await store.maps.insert(sampleMap({ id: mapId, blobPath: join(root, 'map.mrc') }));
    const asker = new QueuedMemoStore(store.memo, queue, 1000);
    for (const n of [1, 2, 3]) {
      const workers = await Promise.all(Array.from({ length: n }, (_, i) => { mkdirSync(join(root, `w${n}-${i}`)); return startWorker(join(root, `w${n}-${i}`), env); }));
      const keys = Array.from({ length: JOBS }, (_, i) => ({ mapId, metric: 'test.flaky', params: { threshold: n * 1000 + i }, version: '1' }));
      const t0 = performance.now();
      await Promise.all(keys.map((k) => asker.getOrCompute(k)));
      const wall = (performance.now() - t0) / 1000;
      const [{ mean }] = (await store.dataSource.query(`SELECT avg(compute_millis)::float AS mean FROM metric_results WHERE metric = 'test.flaky' AND (params->>'threshold')::int BETWEEN $1 AND $2`, [n * 1000, n * 1000 + JOBS])) as [{ mean: number }];
      const overheadMs = (wall * 1000 * n) / JOBS - mean;
      rows.push({ operation: `queue: ${JOBS} trivial jobs asked at once, ${n} worker process${n > 1 ? 'es' : ''}`, size: `${JOBS} jobs`, medianSeconds: wall, threads: n, note: `${(JOBS / wall).toFixed(1)} jobs/s; ${overheadMs.toFixed(0)} ms per job beyond its ${mean.toFixed(1)} ms of compute` });
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    }
  } finally {
    await queue.stop(500);
    await store.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

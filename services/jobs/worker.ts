/**
 * `vrs worker`: a process on any host that reaches PostgreSQL. It takes metric jobs from the
 * queue (as many at a time as its pool has threads), computes each through the memo (the
 * memo claim keeps a key computed once even when an expired job runs twice) in its Piscina
 * pool, and stores the outcome in the memo row, which wakes the gateway's waiters. Maps and
 * attached inputs are found by their SHA-256 (blob-cache.ts), never by the gateway's paths.
 */
import { join } from 'node:path';
import { isVrsError, VrsError } from '../../worker-pool/errors.js';
import { getMetricPool } from '../../worker-pool/pool.js';
import { createComputeService, metricModulesFromEnv, type ComputeService } from '../compute/service.js';
import type { MapInputLocator, MapLocator } from '../compute/types.js';
import { openStore, type Store } from '../store/index.js';
import { MapInputsRepository } from '../store/map-inputs-repository.js';
import { GatewayArtifacts } from './artifact-sync.js';
import { BlobCache, type BlobSources } from './blob-cache.js';
import { MetricJobQueue, type MetricJob } from './queue.js';

export interface WorkerOptions extends BlobSources {
  /** The worker's own folder: blob cache, artifacts (default VRS_DATA_DIR, else ./vrs-data). */
  dataDir: string;
  /** Local cache limit, bytes (default 20 GiB). */
  cacheBytes?: number;
  /** Jobs at a time (default: the pool's threads). */
  concurrency?: number;
  /** Log one JSON line per event (pino). */
  log?: (event: Record<string, unknown>, message: string) => void;
  /** The store to use (tests); default: DATABASE_URL (a worker never starts an embedded server). */
  store?: Store;
}

export interface RunningWorker {
  compute: ComputeService;
  cache: BlobCache;
  queue: MetricJobQueue;
  /** Jobs finished here, by outcome. */
  counts: { done: number; failed: number; refused: number };
  close(): Promise<void>;
}

/** Runs one job: its memo key must be the one the asker computed (same algorithm versions). */
export async function runMetricJob(compute: ComputeService, job: MetricJob): Promise<'done' | 'refused'> {
  const orch = compute.orchestrator;
  const key = await orch.resolveMemoKey(job.mapId, job.metric, job.params);
  if (compute.memo.digestOf(key) !== job.digest) {
    throw new VrsError('INTERNAL', `This worker's memo key for ${job.metric} differs from the asker's (another algorithm version or other inputs); run workers of the gateway's version.`);
  }
  try {
    const outcome = await orch.runMetric(job.mapId, job.metric, job.params);
    // a result this process remembers as done that the database no longer holds (a restored
    // backup): completing the job would leave its row undone for good; forget it and ask again
    if (outcome.fromCache && !(await compute.memo.isStored(key).catch(() => true))) {
      compute.memo.forget(key);
      await orch.runMetric(job.mapId, job.metric, job.params);
    }
    // a result reached while the database was away is stored when it is back: the job completes
    // only then (read in the database, not this process's cache), so whoever sees the job
    // completed finds the row done
    await untilStored(() => compute.memo.isStored(key));
    return 'done';
  } catch (error) {
    // bad input fails the same way on every host: stored in the memo row, not retried
    if (isVrsError(error) && error.isInputError) return 'refused';
    throw error;
  }
}

async function untilStored(isDone: () => Promise<boolean>, limitMs = 10 * 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await isDone().catch(() => false))) {
    if (Date.now() > deadline) throw new VrsError('DB_UNAVAILABLE', 'The result could not be stored within 10 minutes; the job is retried.');
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  if (!options.store && !process.env.DATABASE_URL) {
    throw new VrsError('BAD_PARAMETER', 'vrs worker needs DATABASE_URL: the PostgreSQL server the gateway uses (a worker never starts an embedded one).');
  }
  const store = options.store ?? (await openStore({ blobDir: join(options.dataDir, 'blobs') }));
  const cache = new BlobCache(join(options.dataDir, 'cache'), options.cacheBytes ?? 20 * 2 ** 30, options);
  const maps: MapLocator = { mapFilePath: (mapId) => cache.path(mapId) };
  const attached = new MapInputsRepository(store.dataSource, store.where);
  const inputs: MapInputLocator = {
    mapInputs: async (mapId) => {
      const refs = await attached.refs(mapId);
      const out: typeof refs = {};
      for (const [role, ref] of Object.entries(refs) as [keyof typeof refs, NonNullable<(typeof refs)[keyof typeof refs]>][]) {
        out[role] = { ...ref, path: await cache.path(ref.sha256) };
      }
      return out;
    },
  };
  const url = (store.dataSource.options as { url?: string }).url ?? process.env.DATABASE_URL ?? '';
  const artifacts = options.gatewayUrl ? new GatewayArtifacts(store.blobs.root, options) : undefined; // else a shared BLOB_DIR
  const compute = await createComputeService({ dataSource: store.dataSource, url, where: store.where, blobRoot: store.blobs.root, maps, inputs, artifacts });
  const log = options.log ?? (() => undefined);
  const queue = await MetricJobQueue.open(url, { onError: (e) => log({ err: e.message }, 'queue connection error') });
  const counts = { done: 0, failed: 0, refused: 0 };
  const concurrency = options.concurrency ?? getMetricPool({ metricModules: metricModulesFromEnv() }).threads;
  await queue.work(concurrency, async (job, meta) => {
    const t0 = performance.now();
    log({ job: meta.id, metric: job.metric, mapId: job.mapId, retry: meta.retryCount }, 'job started');
    try {
      const outcome = await runMetricJob(compute, job);
      counts[outcome]++;
      log({ job: meta.id, metric: job.metric, mapId: job.mapId, ms: Math.round(performance.now() - t0), outcome }, 'job finished');
      return { outcome };
    } catch (error) {
      counts.failed++;
      log({ job: meta.id, metric: job.metric, mapId: job.mapId, err: (error as Error).message }, 'job failed');
      throw error;
    }
  });
  return {
    compute, cache, queue, counts,
    close: async () => {
      await queue.stop();
      await store.memo.releaseClaims();
      await compute.close();
      if (!options.store) await store.close();
    },
  };
}

/**
 * The whole stack in one process: metric store (embedded PostgreSQL unless DATABASE_URL),
 * compute orchestrator with its pool, the subgraph services, the gateway and HTTP routes.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore, type Store } from '../services/store/index.js';
import { dataDir } from '../services/store/config.js';
import { hideServerFolder } from '../worker-pool/server-paths.js';
import { createComputeService, type ComputeService } from '../services/compute/service.js';
import { StoreMapsService } from '../services/maps/service.js';
import { OrchestratorLevelsService } from '../services/level0/service.js';
import { loadLevels } from '../worker-pool/metrics/registry.js';
import { metricModulesFromEnv } from '../services/compute/service.js';
import type { LevelDeclaration } from '../worker-pool/metrics/levels.js';
import { StoreReportsService } from '../services/reports/service.js';
import { extensionForMediaType } from '../worker-pool/io/blob-files.js';
import type { Dims } from '../worker-pool/volume.js';
import type { HttpServices } from './http-services.js';
import { blobPath, openJobs, putBlob, type ComputeMode, type Jobs } from './jobs.js';
import { ApiKeys } from '../services/auth/api-keys.js';
import type { RunningServer, ServerOptions } from './server.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { startInProcessGraph } from './in-process-graph.js';
import type { GraphExecutor } from './http/apollo.js';
import { RankStore } from '../services/store/ranks.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface Backend {
  store: Store;
  compute: ComputeService;
  services: HttpServices;
  reports: StoreReportsService;
  /** The levels served: the product's, then those of VRS_METRIC_MODULES. */
  levels: LevelDeclaration[];
  /** The job queue, when asking queues jobs (compute 'queue'). */
  jobs: Jobs | null;
  /** The start-up pass over the rank table (running beside the server): how many sections it completed. */
  rankPass: Promise<number>;
  close(): Promise<void>;
}

/** Opens the store and the compute service and wires the subgraph services over them. */
export interface BackendOptions {
  dataRoot?: string;
  store?: Store;
  limits?: Partial<ServerLimits>;
  /**
   * 'local' (default): this process computes what is asked, in its pool. 'queue': asking
   * queues a job (pg-boss) and waits for the memo row a worker stores (`vrs serve --no-compute`).
   */
  compute?: ComputeMode;
  /**
   * A compute service of the caller's (vrs validate --pdf: the one that computed the sections,
   * whose orchestrator holds the map already read); it stays open when the backend closes.
   */
  computeService?: ComputeService;
}

export async function openBackend(options: BackendOptions = {}): Promise<Backend> {
  const dataRoot = resolve(options.dataRoot ?? process.env.VRS_DATA_ROOT ?? process.cwd());
  mkdirSync(dataRoot, { recursive: true });
  const store = options.store ?? (await openStore());
  // the server's own folders stay out of client messages (worker-pool/server-paths.ts; the data root: maps/service.ts)
  hideServerFolder(dataDir(), '<data folder>');
  hideServerFolder(store.blobs.root, '<blob store>');
  // a server killed earlier (SIGKILL, a crash) left its claims running: shown as interrupted now, computed again on request
  const interrupted = await store.memo.reconcileOrphanedClaims().catch(() => 0);
  if (interrupted > 0) console.warn(`[vrs] ${interrupted} computation(s) left running by a stopped process are marked interrupted; they run again when asked.`);
  // the product's levels and those of VRS_METRIC_MODULES (plug-ins, tests)
  const levels = await loadLevels(metricModulesFromEnv());
  const jobs = options.compute && options.compute !== 'local' ? await openJobs(store, storeUrl(store)) : null;
  const compute = options.computeService ?? await createComputeService({
    dataSource: store.dataSource, url: storeUrl(store), where: store.where, blobRoot: store.blobs.root,
    ...(jobs ? { store: jobs.store, pool: jobs.pool } : {}),
  });
  // registerMap of a .gz is held to the upload limit once decompressed, like an upload
  const maps = new StoreMapsService(store, dataRoot, { maxDecompressedBytes: options.limits?.uploadBytes ?? DEFAULT_LIMITS.uploadBytes });
  // a map registered by path is in memory already: the first analysis asked for starts from it
  // (a gateway that does not compute keeps nothing: its workers read the map)
  if (!jobs) maps.onRegistered = (id, volume) => void compute.orchestrator.volumes.get(id, async () => volume);
  const reports = new StoreReportsService(store.memo, store.blobs, undefined, async (mapId) => {
    // what the report prints from the map row (report-renderer/report-query.ts: map { … }), and
    // the linked inputs: they decide which levels are printed (Level 1 with half maps) and feed them
    const row = await store.maps.get(mapId);
    const inputs = (await store.inputs.list(mapId)).map((r) => ({ role: r.role, sha256: r.sha256 })).sort((a, b) => a.role.localeCompare(b.role));
    return row && { name: row.name, emdb: row.emdb, contourLevel: row.contourLevel, contourSource: row.contourSource, reportedResolution: row.reportedResolution, inputs };
  });
  reports.figures = {
    runMetric: (mapId, metric, params) => compute.orchestrator.runMetric(mapId, metric, params),
    mapDimensions: async (mapId) => ((await store.maps.get(mapId))?.geometry as { dimensions?: Dims } | undefined)?.dimensions ?? null,
  };
  const levelsService = new OrchestratorLevelsService(compute.orchestrator, levels, new RankStore(store.dataSource));
  // the start-up pass: done sections whose ranked numbers a stopped gateway never stored (it
  // stores them as each started section is stored) join the rank table now; one indexed query
  // when nothing is missing, run beside the server (a store of many maps reads many done rows)
  const rankPass = levelsService.recordMissingRanks().then((n) => {
    if (n > 0) console.warn(`[vrs] ${n} computed section(s) had no ranks stored; stored now.`);
    return n;
  }, (error: unknown) => {
    console.warn(`[vrs] the start-up pass over the rank table failed: ${(error as Error).message}`);
    return 0;
  });
  const services: HttpServices = {
    maps,
    levels: levelsService,
    reports,
    ingestUpload: (body, filename, limits) => maps.ingestUpload(body, filename, limits.maxBytes, limits.declaredBytes),
    artifactFile: async (sha256, ext) => {
      const row = await store.blobs.get(sha256);
      if (!row || extensionForMediaType(row.mediaType) !== ext) return null;
      return { path: store.blobs.pathOf(sha256, row.mediaType), mediaType: row.mediaType };
    },
    databaseHealthy: async () => {
      await store.dataSource.query('SELECT 1');
      return true;
    },
    poolLoad: jobs?.pool ? undefined : () => compute.orchestrator.deps.pool.load(),
    blobFile: (sha256) => blobPath(store, sha256),
    putBlob: (sha256, mediaType, body) => putBlob(store, sha256, mediaType, body, options.limits?.uploadBytes ?? DEFAULT_LIMITS.uploadBytes),
    apiKeys: new ApiKeys(store.dataSource, store.where),
    jobCounts: jobs ? () => jobs.queue.counts() : undefined,
  };
  return {
    store, compute, services, reports, levels, jobs, rankPass,
    close: async () => {
      await rankPass;
      await reports.close();
      await jobs?.close();
      await store.memo.releaseClaims(); // before the pool stops: what was running is handed back as CANCELLED
      if (!options.computeService) await compute.close();
      if (!options.store) await store.close();
    },
  };
}

/** The database URL the store was opened with (the memo LISTENs on its own connection). */
function storeUrl(store: Store): string {
  const o = store.dataSource.options as { url?: string };
  return o.url ?? process.env.DATABASE_URL ?? '';
}

export interface App extends RunningServer {
  backend: Backend;
}

export async function startApp(options: Omit<ServerOptions, 'services'> & BackendOptions): Promise<App> {
  // the HTTP stack (Fastify, the routes) is loaded by the apps that serve it only
  const { startServer } = await import('./server.js');
  const { backend, graph: server, close } = await withGraph(options, (b) => startServer({ ...options, services: b.services, levels: b.levels }));
  return { ...server, backend, close };
}

/** The backend and the graph in process, without HTTP (vrs validate --pdf: its report renderer is the graph's only client). */
export interface InProcessApp {
  backend: Backend;
  execute: GraphExecutor;
  close(): Promise<void>;
}

export async function startInProcessApp(options: BackendOptions): Promise<InProcessApp> {
  const { backend, graph, close } = await withGraph(options, (b) => startInProcessGraph({ services: b.services, levels: b.levels, limits: options.limits }));
  return { backend, execute: graph.execute, close };
}

/**
 * Opens the backend and starts a graph over it (the HTTP server or the in-process graph): the
 * report renderer is a client of the graph, in process; a graph that fails to start closes the
 * backend; `close` stops the graph, then the backend.
 */
async function withGraph<G extends { execute: GraphExecutor; close(): Promise<void> }>(options: BackendOptions, start: (backend: Backend) => Promise<G>): Promise<{ backend: Backend; graph: G; close(): Promise<void> }> {
  const backend = await openBackend(options);
  let graph: G;
  try {
    graph = await start(backend);
  } catch (error) {
    await backend.close();
    throw error;
  }
  backend.reports.executor = graph.execute;
  return {
    backend,
    graph,
    close: async () => {
      await graph.close();
      await backend.close();
    },
  };
}

/**
 * The compute service of one process: the store's memo (PostgreSQL), the maps table as the
 * map locator, the map reader, the process's Piscina pool and the metric registry, wired
 * into one ComputeOrchestrator. Subgraph resolvers and the CLI use this.
 */
import { processMemoryBudget, type MemoryBudget } from './memory-budget.js';
import type { DataSource } from 'typeorm';
import { VrsError } from '../../worker-pool/errors.js';
import { readModel } from '../../worker-pool/io/model.js';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import { getMetricPool, MetricPool } from '../../worker-pool/pool.js';
import { loadRegistry } from '../../worker-pool/metrics/registry.js';
import { blobDir } from '../store/config.js';
import { MapRow } from '../store/entities/index.js';
import { MapInputsRepository } from '../store/map-inputs-repository.js';
import { MetricMemo } from '../store/memo.js';
import { ComputeOrchestrator, type ArtifactSync } from './orchestrator.js';
import type { MapInputLocator, MapLocator, MemoStore } from './types.js';

/**
 * Extra metric modules from VRS_METRIC_MODULES (comma-separated URLs or paths): a hook for
 * tests and plug-ins; a module's metric replaces a product metric of the same name.
 */
export function metricModulesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.VRS_METRIC_MODULES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The file of a registered map, from the maps table. */
export class MapsTableLocator implements MapLocator {
  constructor(private readonly dataSource: DataSource) {}
  async mapFilePath(mapId: string): Promise<string> {
    const row = await this.dataSource.getRepository(MapRow).findOne({ where: { id: mapId }, select: { id: true, blobPath: true } });
    if (!row) throw new VrsError('MAP_NOT_REGISTERED', `No map with id ${mapId} is registered; register the map first (vrs validate MAP or PUT /maps/{filename}).`);
    if (!row.blobPath) throw new VrsError('MAP_FILE_MISSING', `Map ${mapId} has no stored file path; register the map again.`);
    return row.blobPath;
  }
  async mapVoxels(mapId: string): Promise<number | null> {
    const row = await this.dataSource.getRepository(MapRow).findOne({ where: { id: mapId }, select: { id: true, geometry: true } });
    const d = (row?.geometry as { dimensions?: { nx?: unknown; ny?: unknown; nz?: unknown } } | null | undefined)?.dimensions;
    const n = d && [d.nx, d.ny, d.nz].every((v) => typeof v === 'number' && v > 0) ? (d.nx as number) * (d.ny as number) * (d.nz as number) : null;
    return n;
  }
}

/** The files attached to a map by role, from the map_inputs table (one indexed read). */
export class MapInputsTableLocator implements MapInputLocator {
  readonly #inputs: MapInputsRepository;
  constructor(dataSource: DataSource, where: string) {
    this.#inputs = new MapInputsRepository(dataSource, where);
  }
  mapInputs(mapId: string) {
    return this.#inputs.refs(mapId);
  }
}

export interface ComputeServiceOptions {
  dataSource: DataSource;
  /** The database URL (the memo LISTENs on its own connection). */
  url: string;
  /** host:port/db for messages. */
  where: string;
  blobRoot?: string;
  metricModules?: string[];
  /** A pool of its own (tests); default: the process's shared pool. */
  pool?: MetricPool;
  /** Where map files are (default: the maps table's paths); a worker host finds them by content. */
  maps?: MapLocator;
  /** The attached inputs by role (default: the map_inputs table's paths). */
  inputs?: MapInputLocator;
  /** Artifacts shared between hosts (a worker's). */
  artifacts?: ArtifactSync;
  /** The memo store the orchestrator asks (default: the memo; a gateway without compute: the job queue). */
  store?: MemoStore;
  /** A memory budget of its own (tests); default: the process's (VRS_MEMORY_BUDGET). */
  memory?: MemoryBudget;
}

export interface ComputeService {
  orchestrator: ComputeOrchestrator;
  memo: MetricMemo;
  close(): Promise<void>;
}

export async function createComputeService(options: ComputeServiceOptions): Promise<ComputeService> {
  const metricModules = options.metricModules ?? metricModulesFromEnv();
  const registry = await loadRegistry(metricModules);
  const memo = new MetricMemo(options.dataSource, options.url, options.where);
  const pool = options.pool ?? getMetricPool({ metricModules });
  const orchestrator = new ComputeOrchestrator({
    store: options.store ?? memo,
    maps: options.maps ?? new MapsTableLocator(options.dataSource),
    inputs: options.inputs ?? new MapInputsTableLocator(options.dataSource, options.where),
    loadMap: async (path) => {
      // validated when it was registered: the voxels are all a computation needs (a .gz's
      // members after the map are hashed, not inflated)
      const read = await readMapFile(path, { voxelsOnly: true });
      return { volume: read.volume, sha256: read.sha256 };
    },
    loadModel: async (path) => {
      const read = await readModel(path);
      return { model: read.model, sha256: read.sha256 };
    },
    pool,
    registry,
    artifacts: options.artifacts,
    blobRoot: options.blobRoot ?? blobDir(),
    memory: options.memory ?? processMemoryBudget(),
  });
  return {
    orchestrator,
    memo,
    close: async () => {
      await memo.close();
    },
  };
}

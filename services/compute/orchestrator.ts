/**
 * Runs a metric for a map: memo first, dependencies first (each through the memo, so a mask
 * needed by several sections is computed once), the map loaded once per process, the
 * computation itself in the worker pool, artifacts handed to the store.
 */
import { VrsError } from '../../worker-pool/errors.js';
import type { MetricPool } from '../../worker-pool/pool.js';
import { keyParamsOf, type AnyMetric, type MetricRegistry } from '../../worker-pool/metrics/registry.js';
import type { Volume } from '../../worker-pool/volume.js';
import type { MapLoader, MapLocator, MemoKey, MemoOutcome, MemoStore, MetricProgress } from './types.js';
import { VolumeCache } from './volume-cache.js';

export interface OrchestratorDeps {
  store: MemoStore;
  maps: MapLocator;
  loadMap: MapLoader;
  pool: MetricPool;
  registry: MetricRegistry;
  /** Blob folder the workers write artifacts into (the store's BLOB_DIR). */
  blobRoot: string;
  /** Loaded maps kept in memory (default 2). */
  volumeCacheSize?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: MetricProgress) => void;
}

/** What a metric's memo key needs besides the map and the parameters (fixed per registry). */
interface KeyShape {
  /** The definitions of the metric and everything it depends on, as they were when shaped. */
  defs: AnyMetric[];
  closure: AnyMetric;
  version: string;
}

export class ComputeOrchestrator {
  readonly volumes: VolumeCache;
  /** Per metric name: no dependency walk on every request (a cache hit costs a few lookups). */
  readonly #shapes = new Map<string, KeyShape>();

  constructor(readonly deps: OrchestratorDeps) {
    this.volumes = new VolumeCache(deps.volumeCacheSize ?? 2);
  }

  get registry(): MetricRegistry {
    return this.deps.registry;
  }

  /**
   * The memo key of a metric: only the parameters it (or anything it depends on) declares,
   * and a version that includes its dependencies' versions, so that bumping the mask
   * algorithm also retires the sections computed from the old mask.
   */
  memoKey(mapId: string, metricName: string, params: object): MemoKey {
    const shape = this.#shape(metricName);
    return { mapId, metric: metricName, params: keyParamsOf(shape.closure, params), version: shape.version };
  }

  /** The metric's result, from the memo or computed (once, whoever else asks meanwhile). */
  async runMetric<T = unknown>(mapId: string, metricName: string, params: object, options: RunOptions = {}): Promise<MemoOutcome<T>> {
    const def = this.deps.registry.get(metricName);
    const key = this.memoKey(mapId, metricName, params); // a cycle fails here, before any work
    return this.deps.store.getOrCompute<T>(key, async () => {
      const depResults = await Promise.all(def.dependsOn.map((d) => this.runMetric(mapId, d, params, options)));
      const deps = Object.fromEntries(def.dependsOn.map((d, i) => [d, depResults[i].result]));
      const volume = await this.loadVolume(mapId);
      const out = await this.deps.pool.run<T>(
        { metric: def.name, mapId, volume, params, deps, blobRoot: this.deps.blobRoot },
        {
          signal: options.signal,
          onProgress: options.onProgress && ((p) => options.onProgress?.({ metric: def.name, ...p })),
        },
      );
      return { result: out.result, artifacts: out.artifacts };
    });
  }

  /** The map's voxels, read once per process (LRU by map id = SHA-256 of the file). */
  loadVolume(mapId: string): Promise<Volume> {
    return this.volumes.get(mapId, async () => {
      const path = await this.deps.maps.mapFilePath(mapId);
      const { volume, sha256 } = await this.deps.loadMap(path);
      if (sha256 !== mapId) {
        throw new VrsError('MAP_FILE_MISSING', `The stored file of map ${mapId} (${path}) now hashes to ${sha256}; register the map again.`);
      }
      return volume;
    });
  }

  /** The metric's key shape, rebuilt only when a definition in its closure was replaced (tests override). */
  #shape(metricName: string): KeyShape {
    const registry = this.deps.registry;
    const cached = this.#shapes.get(metricName);
    if (cached && registry.has(metricName) && cached.defs.every((d) => registry.has(d.name) && registry.get(d.name) === d)) return cached;
    const order = registry.dependencyOrder(metricName); // throws UNKNOWN_METRIC / METRIC_CYCLE
    const defs = order.map((n) => registry.get(n));
    const def = registry.get(metricName);
    const shape: KeyShape = { defs, closure: this.#keyParamsClosure(def, defs), version: this.#effectiveVersion(def) };
    this.#shapes.set(metricName, shape);
    return shape;
  }

  #keyParamsClosure(def: AnyMetric, defs: AnyMetric[]): AnyMetric {
    const names = new Set<string>();
    for (const d of defs) for (const k of d.keyParams) names.add(String(k));
    return { ...def, keyParams: [...names].sort() };
  }

  #effectiveVersion(def: AnyMetric): string {
    if (def.dependsOn.length === 0) return def.version;
    const parts = [...def.dependsOn].sort().map((d) => `${d}=${this.#effectiveVersion(this.deps.registry.get(d))}`);
    return `${def.version};${parts.join(';')}`;
  }
}

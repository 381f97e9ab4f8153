/**
 * Runs a metric for a map: memo first, dependencies first (each through the memo, so a mask
 * needed by several sections is computed once), each input loaded once per process, the
 * computation itself in the worker pool, artifacts handed to the store.
 *
 * Inputs by role: a metric declares the inputs it reads (map, half1, half2, mask, model). Its
 * memo key holds the SHA-256 of every non-map input that it or anything it depends on
 * declares, as attached to the map when the request came in; one snapshot of the attachments
 * serves the whole dependency walk, and each file is verified against that SHA-256 when read.
 * A metric that reads only the map (all of Level 0) has the same key as before inputs
 * existed, and costs no lookup of the attachments.
 */
import { VrsError, isVrsError } from '../../worker-pool/errors.js';
import { readModel } from '../../worker-pool/io/model.js';
import { DEFAULT_METRIC_COST, type MetricPool } from '../../worker-pool/pool.js';
import { missingInput } from '../../worker-pool/metrics/inputs.js';
import { declaredInputs, keyParamsOf, type AnyMetric, type MetricRegistry } from '../../worker-pool/metrics/registry.js';
import type { ArtifactRef, MetricInputs, ModelInput } from '../../worker-pool/metrics/types.js';
import { voxelCount, type Volume } from '../../worker-pool/volume.js';
import { phase } from '../../worker-pool/timings.js';
import type {
  AttachedRole, InputFileRef, MapInputLocator, MapLoader, MapLocator, MemoKey, MemoOutcome, MemoStore, MetricProgress, ModelLoader,
} from './types.js';
import { ModelCache, VolumeCache } from './volume-cache.js';
import type { UncomputedWork } from './work-budget.js';
import { declaredMemory, taskBytes, type MemoryBudget } from './memory-budget.js';

export interface OrchestratorDeps {
  store: MemoStore;
  maps: MapLocator;
  loadMap: MapLoader;
  pool: MetricPool;
  registry: MetricRegistry;
  /** Blob folder the workers write artifacts into (the store's BLOB_DIR). */
  blobRoot: string;
  /** Volumes (maps, half maps) kept in memory (default 3: a map and its two half maps). */
  volumeCacheSize?: number;
  /** The files attached to a map by role; without it a metric that needs one fails with MAP_INPUT_MISSING. */
  inputs?: MapInputLocator;
  /** Reads an atomic model (default: worker-pool/io/model.ts). */
  loadModel?: ModelLoader;
  /**
   * Artifacts shared between hosts (a `vrs worker`): the files its dependencies made elsewhere
   * are fetched before a metric runs, and those it made are published before its row is done.
   */
  artifacts?: ArtifactSync;
  /** Tasks run at once only while their declared working sets fit (memory-budget.ts); none: no limit. */
  memory?: MemoryBudget;
}

export interface ArtifactSync {
  ensureLocal(refs: ArtifactRef[]): Promise<void>;
  publish(refs: ArtifactRef[]): Promise<void>;
}

/** The artifact references ({sha256, mediaType, …}) anywhere in a result. */
export function artifactRefsIn(value: unknown, out: ArtifactRef[] = []): ArtifactRef[] {
  if (Array.isArray(value)) for (const v of value) artifactRefsIn(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.sha256 === 'string' && typeof o.mediaType === 'string') out.push(o as unknown as ArtifactRef);
    else for (const v of Object.values(o)) artifactRefsIn(v, out);
  }
  return out;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: MetricProgress) => void;
}

/** The attached files by role, or their SHA-256 alone (what a memo key needs). */
export type AttachedInputs = Partial<Record<AttachedRole, InputFileRef | string>>;

/** What a metric's memo key needs besides the map and the parameters (fixed per registry). */
interface KeyShape {
  /** The definitions of the metric and everything it depends on, as they were when shaped. */
  defs: AnyMetric[];
  closure: AnyMetric;
  version: string;
  /** Non-map roles read by the metric or its dependencies, sorted: the key's inputs. */
  roles: AttachedRole[];
}

const shaOf = (ref: InputFileRef | string | undefined): string | undefined => (typeof ref === 'string' ? ref : ref?.sha256);

export class ComputeOrchestrator {
  readonly volumes: VolumeCache;
  readonly models = new ModelCache(4);
  /** Per metric name: no dependency walk on every request (a cache hit costs a few lookups). */
  readonly #shapes = new Map<string, KeyShape>();

  constructor(readonly deps: OrchestratorDeps) {
    this.volumes = new VolumeCache(deps.volumeCacheSize ?? 3);
  }

  get registry(): MetricRegistry {
    return this.deps.registry;
  }

  /** The algorithm version in the metric's memo keys (its own and its dependencies'). */
  algorithmVersion(metricName: string): string {
    return this.#shape(metricName).version;
  }

  /** The non-map roles whose SHA-256 are in the metric's memo key ([] for a map-only metric). */
  inputRoles(metricName: string): AttachedRole[] {
    return this.#shape(metricName).roles;
  }

  /**
   * The memo key of a metric: only the parameters it (or anything it depends on) declares,
   * a version that includes its dependencies' versions (bumping the mask algorithm retires
   * the sections computed from the old mask), and the SHA-256 of the inputs of `inputRoles`,
   * taken from `inputs` (MAP_INPUT_MISSING when one is not there). A map-only metric's key
   * has no `inputs` whatever is attached.
   */
  memoKey(mapId: string, metricName: string, params: object, inputs: AttachedInputs = {}): MemoKey {
    const shape = this.#shape(metricName);
    const key: MemoKey = { mapId, metric: metricName, params: keyParamsOf(shape.closure, params), version: shape.version };
    if (shape.roles.length === 0) return key;
    const shas: Record<string, string> = {};
    for (const role of shape.roles) {
      const sha = shaOf(inputs[role]);
      if (!sha) throw missingInput(metricName, role, mapId);
      shas[role] = sha;
    }
    return { ...key, inputs: shas };
  }

  /** The memo key with the map's current attachments (looked up only when the metric needs some). */
  async resolveMemoKey(mapId: string, metricName: string, params: object): Promise<MemoKey> {
    if (this.inputRoles(metricName).length === 0) return this.memoKey(mapId, metricName, params);
    return this.memoKey(mapId, metricName, params, await this.attachedInputs(mapId));
  }

  /** The files attached to the map now, by role. */
  async attachedInputs(mapId: string): Promise<Partial<Record<AttachedRole, InputFileRef>>> {
    return (await this.deps.inputs?.mapInputs(mapId)) ?? {};
  }

  /**
   * The work a request for this metric would start: the memo keys (as text) of the metric and
   * of its dependencies whose results are not stored, each with its declared cost. A stored
   * metric costs nothing, and neither do its dependencies (they are not asked for again).
   */
  async uncomputedWork(mapId: string, metricName: string, params: object): Promise<UncomputedWork> {
    const attached = this.inputRoles(metricName).length > 0 ? await this.attachedInputs(mapId) : {};
    const work: UncomputedWork = new Map();
    const visit = async (name: string): Promise<void> => {
      const key = this.memoKey(mapId, name, params, attached);
      const text = JSON.stringify(key);
      if (work.has(text)) return;
      const store = this.deps.store;
      const done = store.isDone ? await store.isDone(key) : (await store.getState(key))?.state === 'done';
      if (done) return;
      const def = this.deps.registry.get(name);
      work.set(text, def.cost ?? DEFAULT_METRIC_COST);
      await Promise.all(def.dependsOn.map(visit));
    };
    await visit(metricName);
    return work;
  }

  /** The metric's result, from the memo or computed (once, whoever else asks meanwhile). */
  async runMetric<T = unknown>(mapId: string, metricName: string, params: object, options: RunOptions = {}): Promise<MemoOutcome<T>> {
    const roles = this.inputRoles(metricName); // a cycle or an unknown metric fails here, before any work
    const attached = roles.length > 0 ? await this.attachedInputs(mapId) : {};
    const key = this.memoKey(mapId, metricName, params, attached); // once: the check and the run share it
    await this.#checkMemory(key, params);
    return this.#run<T>(mapId, metricName, params, options, attached, key);
  }

  /**
   * MEMORY_BUDGET_EXCEEDED before any work starts when the metric or one of its dependencies
   * could not run within the budget even alone (nothing to check when its result is stored).
   * The voxel count is the registered one (maps table) when the locator knows it: the map is
   * not read for this.
   */
  async #checkMemory(key: MemoKey, params: object): Promise<void> {
    const budget = this.deps.memory;
    if (!budget) return;
    const store = this.deps.store;
    if (store.isDone ? await store.isDone(key) : (await store.getState(key))?.state === 'done') return;
    const voxels = await this.#mapVoxels(key.mapId);
    if (voxels === null) return;
    for (const name of this.deps.registry.dependencyOrder(key.metric)) {
      const def = this.deps.registry.get(name);
      budget.check(taskBytes(declaredMemory(def.memory, params, voxels), voxels, volumesRead(def)), `${def.name} on this ${voxels.toLocaleString('en')}-voxel map`);
    }
  }

  /** The map's voxel count: registered, else already loaded, else read; null when it cannot be read. */
  async #mapVoxels(mapId: string): Promise<number | null> {
    // a map that cannot be read is not the memory check's business: it fails inside the memo,
    // where the failure is stored and shown by level0Status
    const registered = this.volumes.has(mapId) ? null : await this.deps.maps.mapVoxels?.(mapId).catch(() => null);
    if (registered) return registered;
    const volume = await this.loadVolume(mapId).catch(() => null);
    return volume ? voxelCount(volume) : null;
  }

  #run<T>(
    mapId: string, metricName: string, params: object, options: RunOptions, attached: Partial<Record<AttachedRole, InputFileRef>>, known?: MemoKey,
  ): Promise<MemoOutcome<T>> {
    const def = this.deps.registry.get(metricName);
    let key: MemoKey;
    try {
      key = known ?? this.memoKey(mapId, metricName, params, attached);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.deps.store.getOrCompute<T>(key, async (stillOwner) => {
      const depResults = await Promise.all(def.dependsOn.map((d) => this.#run(mapId, d, params, options, attached)));
      const deps = Object.fromEntries(def.dependsOn.map((d, i) => [d, depResults[i]!.result]));
      await this.deps.artifacts?.ensureLocal(artifactRefsIn(deps));
      const [volume, inputs] = await Promise.all([this.loadVolume(mapId), this.#loadInputs(def, mapId, attached)]);
      const release = await this.deps.memory?.acquire(taskBytes(declaredMemory(def.memory, params, voxelCount(volume)), voxelCount(volume), volumesRead(def)), def.name, options.signal);
      try {
        // fetching the map, waiting for memory or for dependencies may take long: a claim taken
        // over meanwhile (its heartbeats did not reach the database) is not computed twice
        await stillOwner();
        const out = await phase(`  metric ${def.name}`, () => this.deps.pool.run<T>(
          { metric: def.name, mapId, volume, inputs, params, deps, blobRoot: this.deps.blobRoot, cost: def.cost },
          {
            signal: options.signal,
            onProgress: options.onProgress && ((p) => options.onProgress?.({ metric: def.name, ...p })),
          },
        ));
        await this.deps.artifacts?.publish(out.artifacts ?? []);
        return { result: out.result, artifacts: out.artifacts };
      } finally {
        release?.();
      }
    });
  }

  /** The map's voxels, read once per process (LRU by map id = SHA-256 of the file). */
  loadVolume(mapId: string): Promise<Volume> {
    return this.volumes.get(mapId, async () => {
      const path = await this.deps.maps.mapFilePath(mapId);
      const { volume, sha256 } = await phase('  load map (compute)', () => this.deps.loadMap(path));
      if (sha256 !== mapId) {
        throw new VrsError('MAP_FILE_MISSING', `The stored file of map ${mapId} (${path}) now hashes to ${sha256}; register the map again.`);
      }
      return volume;
    });
  }

  /** An attached volume (half map, mask), read once per process and checked against its SHA-256. */
  loadInputVolume(role: AttachedRole, ref: InputFileRef): Promise<Volume> {
    return this.volumes.get(ref.sha256, async () => {
      const read = await this.deps.loadMap(ref.path).catch((error: unknown) => {
        throw inputFileError(role, ref, isVrsError(error) ? `${error.code}: ${error.message}` : String(error));
      });
      if (read.sha256 !== ref.sha256) throw inputFileError(role, ref, `it now hashes to ${read.sha256}`);
      return read.volume;
    });
  }

  /** The attached model, parsed once per process and checked against its SHA-256. */
  loadInputModel(ref: InputFileRef): Promise<ModelInput> {
    return this.models.get(ref.sha256, async () => {
      const load = this.deps.loadModel ?? (async (path: string) => readModel(path));
      const read = await load(ref.path).catch((error: unknown) => {
        throw inputFileError('model', ref, isVrsError(error) ? `${error.code}: ${error.message}` : String(error));
      });
      if (read.sha256 !== ref.sha256) throw inputFileError('model', ref, `it now hashes to ${read.sha256}`);
      return read.model;
    });
  }

  /** The inputs the metric itself declares, other than the map (its dependencies get theirs). */
  async #loadInputs(def: AnyMetric, mapId: string, attached: Partial<Record<AttachedRole, InputFileRef>>): Promise<Omit<MetricInputs, 'map'>> {
    const roles = declaredInputs(def).filter((r): r is AttachedRole => r !== 'map');
    const inputs: Omit<MetricInputs, 'map'> = {};
    await Promise.all(roles.map(async (role) => {
      const ref = attached[role];
      if (!ref) throw missingInput(def.name, role, mapId);
      if (role === 'model') inputs.model = await this.loadInputModel(ref);
      else inputs[role] = await this.loadInputVolume(role, ref);
    }));
    return inputs;
  }

  /** The metric's key shape, rebuilt only when a definition in its closure was replaced (tests override). */
  #shape(metricName: string): KeyShape {
    const registry = this.deps.registry;
    const cached = this.#shapes.get(metricName);
    if (cached && registry.has(metricName) && cached.defs.every((d) => registry.has(d.name) && registry.get(d.name) === d)) return cached;
    const order = registry.dependencyOrder(metricName); // throws UNKNOWN_METRIC / METRIC_CYCLE
    const defs = order.map((n) => registry.get(n));
    const def = registry.get(metricName);
    const shape: KeyShape = {
      defs,
      closure: this.#keyParamsClosure(def, defs),
      version: this.#effectiveVersion(def),
      roles: registry.keyInputRoles(metricName) as AttachedRole[],
    };
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

/** The volumes a metric reads (the map, half maps, a mask), each charged to its task's memory. */
function volumesRead(def: AnyMetric): number {
  return 1 + declaredInputs(def).filter((r) => r !== 'map' && r !== 'model').length;
}

function inputFileError(role: AttachedRole, ref: InputFileRef, why: string): VrsError {
  return new VrsError('INPUT_FILE_MISSING', `The ${role === 'model' ? 'atomic model' : role} file attached to this map (${ref.name}, ${ref.path}, SHA-256 ${ref.sha256.slice(0, 12)}…) cannot be used: ${why}; attach it again.`, { role });
}

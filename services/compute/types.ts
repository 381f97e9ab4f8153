/**
 * What the orchestrator needs from the rest of the system, as small interfaces: the metric
 * store (memo with single flight: services/store), where a map's file is, how a map is read,
 * and the pool. The real implementations are wired in ./service.ts; tests may pass fakes.
 */
import type { ArtifactRef, InputRole, ModelInput } from '../../worker-pool/metrics/types.js';
import type { Volume } from '../../worker-pool/volume.js';

/**
 * The memo key of DESIGN.md: map SHA-256, metric name, canonical parameters, algorithm
 * version, and the SHA-256 of every other input (by role) that the metric or one of its
 * dependencies reads. A metric that reads only the map (all of Level 0) has no `inputs`.
 */
export interface MemoKey {
  mapId: string;
  metric: string;
  params: Record<string, unknown>;
  version: string;
  inputs?: Record<string, string>;
}

/** The roles a file can be attached in, beside the map. */
export type AttachedRole = Exclude<InputRole, 'map'>;

/** An attached file: its SHA-256 (checked when it is read), where it is, its name. */
export interface InputFileRef {
  sha256: string;
  path: string;
  name: string;
}

/** The files attached to a map, by role (from the map_inputs table). */
export interface MapInputLocator {
  mapInputs(mapId: string): Promise<Partial<Record<AttachedRole, InputFileRef>>>;
}

/** Reads an atomic model file into typed arrays (on SharedArrayBuffers); sha256 identifies the bytes. */
export type ModelLoader = (path: string) => Promise<{ model: ModelInput; sha256: string }>;

export type ComputeStateName = 'queued' | 'running' | 'done' | 'failed';

export interface ComputeState {
  state: ComputeStateName;
  computeMillis: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: { code: string; message: string } | null;
}

export interface MemoOutcome<T> {
  result: T;
  fromCache: boolean;
  computeMillis: number | null;
}

export interface MemoStore {
  /**
   * `compute` gets `stillOwner`: it rejects (and the store waits for the new owner's result
   * instead) when this claim was taken over meanwhile; called before work it would double.
   */
  getOrCompute<T>(key: MemoKey, compute: (stillOwner: () => Promise<void>) => Promise<{ result: T; artifacts?: ArtifactRef[] }>): Promise<MemoOutcome<T>>;
  getState(key: MemoKey): Promise<ComputeState | null>;
  /** Creates a 'queued' row without computing (nothing happens when a row exists). */
  enqueue(key: MemoKey): Promise<unknown>;
  /** Whether the key's result is stored (done); without it, getState answers. */
  isDone?(key: MemoKey): Promise<boolean>;
}

/** Where a registered map's file is (from the maps table). */
export interface MapLocator {
  mapFilePath(mapId: string): Promise<string>;
  /**
   * The map's voxel count as registered (the maps table's dimensions), null when not known:
   * what the memory check needs, without reading the map (a gateway that does not compute
   * never reads it). Without it the check reads the map.
   */
  mapVoxels?(mapId: string): Promise<number | null>;
}

/** Reads a map file into a Volume on a SharedArrayBuffer; sha256 identifies the bytes. */
export type MapLoader = (path: string) => Promise<{ volume: Volume; sha256: string }>;

export interface MetricProgress {
  metric: string;
  fraction: number;
  phase?: string;
}

/**
 * The contract between the metric modules (worker-pool/metrics), the pool that runs them
 * and the services that memoize them. A metric is a pure composition of kernels: it gets
 * the map, its canonical parameters and the results of the metrics it depends on, and
 * returns a JSON-serialisable result plus the artifacts (figures, masks, local maps) it made.
 */
import type { ModelInput } from '../io/model.js';
import type { Volume } from '../volume.js';

export type { ModelInput } from '../io/model.js';

/**
 * The inputs a metric may need, by role: the map (always), the two half maps, a mask, the
 * atomic model. A metric declares the roles it reads (MetricDefinition.inputs); the memo key
 * of a metric holds the SHA-256 of every non-map input that it or its dependencies declare.
 */
export type InputRole = 'map' | 'half1' | 'half2' | 'mask' | 'model';
export const INPUT_ROLES: readonly InputRole[] = ['map', 'half1', 'half2', 'mask', 'model'];
/** The roles that hold a density grid (a Volume); 'model' holds atoms. */
export const VOLUME_ROLES: readonly InputRole[] = ['map', 'half1', 'half2', 'mask'];

/**
 * The inputs handed to a metric: half maps and mask as Volumes on SharedArrayBuffers (same
 * grid as the map), the model as parsed coordinates (typed arrays on SharedArrayBuffers).
 * A Partial<Record<InputRole, Volume | ModelInput>>, typed per role.
 */
export interface MetricInputs {
  map?: Volume;
  half1?: Volume;
  half2?: Volume;
  mask?: Volume;
  model?: ModelInput;
}

export type CriteriaProfile = 'standard' | 'vrs-2024';

/** Canonical Level 0 parameters: part of every memo key (with the map SHA-256 and version). */
export interface Level0Params {
  /** Density threshold (map units). */
  threshold: number;
  /** Reported resolution, Å; null when the user gave none (0.d–0.h then do not apply). */
  resolution: number | null;
  profile: CriteriaProfile;
  /** Voxel size Ts used by the analyses, Å (the map's x voxel size unless overridden). */
  voxelSize: number;
}

/** A file a metric produced; the service records it in the artifact table. */
export interface ArtifactRef {
  /** SHA-256 of the bytes: the file's name in the blob store. */
  sha256: string;
  /** 'image/png', 'application/x-mrc', 'image/svg+xml', 'application/json'. */
  mediaType: string;
  /** What it is, e.g. 'hardMask', 'centralSlice', 'localResolutionMap'. */
  role: string;
  sizeBytes: number;
}

export interface MetricContext<P = Level0Params> {
  /** The map (= inputs.map): every Level 0 metric reads only this. */
  volume: Volume;
  /**
   * Every input the metric declared, by role (the pool always sets it; contexts built by hand
   * in tests may leave it out). Read them with inputVolume / inputModel (metrics/inputs.ts),
   * which fail with MAP_INPUT_MISSING when one is absent.
   */
  inputs?: MetricInputs;
  params: P;
  /** Results of the metrics named in `dependsOn`, by name. */
  deps: Record<string, unknown>;
  /** Writes bytes to the content-addressed blob store and returns the reference. */
  putArtifact(bytes: Uint8Array, mediaType: string, role: string): ArtifactRef;
  /** Reads an artifact back (e.g. the hard mask made by the `masks` metric). */
  readArtifact(sha256: string): Uint8Array;
  /** Progress in [0, 1] with an optional phase name. */
  progress(fraction: number, phase?: string): void;
}

export interface MetricDefinition<R = unknown, P = Level0Params> {
  /** Stable name: part of the memo key, e.g. 'level0.mass'. */
  name: string;
  /** Bump whenever the algorithm or the result's shape changes; old memo rows stop matching. */
  version: string;
  /** Metrics whose results this one needs (computed and memoized first). */
  dependsOn: string[];
  /** Which parameters matter (others are dropped from the memo key), e.g. ['threshold','voxelSize']. */
  keyParams: (keyof P)[];
  /**
   * The inputs it reads (default ['map']). The SHA-256 of each non-map role is part of its
   * memo key, and of the keys of every metric that depends on it.
   */
  inputs?: InputRole[];
  /**
   * Its declared cost: CPU-seconds (all threads) of one run per million voxels of the map, as
   * its benchmark measured it (the comment beside each says where); a run on a map of V million
   * voxels is estimated at cost × V. Every product metric declares one (registry.test.ts); a
   * test metric may leave it out (worker-pool/pool.ts DEFAULT_METRIC_COST, 1). The pool's time
   * limit for the task and a request's budget of uncomputed work (services/compute/work-budget.ts)
   * follow from it.
   */
  cost?: number;
  /**
   * Its working set: the bytes it allocates at its peak besides its inputs, per voxel of the
   * map (default 16, services/compute/memory-budget.ts DEFAULT_METRIC_MEMORY), or a function of
   * the parameters and the map's voxels giving it (a section on a resampled grid, one whose
   * working set is bounded whatever the map's size). Measured with e2e/bench/level0-profile.ts.
   * The process's memory budget (VRS_MEMORY_BUDGET) decides from it how many tasks run at once.
   */
  memory?: number | ((params: P, voxels: number) => number);
  compute(ctx: MetricContext<P>): Promise<R> | R;
}

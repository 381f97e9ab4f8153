/**
 * The one Piscina pool that runs metrics. Each task gets the map as a Volume whose data lives
 * on a SharedArrayBuffer, so posting it to a worker shares the memory instead of copying it
 * (256 MB reach a worker in ~0.1 ms; a copy would cost ~0.5 s). One task per worker at a time,
 * so a worker that dies takes only its own task with it; Piscina starts a replacement.
 *
 * Every task has a time limit derived from its metric's declared cost (seconds per million
 * voxels) and the map's size, counted from the moment a worker starts it (not while it waits
 * in the queue). Over it, the task is aborted: Piscina terminates the worker thread running it
 * (a synchronous kernel cannot be interrupted any other way), which frees the thread for the
 * next task, and the task fails with TASK_TIME_LIMIT.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { VrsError } from './errors.js';
import type { MetricInputs } from './metrics/types.js';
import { sharedFloat32, voxelCount, type Volume } from './volume.js';
import {
  decodeTaskError,
  isProgressEnd,
  isTaskStarted,
  type MetricTaskInput,
  type MetricTaskOutput,
  type ProgressMessage,
} from './task-protocol.js';

export type { MetricTaskOutput, ProgressMessage } from './task-protocol.js';

export interface MetricPoolOptions {
  /** Worker threads; default: the machine's cores. */
  threads?: number;
  /** Extra metric modules (URLs) every worker registers, e.g. test metrics. */
  metricModules?: string[];
  /** Compiled worker entry; default dist/worker-pool/task.js beside this file. */
  workerFile?: string;
  /** How a task's time limit follows from its declared cost; default taskTimeLimitsFromEnv(). */
  timeLimits?: TaskTimeLimits;
}

/** A task may run factor × (declared seconds per million voxels) × (million voxels), and at least minMs. */
export interface TaskTimeLimits {
  factor: number;
  minMs: number;
}

/** The cost a metric that declares none is taken to have: seconds per million voxels of the map. */
export const DEFAULT_METRIC_COST = 1;

/**
 * VRS_TASK_TIME_FACTOR (default 30) and VRS_TASK_MIN_SECONDS (default 60). The costs are
 * CPU-seconds on an idle machine; on this project's shared 2-core machines wall time ran up to
 * 9× the CPU time (bench local at load 12), so the factor leaves room for that and still stops
 * a runaway task (the issue's: ~21 million dilations) long before it would end.
 */
export function taskTimeLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): TaskTimeLimits {
  const positive = (text: string | undefined, fallback: number) => {
    const n = Number(text);
    return text !== undefined && text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { factor: positive(env.VRS_TASK_TIME_FACTOR, 30), minMs: positive(env.VRS_TASK_MIN_SECONDS, 60) * 1000 };
}

/** The time limit of a task of declared `cost` (s per million voxels) on a map of `voxels`, ms. */
export function taskTimeLimitMs(cost: number, voxels: number, limits: TaskTimeLimits): number {
  return Math.max(limits.minMs, limits.factor * cost * (voxels / 1e6) * 1000);
}

/** What /healthz reports of the pool. */
export interface PoolLoad {
  threads: number;
  /** Tasks a worker is running now. */
  running: number;
  /** Tasks waiting for a free worker. */
  queued: number;
  /** Every thread is busy: new work waits (cached results are still answered). */
  saturated: boolean;
  /** How long the longest-running task has run, ms (0 when none). */
  longestRunningMs: number;
}

export interface MetricRunRequest {
  metric: string;
  mapId: string;
  volume: Volume;
  /** Inputs of the other roles (half maps, mask, model) the metric declared. */
  inputs?: Omit<MetricInputs, 'map'>;
  params: unknown;
  deps?: Record<string, unknown>;
  blobRoot: string;
  /** The metric's declared cost, seconds per million voxels (default DEFAULT_METRIC_COST): sets the time limit. */
  cost?: number;
}

export interface MetricRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: ProgressMessage) => void;
}

/** The task's name in errors and in `activeTasks()`: metric name + map id. */
export function taskName(metric: string, mapId: string): string {
  return `${metric}@${mapId.slice(0, 12)}`;
}

/** Every volume of `inputs` on a SharedArrayBuffer (the model's arrays already are: io/model.ts). */
export function sharedInputs(inputs: Omit<MetricInputs, 'map'> | undefined): Omit<MetricInputs, 'map'> {
  const out: Omit<MetricInputs, 'map'> = {};
  if (!inputs) return out;
  for (const role of ['half1', 'half2', 'mask'] as const) {
    const v = inputs[role];
    if (v) out[role] = sharedVolume(v);
  }
  if (inputs.model) out.model = inputs.model;
  return out;
}

/** A Volume whose data is on a SharedArrayBuffer (copied once if it is not). */
export function sharedVolume(volume: Volume): Volume {
  if (volume.data.buffer instanceof SharedArrayBuffer) return volume;
  const data = sharedFloat32(volume.data.length);
  data.set(volume.data);
  return { ...volume, data };
}

/** The file Piscina loads in each thread: task-entry.cjs, not task.js, since Piscina require()s it (task-entry.cts says why). */
export const TASK_ENTRY = fileURLToPath(new URL('./task-entry.cjs', import.meta.url));

export class MetricPool {
  readonly #piscina: Piscina<MetricTaskInput, MetricTaskOutput>;
  readonly #metricModules: string[];
  readonly #timeLimits: TaskTimeLimits;
  /** Tasks submitted and not settled, by label; `startedAt` once a worker runs it. */
  readonly #active = new Map<string, { startedAt?: number }>();

  constructor(options: MetricPoolOptions = {}) {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    this.#metricModules = options.metricModules ?? [];
    this.#timeLimits = options.timeLimits ?? taskTimeLimitsFromEnv();
    this.#piscina = new Piscina({
      filename: options.workerFile ?? TASK_ENTRY,
      name: 'default',
      minThreads: threads,
      maxThreads: threads,
      concurrentTasksPerWorker: 1,
      // Between tasks a worker's event loop runs ('sync' would block it in Atomics.wait), so
      // its timers fire while it is idle: the buffer pool empties itself after a minute
      // (kernels/memory/buffer-pool.ts). The cost, a message per task, is nothing beside a section.
      atomics: 'async',
      idleTimeout: 60_000,
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' },
    });
  }

  get threads(): number {
    return this.#piscina.maxThreads;
  }

  /** Names of the tasks running or queued now (metric@map). */
  activeTasks(): string[] {
    return [...this.#active.keys()];
  }

  /** Threads, running and queued tasks: whether new work would wait. */
  load(): PoolLoad {
    const now = performance.now();
    let running = 0;
    let longestRunningMs = 0;
    for (const task of this.#active.values()) {
      if (task.startedAt === undefined) continue;
      running++;
      longestRunningMs = Math.max(longestRunningMs, now - task.startedAt);
    }
    const threads = this.threads;
    return { threads, running, queued: this.#active.size - running, saturated: running >= threads, longestRunningMs: Math.round(longestRunningMs) };
  }

  /**
   * Runs one metric in a worker; rejects with a VrsError (its code kept from the worker),
   * CANCELLED when `signal` aborts it, TASK_TIME_LIMIT when it runs past its time limit.
   */
  async run<R = unknown>(request: MetricRunRequest, options: MetricRunOptions = {}): Promise<MetricTaskOutput<R>> {
    const name = taskName(request.metric, request.mapId);
    if (options.signal?.aborted) throw new VrsError('CANCELLED', `The computation ${name} was cancelled before it started.`);
    const cost = request.cost ?? DEFAULT_METRIC_COST;
    const limitMs = taskTimeLimitMs(cost, voxelCount(request.volume), this.#timeLimits);
    const label = `${name}#${Math.random().toString(36).slice(2, 8)}`;
    const entry: { startedAt?: number } = {};
    const overtime = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The task's port: its start (the time limit counts from there), its progress, its end.
    const channel = new MessageChannel();
    const progressEnded = new Promise<void>((resolve) => {
      channel.port1.on('message', (m: ProgressMessage) => {
        if (isTaskStarted(m)) {
          entry.startedAt = performance.now();
          timer = setTimeout(() => overtime.abort(), limitMs);
        } else if (isProgressEnd(m)) resolve();
        else options.onProgress?.(m);
      });
    });
    const input: MetricTaskInput = {
      metric: request.metric,
      mapId: request.mapId,
      volume: sharedVolume(request.volume),
      inputs: sharedInputs(request.inputs),
      params: request.params,
      deps: request.deps ?? {},
      blobRoot: request.blobRoot,
      metricModules: this.#metricModules,
      progressPort: channel.port2,
    };
    this.#active.set(label, entry);
    try {
      const output = (await this.#piscina.run(input, {
        signal: options.signal ? AbortSignal.any([options.signal, overtime.signal]) : overtime.signal,
        transferList: [channel.port2],
      })) as MetricTaskOutput<R>;
      // A finished task posted its end marker before its result: wait for the progress
      // messages in between (the timer only guards against a lost marker).
      await withTimeout(progressEnded, 5_000);
      return output;
    } catch (error) {
      if (overtime.signal.aborted && !options.signal?.aborted) {
        const megavoxels = voxelCount(request.volume) / 1e6;
        throw new VrsError('TASK_TIME_LIMIT',
          `${name} ran longer than its time limit of ${Math.round(limitMs / 1000)} s (${this.#timeLimits.factor} × its declared cost of ` +
          `${cost} s per million voxels × ${Number(megavoxels.toPrecision(3))} million voxels, at least ${this.#timeLimits.minMs / 1000} s) ` +
          'and was stopped; its worker thread was freed. Check the map (its geometry, its size); if the map is right, raise VRS_TASK_TIME_FACTOR.',
          { limitMs, cost, voxels: voxelCount(request.volume) });
      }
      throw decodeTaskError(error, name);
    } finally {
      clearTimeout(timer);
      this.#active.delete(label);
      channel.port1.close();
    }
  }

  async close(): Promise<void> {
    await this.#piscina.close({ force: true });
  }
}

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

let sharedPool: MetricPool | undefined;

/** The process's pool (created on first use, sized to the cores). */
export function getMetricPool(options?: MetricPoolOptions): MetricPool {
  sharedPool ??= new MetricPool(options);
  return sharedPool;
}

export async function closeMetricPool(): Promise<void> {
  const p = sharedPool;
  sharedPool = undefined;
  await p?.close();
}

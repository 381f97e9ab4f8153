/**
 * The one Piscina pool that runs metrics. Each task gets the map as a Volume whose data lives
 * on a SharedArrayBuffer, so posting it to a worker shares the memory instead of copying it
 * (256 MB reach a worker in ~0.1 ms; a copy would cost ~0.5 s). One task per worker at a time,
 * so a worker that dies takes only its own task with it; Piscina starts a replacement.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { VrsError } from './errors.js';
import type { MetricInputs } from './metrics/types.js';
import type { Volume } from './volume.js';
import {
  decodeTaskError,
  isProgressEnd,
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
  const data = new Float32Array(new SharedArrayBuffer(volume.data.byteLength));
  data.set(volume.data);
  return { ...volume, data };
}

export class MetricPool {
  readonly #piscina: Piscina<MetricTaskInput, MetricTaskOutput>;
  readonly #metricModules: string[];
  readonly #active = new Set<string>();

  constructor(options: MetricPoolOptions = {}) {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    this.#metricModules = options.metricModules ?? [];
    this.#piscina = new Piscina({
      filename: options.workerFile ?? fileURLToPath(new URL('./task.js', import.meta.url)),
      name: 'default',
      minThreads: threads,
      maxThreads: threads,
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' },
    });
  }

  get threads(): number {
    return this.#piscina.maxThreads;
  }

  /** Names of the tasks running or queued now (metric@map). */
  activeTasks(): string[] {
    return [...this.#active];
  }

  /** Runs one metric in a worker; rejects with a VrsError (its code kept from the worker). */
  async run<R = unknown>(request: MetricRunRequest, options: MetricRunOptions = {}): Promise<MetricTaskOutput<R>> {
    const name = taskName(request.metric, request.mapId);
    if (options.signal?.aborted) throw new VrsError('CANCELLED', `The computation ${name} was cancelled before it started.`);
    const channel = options.onProgress ? new MessageChannel() : undefined;
    let progressEnded: Promise<void> = Promise.resolve();
    if (channel && options.onProgress) {
      const onProgress = options.onProgress;
      progressEnded = new Promise((resolve) => {
        channel.port1.on('message', (m: ProgressMessage) => (isProgressEnd(m) ? resolve() : onProgress(m)));
      });
    }
    const input: MetricTaskInput = {
      metric: request.metric,
      mapId: request.mapId,
      volume: sharedVolume(request.volume),
      inputs: sharedInputs(request.inputs),
      params: request.params,
      deps: request.deps ?? {},
      blobRoot: request.blobRoot,
      metricModules: this.#metricModules,
      progressPort: channel?.port2,
    };
    const label = `${name}#${Math.random().toString(36).slice(2, 8)}`;
    this.#active.add(label);
    try {
      const output = (await this.#piscina.run(input, {
        signal: options.signal ?? null,
        transferList: channel ? [channel.port2] : undefined,
      })) as MetricTaskOutput<R>;
      // A finished task posted its end marker before its result: wait for the progress
      // messages in between (the timer only guards against a lost marker).
      if (channel) await withTimeout(progressEnded, 5_000);
      return output;
    } catch (error) {
      throw decodeTaskError(error, name);
    } finally {
      this.#active.delete(label);
      channel?.port1.close();
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

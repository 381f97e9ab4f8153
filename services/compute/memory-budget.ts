/**
 * The process's memory budget for computations. Each metric declares its working set in bytes
 * per voxel of the map (MetricDefinition.memory: what it allocates at its peak besides its
 * inputs); a task is charged that times the map's voxels plus the volumes it reads (the map and
 * any half maps, 4 bytes a voxel each, counted per task: two tasks on one map count it twice,
 * which errs on the safe side). Tasks start while the sum of the running ones stays within the
 * budget; the others wait in arrival order (a large task at the head is not overtaken, so it
 * cannot starve). A task that could not run even alone is refused up front with
 * MEMORY_BUDGET_EXCEEDED, before any work of its request starts, rather than ending in an
 * out-of-memory crash.
 *
 * The budget: VRS_MEMORY_BUDGET (bytes, or with a binary suffix K, M, G, T: "1.5G"), default
 * 75 % of the machine's memory (or of the cgroup's limit when one is set).
 */
import { totalmem } from 'node:os';
import { VrsError } from '../../worker-pool/errors.js';

/** Bytes per voxel of the map a metric that declares nothing is taken to need: four float32 maps. */
export const DEFAULT_METRIC_MEMORY = 16;

const SUFFIX: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Bytes from "123", "512M", "1.5G", "2GiB" (binary units); null when the text is not such a size. */
export function parseBytes(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(text);
  if (!m) return null;
  const v = Number(m[1]) * SUFFIX[m[2]!.toUpperCase()]!;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : null;
}

/** The machine's memory, or the cgroup's limit when it is smaller. */
function machineMemory(): number {
  const limit = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() ?? 0;
  return limit && limit > 0 && limit < totalmem() ? limit : totalmem();
}

/** VRS_MEMORY_BUDGET in bytes; default 75 % of the machine's memory. BAD_PARAMETER when set but not a size. */
export function memoryBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.VRS_MEMORY_BUDGET;
  if (raw === undefined || raw.trim() === '') return Math.floor(0.75 * machineMemory());
  const bytes = parseBytes(raw);
  if (bytes === null) {
    throw new VrsError('BAD_PARAMETER', `VRS_MEMORY_BUDGET must be a size in bytes, optionally with K, M, G or T (binary units), e.g. 1.5G; got "${raw}".`);
  }
  return bytes;
}

export const formatBytes = (b: number): string =>
  b >= 2 ** 30 ? `${+(b / 2 ** 30).toPrecision(3)} GiB` : b >= 2 ** 20 ? `${+(b / 2 ** 20).toPrecision(3)} MiB` : `${Math.round(b)} bytes`;

/** A metric's declared working set at these parameters on a map of `voxels`, bytes per voxel of the map. */
export function declaredMemory(memory: number | ((params: never, voxels: number) => number) | undefined, params: object, voxels: number): number {
  return typeof memory === 'function' ? memory(params as never, voxels) : (memory ?? DEFAULT_METRIC_MEMORY);
}

/** The bytes a task is charged: its working set (bytes per voxel) for `voxels`, plus the `volumes` it reads (float32). */
export function taskBytes(memoryPerVoxel: number, voxels: number, volumes = 1): number {
  return (memoryPerVoxel + 4 * volumes) * voxels;
}

interface Waiter {
  bytes: number;
  grant: (release: () => void) => void;
}

const cancelled = (what: string) => new VrsError('CANCELLED', `${what} was cancelled while it waited for memory.`);

export class MemoryBudget {
  #inUse = 0;
  #peak = 0;
  #waits = 0;
  readonly #queue: Waiter[] = [];

  constructor(readonly limit: number) {}

  /** Bytes charged to the tasks running now. */
  get inUse(): number {
    return this.#inUse;
  }

  /** The most that was ever charged at once. */
  get peak(): number {
    return this.#peak;
  }

  /** How many tasks had to wait for memory. */
  get waits(): number {
    return this.#waits;
  }

  /** MEMORY_BUDGET_EXCEEDED when a task of `bytes` could not run even alone; `what` names it for the message. */
  check(bytes: number, what: string): void {
    if (bytes <= this.limit) return;
    throw new VrsError('MEMORY_BUDGET_EXCEEDED',
      `${what} needs about ${formatBytes(bytes)} of memory, more than this server's budget of ${formatBytes(this.limit)} ` +
        '(VRS_MEMORY_BUDGET); nothing was computed. Raise VRS_MEMORY_BUDGET on a machine with more memory, or bin or crop the map.',
      { bytes, budget: this.limit });
  }

  /**
   * Waits until `bytes` fit beside the running tasks (in arrival order) and charges them;
   * resolves with the function that gives them back (call it once, when the task ends).
   * A task larger than the whole budget is refused (check()).
   */
  acquire(bytes: number, what: string, signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      this.check(bytes, what); // a throw here rejects
      if (signal?.aborted) return reject(cancelled(what));
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at < 0) return;
        this.#queue.splice(at, 1);
        reject(cancelled(what));
        this.#drain();
      };
      const waiter: Waiter = {
        bytes,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      this.#drain();
      if (this.#queue.includes(waiter)) this.#waits++;
    });
  }

  #drain(): void {
    while (this.#queue.length > 0 && this.#inUse + this.#queue[0]!.bytes <= this.limit) {
      const w = this.#queue.shift()!;
      this.#inUse += w.bytes;
      this.#peak = Math.max(this.#peak, this.#inUse);
      let released = false;
      w.grant(() => {
        if (released) return;
        released = true;
        this.#inUse -= w.bytes;
        this.#drain();
      });
    }
  }
}

let shared: MemoryBudget | undefined;

/** The process's one budget (VRS_MEMORY_BUDGET), shared by every orchestrator in it as the worker pool is. */
export function processMemoryBudget(): MemoryBudget {
  shared ??= new MemoryBudget(memoryBudgetFromEnv());
  return shared;
}

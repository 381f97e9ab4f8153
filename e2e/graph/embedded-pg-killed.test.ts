/**
 * The embedded PostgreSQL killed mid-run (issue 18.5): a `vrs serve` on its own embedded
 * cluster (in this test's temporary folder, never the shared server) runs Level 0 (slow stub
 * metrics, a second each); its postmaster is SIGKILLed while sections remain. The server starts
 * it again by itself, and the run completes: every section DONE, each metric computed exactly
 * once (the stubs write a line per computation), every section then answered from the store.
 * Then the cluster is frozen (SIGSTOP to all its processes): /healthz answers within 1 s, degraded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';

const STUBS = new URL('../../worker-pool/testing/level0-stub-metrics.js', import.meta.url).href;
const SLOW = new URL('../../worker-pool/testing/slow-level0-stubs.js', import.meta.url).href;

let dir: string;
let child: ChildProcess | undefined;
let output = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrs-pg-killed-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

const gql = async (url: string, query: string, variables: Record<string, unknown>) =>
  (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as { data?: any; errors?: any[] };
/** The processes whose parent is `pid` (/proc: Linux). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return Number(readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]) === pid;
    } catch {
      return false; // gone meanwhile
    }
  }).map(Number);
}
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ARGS = 'threshold: 0.5, resolution: 6';

describe('the embedded PostgreSQL killed mid-run', () => {
  it('comes back by itself and the Level 0 run completes, nothing lost or computed twice; frozen, /healthz still answers within 1 s', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env, VRS_DATA_DIR: join(dir, 'data'), VRS_METRIC_MODULES: `${STUBS},${SLOW}`,
      VRS_TEST_STUB_DELAY_MS: '1500', VRS_TEST_COMPUTE_LOG: join(dir, 'computed.log'), VRS_PG_SUPERVISE_MS: '500',
    };
    delete env.DATABASE_URL; // the embedded cluster
    delete env.BLOB_DIR;
    child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), 'serve', '--port', '0', '--data-root', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', () => {
        const m = output.match(/serving (http:\/\/[^/\s]+)\/graphql/);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`vrs serve exited ${code}: ${output}`)));
    });
    const n = 16;
    const bytes = writeMrc({ nx: n, ny: n, nz: n, data: sharedFloat32(n ** 3).map((_, i) => Math.sin(i / 5)), voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
    const { id } = (await (await fetch(`${url}/maps/pg-killed.map`, { method: 'PUT', body: bytes })).json()) as { id: string };
    expect((await gql(url, `mutation($id: ID!) { startLevel0(mapId: $id, ${ARGS}) { section } }`, { id })).errors).toBeUndefined();
    const status = async () => (await gql(url, `query($id: ID!) { level0Status(mapId: $id, ${ARGS}) { section state error { code message } } }`, { id })).data?.level0Status as { section: string; state: string; error: unknown }[] | undefined;
    // some sections done, some not: then the database dies
    for (let t = Date.now(); Date.now() - t < 60_000; await delay(200)) {
      const s = await status();
      if (s && s.some((x) => x.state === 'DONE')) break;
    }
    const before = (await status())!;
    expect(before.some((x) => x.state !== 'DONE')).toBe(true);
    const pidFile = join(dir, 'data', 'pg', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    const killed = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    process.kill(killed, 'SIGKILL');
    // the run completes by itself (status may answer DB_UNAVAILABLE while the database is down)
    let after: Awaited<ReturnType<typeof status>>;
    for (let t = Date.now(); Date.now() - t < 180_000; await delay(500)) {
      after = await status().catch(() => undefined);
      if (after && after.every((x) => x.state === 'DONE' || x.state === 'FAILED')) break;
    }
    expect(Number(readFileSync(pidFile, 'utf8').split('\n')[0])).not.toBe(killed); // a new postmaster
    expect(after!.filter((x) => x.state !== 'DONE'), output.slice(-3000)).toEqual([]);
    // each metric computed once
    const lines = readFileSync(join(dir, 'computed.log'), 'utf8').trim().split('\n');
    const counts = lines.reduce<Record<string, number>>((acc, m) => ((acc[m] = (acc[m] ?? 0) + 1), acc), {});
    expect(Object.values(counts).every((c) => c === 1), JSON.stringify(counts)).toBe(true);
    expect(Object.keys(counts).length).toBe(10); // masks + the nine sections
    // every section answered from the store: no error, nothing computed again
    const fields = after!.map((x) => `${x.section} { __typename }`).join(' ');
    const all = await gql(url, `query($id: ID!) { map(id: $id) { level0(${ARGS}) { ${fields} } } }`, { id });
    expect(all.errors).toBeUndefined();
    expect(Object.values(all.data.map.level0).every((s: any) => typeof s?.__typename === 'string')).toBe(true);
    expect(readFileSync(join(dir, 'computed.log'), 'utf8').trim().split('\n').length).toBe(lines.length);

    // frozen (every process of the cluster stopped, SIGSTOP): /healthz still answers within 1 s, degraded; thawed, ok again
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const cluster = [postmaster, ...childrenOf(postmaster)];
    const health = async () => {
      const t0 = performance.now();
      const res = await fetch(`${url}/healthz`);
      return { status: res.status, body: (await res.json()) as { status: string; database: boolean }, ms: performance.now() - t0 };
    };
    for (const pid of cluster) process.kill(pid, 'SIGSTOP');
    let frozen: Awaited<ReturnType<typeof health>>;
    try {
      frozen = await health();
    } finally {
      for (const pid of cluster) process.kill(pid, 'SIGCONT');
    }
    expect(frozen).toMatchObject({ status: 503, body: { status: 'degraded', database: false } });
    expect(frozen.ms).toBeLessThan(1_000);
    let thawed = await health();
    for (let t = Date.now(); thawed.status !== 200 && Date.now() - t < 30_000; await delay(200)) thawed = await health();
    expect(thawed).toMatchObject({ status: 200, body: { status: 'ok', database: true } });
  });
});

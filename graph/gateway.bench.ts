/**
 * Gateway load: a memoized section (0.a of emd_1997) queried with the map id as a variable,
 * 20 concurrent autocannon clients for 5 s; p50 latency and requests/s with the subgraphs in
 * process, then with the three subgraphs in separate `vrs serve --subgraph` processes.
 * autocannon runs in a process of its own: in the server's process it would share (and
 * halve) the event loop it measures. Each figure is the median of `VRS_BENCH_RUNS` runs
 * (default 3); the machine's load average is printed beside it (other work skews it).
 * Uses DATABASE_URL, else an embedded PostgreSQL in a temporary VRS_DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { BenchRow } from '../e2e/bench/run.js';
import { REAL_MAPS_DIR, REPO_ROOT } from '../worker-pool/paths.js';

export const name = 'gateway';

interface CannonResult { non2xx: number; errors: number; latency: { p50: number }; requests: { average: number } }
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** One autocannon run in a child process (its --json report on stdout). */
function autocannon(url: string, body: string, connections: number, seconds: number): Promise<CannonResult> {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as CannonResult);
      } catch {
        reject(new Error(`autocannon exited with ${code}: ${err.slice(-500)}`));
      }
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const QUERY = 'query($id: ID!) { map(id: $id) { id level0 { mass { status leftSpace { x y z } decenteringRatio { x } } } } }';

async function load(url: string, id: string, seconds = 5) {
  const body = JSON.stringify({ query: QUERY, variables: { id } });
  await autocannon(`${url}/graphql`, body, 20, 2); // warm-up: query plans, JIT, connections
  const runs = Math.max(1, Number(process.env.VRS_BENCH_RUNS ?? 3));
  const p50s: number[] = [];
  const rpss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await autocannon(`${url}/graphql`, body, 20, seconds);
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`load run had ${r.non2xx} non-2xx answers and ${r.errors} errors`);
    p50s.push(r.latency.p50);
    rpss.push(r.requests.average);
  }
  const load1 = loadavg()[0]!.toFixed(1);
  return { p50: median(p50s), rps: median(rpss), note: `runs p50 ${p50s.join('/')} ms, ${rpss.map((x) => x.toFixed(0)).join('/')} req/s; load avg ${load1}` };
}

function startChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)(\/graphql)?/);
      if (m) resolve({ url: args.includes('--subgraph') ? m[0]! : m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`vrs serve ${args.join(' ')} exited with ${code}`)));
  });
}

export async function run(): Promise<BenchRow[]> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const tmp = mkdtempSync(join(tmpdir(), 'vrs-gw-bench-'));
  chmodSync(tmp, 0o755); // as root, the embedded PostgreSQL runs as "postgres" and must enter it
  process.env.VRS_DATA_DIR ??= tmp;
  const env = { ...process.env };
  const { startApp } = await import('./app.js');
  const rows: BenchRow[] = [];
  const app = await startApp({ port: 0, dataRoot: REAL_MAPS_DIR });
  const children: ChildProcess[] = [];
  try {
    const map = join(REAL_MAPS_DIR, 'emd_1997.map');
    const put = await fetch(`${app.url}/maps/emd_1997.map`, { method: 'PUT', body: createReadStream(map) as any, duplex: 'half', headers: { 'content-length': String(statSync(map).size) } } as RequestInit);
    const { id } = (await put.json()) as { id: string };
    const warm = await app.execute('query($id: ID!) { registerMap(input: { uploadId: $id, emdbHeaderPath: "emd_1997_header.xml" }) { id } }'.replace('query', 'mutation'), { id });
    if (warm.errors) throw new Error(JSON.stringify(warm.errors));
    const first = await app.execute(QUERY, { id }); // computes 0.a once
    if (first.errors) throw new Error(JSON.stringify(first.errors));

    const local = await load(app.url, id);
    rows.push({ operation: 'cached section, in-process subgraphs: p50', size: '20 clients', medianSeconds: local.p50 / 1000, threads: 1, note: `${local.rps.toFixed(0)} req/s (target p50 ≤ 8 ms, ≥ 2000 req/s); ${local.note}` });

    const urls: string[] = [];
    for (const sub of ['maps', 'level0', 'reports']) {
      const { url, child } = await startChild(['--subgraph', sub, '--port', '0', '--data-root', REAL_MAPS_DIR], env);
      children.push(child);
      urls.push(`--subgraph-url`, `${sub}=${url}`);
    }
    const { url: gw, child } = await startChild(['--port', '0', '--data-root', REAL_MAPS_DIR, ...urls], env);
    children.push(child);
    const probe = await fetch(`${gw}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { id } }) });
    if (probe.status !== 200) throw new Error(`remote gateway answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
    const remote = await load(gw, id);
    rows.push({ operation: 'cached section, subgraphs in 3 processes: p50', size: '20 clients', medianSeconds: remote.p50 / 1000, threads: 4, note: `${remote.rps.toFixed(0)} req/s (target p50 ≤ 15 ms, ≥ 1200 req/s); ${remote.note}` });
  } catch (error) {
    if (rows.length === 0) throw error;
    rows.push({ operation: 'subgraphs in separate processes', size: '-', medianSeconds: NaN, threads: 4, note: `FAILED: ${(error as Error).message.slice(0, 300)}` });
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await app.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

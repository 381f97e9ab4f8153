/**
 * Gateway load: a memoized section (0.a of emd_1997) queried with the map id as a variable,
 * 20 concurrent autocannon clients for 5 s; p50 latency and requests/s with the subgraphs in
 * process, then with the three subgraphs in separate `vrs serve --subgraph` processes.
 * Uses DATABASE_URL, else an embedded PostgreSQL in a temporary VRS_DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { BenchRow } from '../e2e/bench/run.js';
import { REAL_MAPS_DIR, REPO_ROOT } from '../worker-pool/paths.js';

export const name = 'gateway';

interface CannonResult { non2xx: number; errors: number; latency: { p50: number }; requests: { average: number } }
const autocannon = createRequire(import.meta.url)('autocannon') as (options: object) => Promise<CannonResult>;

const QUERY = 'query($id: ID!) { map(id: $id) { id level0 { mass { status leftSpace { x y z } decenteringRatio { x } } } } }';

async function load(url: string, id: string, seconds = 5) {
  const body = JSON.stringify({ query: QUERY, variables: { id } });
  const run = (duration: number) => autocannon({ url: `${url}/graphql`, method: 'POST', connections: 20, duration, headers: { 'content-type': 'application/json' }, body });
  await run(1); // warm-up: query plans, JIT, connections
  const r = await run(seconds);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`load run had ${r.non2xx} non-2xx answers and ${r.errors} errors`);
  return { p50: r.latency.p50, rps: r.requests.average };
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
    rows.push({ operation: 'cached section, in-process subgraphs: p50', size: '20 clients', medianSeconds: local.p50 / 1000, threads: 1, note: `${local.rps.toFixed(0)} req/s (target p50 ≤ 8 ms, ≥ 2000 req/s)` });

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
    rows.push({ operation: 'cached section, subgraphs in 3 processes: p50', size: '20 clients', medianSeconds: remote.p50 / 1000, threads: 4, note: `${remote.rps.toFixed(0)} req/s (target p50 ≤ 15 ms, ≥ 1200 req/s)` });
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

/**
 * Level 0 at real sizes (issue 14): for each box size in VALIDATE_BENCH_SIZES (default "256";
 * "256,400" for both; 640 too, a 1 GB map, whole validate only), a phantom from `vrs sample`
 * (0.6 Å, R = 3 Å) and
 *   1. the whole `vrs validate --pdf` in a fresh VRS_DATA_DIR (embedded PostgreSQL, nothing
 *      memoized): wall seconds, CPU seconds of the process and its children, peak RSS of the
 *      node process (VmHWM, GNU time's %M), and its phases (VRS_TIMINGS=1: opening the store,
 *      reading the map, the sections, the PDF… each with its wall time and the process's CPU);
 *   2. the per-section profile (e2e/bench/level0-profile.ts, one section at a time in a process
 *      of its own): wall, CPU and the peak memory each section adds;
 *   3. the first `background` (0.c) request on the freshly registered map through the graph
 *      (in-process gateway and subgraphs, nothing memoized): latency.
 * The machine is shared, so each row carries the 1-minute load average when it ended; CPU
 * seconds are the load-independent figure. `npm run bench -- validate`
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './run.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { findChromium } from '../../report-renderer/chromium.js';

export const name = 'validate at real sizes (issue 14)';

const VRS = join(REPO_ROOT, 'bin', 'vrs.js');
const TIME = '/usr/bin/time';
const load = () => `load avg ${loadavg()[0]!.toFixed(1)}`;
const SIZES = (process.env.VALIDATE_BENCH_SIZES ?? '256').split(',').map(Number).filter((n) => n >= 16);
const THRESHOLD = '0.25', RESOLUTION = '3';

/** The targets of issue 14, per size: wall seconds of the whole validate and peak RSS (GiB). */
const TARGET: Record<number, string> = { 256: 'target ≤ 7 s', 400: 'target ≤ 20 s, ≤ 1.5 GB', 640: 'target peak ≤ 4 GB' };

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${(r.stderr || r.stdout).slice(-800)}`);
  return r.stdout + r.stderr;
}

/** Whether `vrs validate --pdf` can print here (the report renderer's own search). */
const CHROMIUM = (() => {
  try {
    return Boolean(findChromium());
  } catch {
    return false;
  }
})();

function wholeValidate(n: number, map: string, dir: string): BenchRow[] {
  if (!existsSync(TIME)) return [{ operation: 'vrs validate', size: `${n}³`, medianSeconds: NaN, threads: cpus().length, note: `skipped: ${TIME} (GNU time) is not installed` }];
  const data = join(dir, `data-${n}`);
  const pdf = CHROMIUM ? ['--pdf', join(dir, `r${n}.pdf`)] : [];
  const out = exec(TIME, ['-f', 'TIME %e %U %S %M', process.execPath, VRS, 'validate', map, '--threshold', THRESHOLD, '--resolution', RESOLUTION, ...pdf], { ...process.env, VRS_DATA_DIR: data, VRS_TIMINGS: '1' });
  const m = out.match(/TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/);
  if (!m) throw new Error(`no timing in the output of vrs validate: ${out.slice(-500)}`);
  const [wall, user, sys, kb] = m.slice(1).map(Number) as [number, number, number, number];
  const what = CHROMIUM ? 'vrs validate --pdf' : 'vrs validate (no Chromium: no PDF)';
  return [
    { operation: `${what} (fresh store): wall`, size: `${n}³`, medianSeconds: wall, threads: cpus().length, note: `${TARGET[n] ?? ''}; ${load()}` },
    { operation: `${what}: CPU s (process + children)`, size: `${n}³`, medianSeconds: user + sys, threads: cpus().length, note: 'CPU seconds, not wall' },
    { operation: `${what}: peak RSS GiB (node process)`, size: `${n}³`, medianSeconds: kb / 2 ** 20, threads: cpus().length, note: 'VmHWM of the validate process, not seconds' },
    ...phaseRows(n, out),
  ];
}

/**
 * The breakdown of a validate run from its VRS_TIMINGS lines (worker-pool/timings.ts): the top
 * phases and the PDF's steps; phases overlap (the store opens while the map is read, the PDF's
 * graph starts while the sections compute), so they do not add up to the wall time.
 */
function phaseRows(n: number, out: string): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const m of out.matchAll(/^vrs: timing ( {0,2}\S.*?)\s+wall\s+([\d.]+) s(?: cpu ([\d.]+) s)?.*peak (\d+) MiB$/gm)) {
    const [name, wall, cpu, peak] = [m[1]!.trimEnd(), Number(m[2]), m[3], m[4]];
    if (name.startsWith('  section') || name.startsWith('  metric') || name.startsWith('  store:')) continue; // per section: the profile below
    rows.push({ operation: `  phase: ${name.trim()}`, size: `${n}³`, medianSeconds: wall, threads: cpus().length, note: `${cpu ? `CPU ${cpu} s (node process), ` : ''}peak so far ${peak} MiB` });
  }
  return rows;
}

function sectionProfile(n: number, map: string): BenchRow[] {
  const out = exec(process.execPath, ['--expose-gc', join(REPO_ROOT, 'dist', 'e2e', 'bench', 'level0-profile.js'), map, THRESHOLD, RESOLUTION]);
  const rows: BenchRow[] = [];
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { section?: string; wall: number; cpu: number; addedMB: number; total?: { wall: number; cpu: number; peakMB: number } };
    if (r.total) rows.push({ operation: 'sections one at a time: total', size: `${n}³`, medianSeconds: r.total.wall, threads: cpus().length, note: `CPU ${r.total.cpu} s, peak ${r.total.peakMB} MB (artifacts kept in memory); ${load()}` });
    else rows.push({ operation: `  ${r.section}`, size: `${n}³`, medianSeconds: r.wall, threads: cpus().length, note: `CPU ${r.cpu} s, +${r.addedMB} MB at peak` });
  }
  return rows;
}

async function firstBackground(n: number, dir: string, file: string): Promise<BenchRow> {
  const data = join(dir, `graph-${n}`);
  const saved = process.env.VRS_DATA_DIR;
  process.env.VRS_DATA_DIR = data;
  const { startApp } = await import('../../graph/app.js');
  const app = await startApp({ port: 0, dataRoot: dir });
  try {
    const reg = await app.execute('mutation($p: String!) { registerMap(input: { path: $p }) { id } }', { p: file });
    if (reg.errors) throw new Error(JSON.stringify(reg.errors));
    const id = (reg.data as { registerMap: { id: string } }).registerMap.id;
    const query = 'query($id: ID!) { map(id: $id) { level0(threshold: 0.25, resolution: 3) { background { status } } } }';
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { id } }) });
    const body = (await res.json()) as { errors?: unknown };
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { operation: 'first background (0.c) request through the graph', size: `${n}³`, medianSeconds: s, threads: cpus().length, note: `target ≤ 3 s at 400³; CPU ${((c.user + c.system) / 1e6).toFixed(1)} s (this process, workers included); ${load()}` };
  } finally {
    await app.close();
    if (saved === undefined) delete process.env.VRS_DATA_DIR;
    else process.env.VRS_DATA_DIR = saved;
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vrs-validate-bench-'));
  chmodSync(dir, 0o755); // as root, the embedded PostgreSQL runs as "postgres" and must enter it
  const rows: BenchRow[] = [];
  try {
    for (const n of SIZES) {
      const file = `sample${n}.map`;
      const map = join(dir, file);
      exec(process.execPath, [VRS, 'sample', map, '--size', String(n), '--voxel-size', '0.6', '--resolution', RESOLUTION]);
      rows.push(...wholeValidate(n, map, dir));
      if (n >= 640) continue; // a 1 GB map: the whole validate only (the profile keeps every artifact in memory)
      rows.push(...sectionProfile(n, map));
      rows.push(await firstBackground(n, dir, file));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

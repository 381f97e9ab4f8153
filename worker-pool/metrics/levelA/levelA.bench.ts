/**
 * Every Level A section (its declared list, dependencies first) for a 6,000-atom model (7DDO,
 * 6,461 atoms) on a 256³ map made from it at 4 Å (1 Å voxels) with two half maps (A.b FSC-Q),
 * both cores for the FFTs. Median seconds over 3 runs (wall and CPU of all threads), the process's
 * peak RSS and the machine's load average (1 min) before and after. `npm run bench -- levelA`
 */
import { cpus, loadavg } from 'node:os';
import type { BenchRow } from '../../../e2e/bench/run.js';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import type { Level0Params, MetricDefinition } from '../types.js';
import { memoryMetricContext } from '../memory-context.js';
import { levelMetrics } from '../levels.js';
import { LEVELA } from './level.js';
import { syntheticFitCase } from './testing.js';

export const name = 'levelA sections';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

/** The level's metrics, each after the metrics it depends on. */
function inDependencyOrder(metrics: MetricDefinition<unknown>[]): MetricDefinition<unknown>[] {
  const out: MetricDefinition<unknown>[] = [];
  const left = [...metrics];
  while (left.length) {
    const k = left.findIndex((m) => m.dependsOn.every((d) => out.some((o) => o.name === d) || !metrics.some((x) => x.name === d)));
    if (k < 0) throw new Error('Level A metrics depend on each other in a cycle');
    out.push(left.splice(k, 1)[0]!);
  }
  return out;
}

export async function run(): Promise<BenchRow[]> {
  const n = Number(process.env.LEVELA_BENCH_N ?? 256);
  // with half maps (the signal plus independent noise each, the map their average), so A.b FSC-Q runs too
  const c = syntheticFitCase('7DDO.pdb.gz', { resolution: 4, voxelSize: 1, size: n, halves: true });
  const half = (data: Float32Array) => ({ ...c.map, data });
  const inputs = { model: c.model, half1: half(c.half1!), half2: half(c.half2!) };
  const load0 = loadavg()[0]!;
  const params: Level0Params = { threshold: 0.1, resolution: 4, profile: 'standard', voxelSize: 1 };
  const metrics = inDependencyOrder(levelMetrics(LEVELA) as MetricDefinition<unknown>[]);
  const runs: Record<string, number>[] = [];
  for (let r = 0; r < Number(process.env.LEVELA_BENCH_RUNS ?? 3); r++) {
    const results: Record<string, unknown> = {};
    const seconds: Record<string, number> = {};
    const blobs = new Map<string, Uint8Array>();
    for (const m of metrics) {
      const ctx = memoryMetricContext(c.map, params, Object.fromEntries(m.dependsOn.map((d) => [d, results[d]])), blobs, inputs);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      results[m.name] = await m.compute(ctx);
      seconds[m.name] = (performance.now() - t0) / 1000;
      // CPU seconds of the whole process (FFT helper threads included): a figure the machine's load does not change
      const cpu = process.cpuUsage(c0);
      seconds[`${m.name} cpu`] = (cpu.user + cpu.system) / 1e6;
    }
    seconds['total'] = Object.entries(seconds).filter(([k]) => !k.endsWith(' cpu')).reduce((a, [, b]) => a + b, 0);
    seconds['total cpu'] = Object.entries(seconds).filter(([k]) => k.endsWith(' cpu')).reduce((a, [, b]) => a + b, 0);
    runs.push(seconds);
  }
  shutdownFftThreads();
  const load = `load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
  const rss = `peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; ${c.model.atomCount} atoms, ${c.map.nx}×${c.map.ny}×${c.map.nz}, half maps; ${load}`;
  return Object.keys(runs[0]!).map((k) => ({
    operation: k === 'total' ? 'Level A, every section (target ≤ 10 s)' : k === 'total cpu' ? 'Level A, every section: CPU seconds (all threads)' : k,
    size: `${n}³`,
    medianSeconds: median(runs.map((x) => x[k]!)),
    threads: cpus().length,
    note: k === 'total' ? rss : undefined,
  }));
}

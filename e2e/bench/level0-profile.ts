/**
 * Per-section profile of Level 0 on one map file, one section at a time in this process (no
 * pool, no store): wall seconds, CPU seconds (all threads) and the peak resident memory the
 * section added over what the process held before it (VmHWM, reset per section through
 * /proc/self/clear_refs). Run it in a process of its own with --expose-gc so that garbage of the
 * previous section is not counted:
 *   node --expose-gc dist/e2e/bench/level0-profile.js MAP THRESHOLD RESOLUTION [PROFILE]
 * Prints one JSON line per section, then a line {"total": …}.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import { shutdownFftThreads } from '../../worker-pool/kernels/fft/fft3d.js';
import { memoryMetricContext } from '../../worker-pool/metrics/memory-context.js';
import { level0Metrics } from '../../worker-pool/metrics/level0/index.js';
import type { CriteriaProfile, Level0Params } from '../../worker-pool/metrics/types.js';

/** kB of a /proc/self/status field (VmRSS, VmHWM). */
export function statusKb(field: 'VmRSS' | 'VmHWM', text = readFileSync('/proc/self/status', 'utf8')): number {
  const m = text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : NaN;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const [path, threshold, resolution, profile] = process.argv.slice(2);
  const { volume } = await readMapFile(path!);
  const params: Level0Params = { threshold: Number(threshold), resolution: Number(resolution), profile: (profile ?? 'standard') as CriteriaProfile, voxelSize: volume.voxelSize.x };
  const results: Record<string, unknown> = {};
  const blobs = new Map<string, Uint8Array>();
  const done = new Set<string>();
  let wall = 0, cpu = 0, peak = 0;
  while (done.size < level0Metrics.length) {
    const m = level0Metrics.find((x) => !done.has(x.name) && x.dependsOn.every((d) => done.has(d)))!;
    gc?.();
    const before = statusKb('VmRSS');
    writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
    const ctx = memoryMetricContext(volume, params, Object.fromEntries(m.dependsOn.map((d) => [d, results[d]])), blobs);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    try {
      results[m.name] = await m.compute(ctx);
    } catch (error) {
      results[m.name] = { error: String(error) };
    }
    const c = process.cpuUsage(c0);
    const s = (performance.now() - t0) / 1000;
    const hwm = statusKb('VmHWM');
    wall += s;
    cpu += (c.user + c.system) / 1e6;
    peak = Math.max(peak, hwm);
    done.add(m.name);
    const row = { section: m.name, wall: +s.toFixed(2), cpu: +((c.user + c.system) / 1e6).toFixed(2), baseMB: Math.round(before / 1024), addedMB: Math.round((hwm - before) / 1024), peakMB: Math.round(hwm / 1024) };
    console.log(JSON.stringify(row));
  }
  console.log(JSON.stringify({ total: { wall: +wall.toFixed(2), cpu: +cpu.toFixed(2), peakMB: Math.round(peak / 1024) } }));
  shutdownFftThreads();
}

if (process.argv[1]?.endsWith('level0-profile.js')) await main();

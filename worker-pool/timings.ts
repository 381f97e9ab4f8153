/**
 * Phase timings of one process, for finding where a whole `vrs validate` spends its time and
 * memory (issue 14): with VRS_TIMINGS=1 (or `vrs validate --timings`) every phase prints one
 * line to stderr when it ends — its wall seconds, the process's CPU seconds meanwhile (worker
 * threads included, child processes such as PostgreSQL and Chromium not), the resident set
 * then and its peak so far (VmRSS, VmHWM). Phases may overlap; each is timed on its own.
 * Off, a phase costs one boolean test.
 */
import { readFileSync } from 'node:fs';

let enabled = process.env.VRS_TIMINGS === '1';
const origin = performance.now();

export function enableTimings(on = true): void {
  enabled = on;
}

export function timingsEnabled(): boolean {
  return enabled;
}

/** VmRSS and VmHWM of this process in MiB (0 where /proc is not there). */
export function memoryMiB(): { rss: number; hwm: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** One line on stderr: `vrs: timing NAME …` (only when timings are on). */
export function reportPhase(name: string, wallMs: number, cpuMicros?: number): void {
  if (!enabled) return;
  const m = memoryMiB();
  const at = ((performance.now() - origin) / 1000).toFixed(2);
  const cpu = cpuMicros === undefined ? '' : ` cpu ${(cpuMicros / 1e6).toFixed(2)} s`;
  process.stderr.write(`vrs: timing ${name.padEnd(30)} wall ${(wallMs / 1000).toFixed(2).padStart(6)} s${cpu} · ends at ${at} s · rss ${m.rss.toFixed(0)} MiB, peak ${m.hwm.toFixed(0)} MiB\n`);
}

/** Runs `fn` as the phase `name` (timed when timings are on). */
export async function phase<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  if (!enabled) return fn();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    return await fn();
  } finally {
    const c = process.cpuUsage(c0);
    reportPhase(name, performance.now() - t0, c.user + c.system);
  }
}

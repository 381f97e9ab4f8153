/**
 * A.e Q-score, atom inclusion and A.d map–model Guinier on a 6,468-atom model (7DDO) and a 256³
 * map: median of 3 runs, each section in its own process (testing/level-a-bench-child.ts) so the
 * peak RSS is its own (the inputs alone: the RSS before the first run); the CPU seconds (median)
 * say what it costs when the machine is shared. `npm run bench -- levelA`
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from '../../../e2e/bench/run.js';
import { REPO_ROOT } from '../../paths.js';

export const name = 'levelA model sections';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

export async function run(): Promise<BenchRow[]> {
  const child = join(REPO_ROOT, 'dist', 'worker-pool', 'testing', 'level-a-bench-child.js');
  const rows: BenchRow[] = [];
  for (const [section, label, threads] of [['qScore', 'A.e Q-score', 1], ['atomInclusion', 'atom inclusion (A.h)', 1], ['mapModelGuinier', 'A.d map–model Guinier (model map + 2 FFTs)', cpus().length]] as const) {
    const out = JSON.parse(execFileSync(process.execPath, [child, section], { encoding: 'utf8' }).trim().split('\n').at(-1)!) as
      { seconds: number[]; cpuSeconds: number[]; peakRssMiB: number; inputsRssMiB: number; note: string; atoms: number };
    rows.push({
      operation: label, size: `${out.atoms} atoms, 256³`, medianSeconds: median(out.seconds), threads,
      note: `${out.note}; CPU ${median(out.cpuSeconds).toFixed(2)} s; peak RSS ${out.peakRssMiB.toFixed(0)} MiB (inputs ${out.inputsRssMiB.toFixed(0)} MiB)`,
    });
  }
  return rows;
}

/**
 * 0.h on a 400³ map at 1.5 Å: with R = 8.9 Å (the example report: does not apply) and with
 * R = 4 Å (applies): 40 ideal α-helices and a 400-residue Cα chain, 5 % noise. Median of 3 runs,
 * both cores for the FFTs; the note adds the median CPU seconds of the process (FFT helper threads
 * included: a figure the machine's load does not inflate), the phases' wall seconds and the peak
 * RSS. `npm run bench -- hand`
 */
import { cpus } from 'node:os';
import type { BenchRow } from '../../../../e2e/bench/run.js';
import { shutdownFftThreads } from '../../../kernels/fft/fft3d.js';
import { defaultHelices, renderPhantom } from '../../../synthetic/phantom.js';
import { computeHand } from './compute.js';

export const name = 'level0 0.h hand';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

export async function run(): Promise<BenchRow[]> {
  const n = Number(process.env.HAND_BENCH_N ?? 400);
  const ts = 1.5;
  const volume = renderPhantom({ size: n, voxelSize: ts, resolution: 4, seed: 11, helices: defaultHelices(n, ts, 11, 40), chainResidues: 400, noise: 0.05 });
  const rows: BenchRow[] = [];
  for (const resolution of [8.9, 4]) {
    const times: number[] = [], cpu: number[] = [];
    let note = '';
    for (let i = 0; i < 3; i++) {
      const phases: string[] = [];
      let last = performance.now(), lastPhase = 'start';
      const progress = (_f: number, phase?: string) => {
        const now = performance.now();
        phases.push(`${lastPhase} ${((now - last) / 1000).toFixed(1)} s`);
        last = now;
        lastPhase = phase ?? 'end';
      };
      const t0 = performance.now(), c0 = process.cpuUsage();
      const r = computeHand(volume, { threshold: 0.1, resolution, voxelSize: ts }, { progress });
      times.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
      note = `${r.status}, score ${r.score?.toFixed(2) ?? '–'}, ${r.tubesUsed}/${r.tubesFound} tubes vote; phases ${phases.slice(1).join(', ')}`;
    }
    note += `; CPU ${median(cpu).toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GiB`;
    rows.push({ operation: `0.h hand, R = ${resolution} Å`, size: `${n}³ at ${ts} Å`, medianSeconds: median(times), threads: cpus().length, note });
  }
  shutdownFftThreads();
  return rows;
}

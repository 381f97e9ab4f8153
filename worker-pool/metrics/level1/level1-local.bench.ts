/**
 * Level 1's local and directional resolution (1.c local FSC, 1.e MonoRes from half maps, 1.h
 * directional FSC) at 400³, 1 Å, R = 4 Å, both cores for the FFTs: a half-map pair whose
 * signal is low-passed at 4 Å in one half of the box and 8 Å in the other, B = 100 Å² on both
 * halves (worker-pool/testing/local-resolution-halves.ts), the mask a centred sphere of radius
 * 120 voxels (11 % of the box). Each section runs in its own child process, so its peak RSS is
 * its own (the child's maxRSS, the halves and the mask it reads included: 0.55 GB at 400³).
 * Targets (issue 12): 1.c + 1.e ≤ 40 s, 1.h ≤ 10 s. `npm run bench -- level1`
 * LEVEL1_BENCH_N changes the box (default 400).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../../../e2e/bench/run.js';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import { sharedFloat32 } from '../../volume.js';
import { twoResolutionHalves } from '../../testing/local-resolution-halves.js';
import { computeLocalFsc } from './local-fsc/compute.js';
import { computeHalfMonoRes } from './monores/compute.js';
import { computeDirectionalFsc } from './directional-fsc/compute.js';

export const name = 'level1 local and directional resolution 1.c, 1.e, 1.h';

const N = Number(process.env.LEVEL1_BENCH_N ?? 400);
const R = 4;
const SECTIONS = ['1.c localFsc', '1.e monoRes', '1.h directionalFsc'] as const;
type Section = (typeof SECTIONS)[number];

interface ChildReport {
  seconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  summary: string;
}

function readFloats(path: string): Float32Array {
  const bytes = readFileSync(path);
  const out = sharedFloat32(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** The child: reads the pair and the mask, runs one section, prints its report as the last line. */
async function child(section: Section, dir: string): Promise<void> {
  const n = N, d = { nx: n, ny: n, nz: n };
  const half1 = readFloats(join(dir, 'h1.f32')), half2 = readFloats(join(dir, 'h2.f32'));
  const hard = new Uint8Array(readFileSync(join(dir, 'mask.u8')));
  const ctx = { putArtifact: (b: Uint8Array, mediaType: string, role: string) => ({ sha256: 'x', mediaType, role, sizeBytes: b.byteLength }), progress: () => undefined };
  const input = { half1, half2, d, hard, voxelSize: 1, origin: { x: 0, y: 0, z: 0 }, resolution: R };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let summary: string;
  if (section === '1.c localFsc') {
    const r = computeLocalFsc(input, ctx);
    summary = `box ${r.boxSize} Å, step ${r.step?.toFixed(2)} Å, median ${r.percentiles?.p50.toFixed(2)} Å`;
  } else if (section === '1.e monoRes') {
    const r = computeHalfMonoRes(input, ctx);
    summary = `median ${r.percentiles?.p50.toFixed(2)} Å`;
  } else {
    const r = computeDirectionalFsc(input, ctx);
    summary = `global ${r.globalResolution?.toFixed(2)} Å, axes ${r.minResolution?.toFixed(2)}–${r.maxResolution?.toFixed(2)} Å, sphericity ${r.sphericity?.toFixed(3)}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  shutdownFftThreads();
  const report: ChildReport = { seconds, cpuSeconds: (c.user + c.system) / 1e6, maxRssMiB: process.resourceUsage().maxRSS / 1024, summary };
  console.log(JSON.stringify(report));
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vrs-level1-bench-'));
  try {
    const h = twoResolutionHalves([4, 8], { n: N, bFactor: 100 });
    const mask = new Uint8Array(N ** 3);
    const c = N / 2, rad = (120 / 400) * N;
    for (let z = 0, i = 0; z < N; z++) for (let y = 0; y < N; y++) for (let x = 0; x < N; x++, i++) mask[i] = (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 < rad * rad ? 1 : 0;
    writeFileSync(join(dir, 'h1.f32'), new Uint8Array(h.half1.buffer));
    writeFileSync(join(dir, 'h2.f32'), new Uint8Array(h.half2.buffer));
    writeFileSync(join(dir, 'mask.u8'), mask);
    shutdownFftThreads();
    const rows: BenchRow[] = [];
    let total = 0;
    for (const section of SECTIONS) {
      console.log(`${section}: load average before ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--level1-bench-child', section, dir], {
        encoding: 'utf8', env: { ...process.env, LEVEL1_BENCH_N: String(N) }, maxBuffer: 1 << 24,
      });
      if (p.status !== 0) throw new Error(`${section} bench child failed (${p.status}): ${p.stderr}`);
      const r = JSON.parse(p.stdout.trim().split('\n').pop()!) as ChildReport;
      console.log(`${section}: ${r.summary}`);
      if (section !== '1.h directionalFsc') total += r.seconds;
      rows.push({ operation: section, size: `${N}³ at 1 Å, R ${R} Å`, medianSeconds: r.seconds, threads: cpus().length, note: `peak RSS ${(r.maxRssMiB / 1024).toFixed(2)} GiB; ${r.cpuSeconds.toFixed(1)} CPU s; ${r.summary}` });
    }
    rows.push({ operation: '1.c + 1.e', size: `${N}³ at 1 Å, R ${R} Å`, medianSeconds: total, threads: cpus().length, note: 'target ≤ 40 s; 1.h target ≤ 10 s' });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--level1-bench-child') await child(process.argv[3] as Section, process.argv[4]!);

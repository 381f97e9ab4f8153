/**
 * Map reading at 400³ float32 (256 MB): read + SHA-256 + statistics of a temp file, plain and
 * gzip, plus a permuted axis order (3,1,2) for the slow path. Median of 5 runs (3 for gzip).
 * And a .gz of several members (a 128³ map, then 2 GiB of zeros in 32 members: what issue 18.2
 * uploaded), read in full (registration: every member is inflated and counted) and for a
 * computation (`voxelsOnly`: inflating stops after the map, the rest is only hashed).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import type { BenchRow } from '../../e2e/bench/run.js';
import { sharedFloat32 } from '../volume.js';
import { readMapFile, type MapReadOptions } from './mrc/read.js';
import { writeMrc } from './mrc/write.js';

export const name = 'io.read';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall-clock seconds per run; CPU seconds (user + system of this process) go to `cpu`. */
async function time(path: string, runs: number, cpu: number[] = [], options: MapReadOptions = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await readMapFile(path, options);
    out.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    if (r.volume.data.length === 0) throw new Error('empty read');
  }
  return out;
}

const note = (wall: number[], cpu: number[]) =>
  `wall ${wall.map((t) => t.toFixed(2)).join(' ')}; cpu median ${median(cpu).toFixed(2)} s`;

/** A 128³ map in one gzip member, then 2 GiB of zeros in 32 more: full read vs voxelsOnly. */
async function membersRows(dir: string): Promise<BenchRow[]> {
  const n = 128;
  const map = writeMrc({ nx: n, ny: n, nz: n, data: sharedFloat32(n ** 3).fill(1), voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } });
  const zeros = gzipSync(Buffer.alloc(64 * 2 ** 20));
  const path = join(dir, 'members.map.gz');
  writeFileSync(path, Buffer.concat([gzipSync(map), ...Array.from({ length: 32 }, () => zeros)]));
  const size = `128³ map + 2 GiB of zeros in 32 gzip members (${(statSync(path).size / 2 ** 20).toFixed(1)} MB stored)`;
  const rows: BenchRow[] = [];
  for (const [operation, options] of [['readMapFile, multi-member gzip, every member inflated (registration)', {}], ['readMapFile, multi-member gzip, voxelsOnly (a computation\'s load)', { voxelsOnly: true }]] as const) {
    const cpu: number[] = [];
    const wall = await time(path, 3, cpu, options);
    rows.push({ operation, size, medianSeconds: median(wall), threads: 1, note: note(wall, cpu) });
  }
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  const n = 400;
  const dir = mkdtempSync(join(tmpdir(), 'vrs-read-bench-'));
  try {
    const data = sharedFloat32(n * n * n);
    let seed = 1;
    for (let i = 0; i < data.length; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      data[i] = Math.sin(i * 1e-3) + (seed / 2 ** 32 - 0.5) * 0.1;
    }
    const bytes = writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } });
    const plain = join(dir, 'bench.mrc');
    writeFileSync(plain, bytes);
    // the same bytes declared as columns = Z, rows = X, sections = Y: the decode + permute path
    const permuted = new Uint8Array(bytes);
    const view = new DataView(permuted.buffer);
    view.setInt32(64, 3, true); view.setInt32(68, 1, true); view.setInt32(72, 2, true);
    const permutedPath = join(dir, 'permuted.mrc');
    writeFileSync(permutedPath, permuted);
    const gz = join(dir, 'bench.mrc.gz');
    writeFileSync(gz, gzipSync(bytes, { level: constants.Z_BEST_SPEED }));

    await time(plain, 1); // warm-up (page cache, JIT)
    const rows: BenchRow[] = [];
    const cpu: number[][] = [[], [], []];
    const plainTimes = await time(plain, 5, cpu[0]);
    rows.push({ operation: 'readMapFile (read + sha256 + stats)', size: '400³ float32, 256 MB', medianSeconds: median(plainTimes), threads: 1, note: note(plainTimes, cpu[0]!) });
    const permTimes = await time(permutedPath, 3, cpu[1]);
    rows.push({ operation: 'readMapFile, axis order 3,1,2', size: '400³ float32', medianSeconds: median(permTimes), threads: 1, note: note(permTimes, cpu[1]!) });
    const gzTimes = await time(gz, 3, cpu[2]);
    rows.push({ operation: 'readMapFile, gzip (level 1)', size: '400³ float32', medianSeconds: median(gzTimes), threads: 1, note: note(gzTimes, cpu[2]!) });
    rows.push(...(await membersRows(dir)));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

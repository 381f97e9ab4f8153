/**
 * Mutated map files for the fuzz harness: a small valid map, then 1–3 mutations drawn from a
 * seeded generator (the same seed and index give the same file): header integers and floats set
 * to edge values, extended header sizes, modes, axis orders, machine stamps, truncations,
 * trailing bytes, overwritten bytes, and gzip in one or several members, corrupt or cut short.
 */
import { gzipSync } from 'node:zlib';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { mulberry32 } from '../../worker-pool/synthetic/random.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';

export interface MutatedMap {
  bytes: Buffer;
  /** What was done, for the report of a failing file. */
  what: string[];
}

const INT_EDGES = [0, -1, 1, 2, 3, 4, 6, 12, 1024, 65536, 1e6, 2 ** 31 - 1, -(2 ** 31)];
const FLOAT_EDGES = [NaN, Infinity, -Infinity, 0, -0, -1, 1e-38, 1e38, 3.4e38, 1e-7];
/** Header words holding floats: CELLA, CELLB, DMIN/DMAX/DMEAN, ORIGIN, RMS. */
const FLOAT_WORDS = [10, 11, 12, 13, 14, 15, 19, 20, 21, 49, 50, 51, 54];

function baseMap(rand: () => number): Buffer {
  const n = 8 + Math.floor(rand() * 8);
  const data = sharedFloat32(n * n * n).map(() => rand() - 0.3);
  return Buffer.from(writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } }));
}

type Mutation = (b: Buffer, rand: () => number) => [Buffer, string];
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const MUTATIONS: Mutation[] = [
  (b, r) => { const w = int(r, 0, 55); const v = rand32(r); if (b.length >= 4 * w + 4) b.writeInt32LE(v, 4 * w); return [b, `int word ${w} = ${v}`]; },
  (b, r) => { const w = pick(r, FLOAT_WORDS); const v = pick(r, FLOAT_EDGES); if (b.length >= 4 * w + 4) b.writeFloatLE(v, 4 * w); return [b, `float word ${w} = ${v}`]; },
  (b, r) => { const v = pick(r, [-1, -1024, 1, 80, 1024, b.length, b.length + 10_000, 2 ** 31 - 1, int(r, 0, 4096)]); if (b.length >= 96) b.writeInt32LE(v, 92); return [b, `NSYMBT = ${v}`]; },
  (b, r) => { const v = pick(r, [-1, 0, 1, 2, 3, 4, 5, 6, 7, 12, 16, 101, 255]); if (b.length >= 16) b.writeInt32LE(v, 12); return [b, `MODE = ${v}`]; },
  (b, r) => { const v = [int(r, -1, 4), int(r, -1, 4), int(r, -1, 4)]; if (b.length >= 76) v.forEach((x, i) => b.writeInt32LE(x, 64 + 4 * i)); return [b, `MAPC/R/S = ${v}`]; },
  (b, r) => { const w = int(r, 0, 2); const v = pick(r, INT_EDGES); if (b.length >= 12) b.writeInt32LE(v, 4 * w); return [b, `N${'XYZ'[w]} = ${v}`]; },
  (b, r) => { const w = int(r, 7, 9); const v = pick(r, INT_EDGES); if (b.length >= 40) b.writeInt32LE(v, 4 * w); return [b, `M${'XYZ'[w - 7]} = ${v}`]; },
  (b, r) => { const s = [int(r, 0, 255), int(r, 0, 255), 0, 0]; if (b.length >= 216) Buffer.from(s).copy(b, 212); return [b, `MACHST = ${s}`]; },
  (b, r) => { const at = int(r, 0, b.length); return [b.subarray(0, at), `truncated at ${at} of ${b.length}`]; },
  (b, r) => { const n = int(r, 1, 5000); return [Buffer.concat([b, Buffer.alloc(n, int(r, 0, 255))]), `${n} trailing bytes`]; },
  (b, r) => { const n = int(r, 1, 16); for (let i = 0; i < n && b.length > 0; i++) b[int(r, 0, Math.min(b.length, 1024) - 1)] = int(r, 0, 255); return [b, `${n} header bytes overwritten`]; },
  (b, r) => { if (b.length >= 212) b.write(pick(r, ['MAP ', 'PAM ', '\0\0\0\0', 'MAP\0']), 208, 'latin1'); return [b, 'MAP stamp changed']; },
  (b, r) => [Buffer.alloc(pick(r, [0, 1, 100, 1023, 1024, 1025])), 'tiny or empty file'],
];

const GZIPS: Mutation[] = [
  (b) => [gzipSync(b), 'gzip'],
  (b, r) => { const at = int(r, 0, b.length); return [Buffer.concat([gzipSync(b.subarray(0, at)), gzipSync(b.subarray(at))]), `gzip in two members (split at ${at})`]; },
  (b, r) => { const n = int(r, 1, 4); return [Buffer.concat([gzipSync(b), ...Array.from({ length: n }, () => gzipSync(Buffer.alloc(256 * 1024)))]), `gzip + ${n} members of zeros`]; },
  (b, r) => { const g = gzipSync(b); const at = int(r, 10, Math.max(10, g.length - 1)); g[at] = (g[at]! ^ 0xff) & 0xff; return [g, `gzip with byte ${at} flipped`]; },
  (b, r) => { const g = gzipSync(b); const at = int(r, 2, g.length); return [g.subarray(0, at), `gzip cut at ${at} of ${g.length}`]; },
  (b, r) => [Buffer.concat([gzipSync(b), Buffer.alloc(int(r, 1, 64), int(r, 0, 255))]), 'gzip + garbage after the stream'],
];

function rand32(r: () => number): number {
  return r() < 0.5 ? pick(r, INT_EDGES) : (Math.floor(r() * 2 ** 32) | 0);
}

/** File number `index` of the run `seed`. */
export function mutatedMap(seed: number, index: number): MutatedMap {
  const rand = mulberry32(seed * 1_000_003 + index);
  let bytes = baseMap(rand);
  const what: string[] = [];
  const count = int(rand, 1, 3);
  for (let i = 0; i < count; i++) {
    const [next, did] = pick(rand, MUTATIONS)(Buffer.from(bytes), rand);
    bytes = next;
    what.push(did);
  }
  if (rand() < 0.25) {
    const [next, did] = pick(rand, GZIPS)(bytes, rand);
    bytes = next;
    what.push(did);
  }
  return { bytes, what };
}

/**
 * The WASM engine: the Stockham passes of wasm/fft-kernels.c (vectorised over lines with
 * wasm SIMD) on a private WebAssembly.Memory per thread. Memory map (bytes):
 *   [0, 1 MiB)           C stack and globals
 *   [1 MiB, 17 MiB)      plan tables (twiddles, Bluestein chirps/kernels), rebuilt if full
 *   [17 MiB, …)          work arrays: x/y pairs, then the four Bluestein arrays
 * The 3D driver reads and writes the work arrays through Float32Array views (prepare()).
 */
import type { Dims } from '../../volume.js';
import type { SplitBuffers } from './batch-ts.js';
import type { FftEngine } from './engine.js';
import { plan1d, type DirectPlan } from './plan1d.js';
import { halfX, keptColumns, maskPlaneIsZero, maskedPlaneInto, wholePlane, zeroColumnsBeyond, zeroSpectrumPlane, type PlaneRect } from './rfft3d-core.js';
import { FFT_KERNELS_WASM_BASE64 } from './wasm/fft-kernels-wasm.js';

const PAGE = 65536;
const TABLES_START = 1 << 20;
const TABLES_END = 17 << 20;
const WORK_START = TABLES_END;

// lib ES2023 without DOM declares no WebAssembly types: the little used here, typed locally
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (d: { initial: number; maximum: number }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Exports {
  radix2(sr: number, si: number, dr: number, di: number, n: number, ns: number, L: number, S: number, twr: number, twi: number, sign: number): void;
  radix3: Exports['radix2'];
  radix4: Exports['radix2'];
  radix5: Exports['radix2'];
  radixg(sr: number, si: number, dr: number, di: number, n: number, ns: number, L: number, S: number, p: number, twr: number, twi: number, cr: number, ci: number, sign: number): void;
  cmul_rows(xr: number, xi: number, n: number, L: number, wr: number, wi: number, wsign: number): void;
  cmul_rows_to(sr: number, si: number, dr: number, di: number, n: number, L: number, wr: number, wi: number, wsign: number): void;
  gather_row_pairs(input: number, xr: number, xi: number, nx: number, ny: number, L: number): void;
  scatter_row_pairs(xr: number, xi: number, out: number, nx: number, ny: number, L: number, scale: number): void;
  unpack_pairs(zr: number, zi: number, pr: number, pi: number, nx: number, ny: number, L: number, nkx: number): void;
  pack_pairs(pr: number, pi: number, zr: number, zi: number, nx: number, ny: number, L: number, nkx: number): void;
  deinterleave(input: number, re: number, im: number, count: number): void;
  interleave(re: number, im: number, out: number, count: number, scale: number): void;
}

interface StageTables { p: number; ns: number; twr: number; twi: number; cr: number; ci: number }
interface Tables {
  stages: StageTables[];
  n: number;
  blue?: { m: number; inner: StageTables[]; chr: number; chi: number; kfr: number; kfi: number; kir: number; kii: number };
}

let compiled: object | undefined;

function wasmModule(): object {
  compiled ??= new WA.Module(Buffer.from(FFT_KERNELS_WASM_BASE64, 'base64'));
  return compiled;
}

/** Work-array addresses (bytes) and capacity (floats per array). */
interface Layout { cap: number; blueCap: number; stageCap: number; x: number[]; blue: number[]; stage: number }

export class WasmEngine implements FftEngine {
  readonly kind = 'wasm' as const;
  private readonly memory: WasmMemory;
  private readonly ex: Exports;
  private tables = new Map<number, Tables>();
  private tablesTop = TABLES_START;
  private layout: Layout = { cap: 0, blueCap: 0, stageCap: 0, x: [0, 0, 0, 0], blue: [0, 0, 0, 0], stage: 0 };
  private stageView = new Float32Array(0);
  private views: SplitBuffers | undefined;
  private blueViews: SplitBuffers | undefined;

  constructor() {
    this.memory = new WA.Memory({ initial: WORK_START / PAGE + 16, maximum: 65536 });
    const inst = new WA.Instance(wasmModule(), { env: { memory: this.memory } });
    this.ex = inst.exports as unknown as Exports;
  }

  prepare(n: number, lines: number): SplitBuffers {
    return this.reserve(n, lines, 0);
  }

  /**
   * Makes room for `lines` lines of length n and a staging area of `stageFloats` floats.
   * Contents of the work arrays are NOT kept when the layout grows: reserve everything a
   * chunk needs before filling anything.
   */
  private reserve(n: number, lines: number, stageFloats: number): SplitBuffers {
    const plan = plan1d(n);
    const L0 = this.layout;
    const cap = Math.max(L0.cap, n * lines);
    const blueCap = Math.max(L0.blueCap, plan.bluestein ? plan.bluestein.m * lines : 0);
    const stageCap = Math.max(L0.stageCap, stageFloats);
    if (cap > L0.cap || blueCap > L0.blueCap || stageCap > L0.stageCap || !this.views) {
      const bytes = (c: number) => Math.ceil((c * 4) / 64) * 64;
      let top = WORK_START;
      const x: number[] = [], blue: number[] = [];
      for (let i = 0; i < 4; i++) { x.push(top); top += bytes(cap); }
      for (let i = 0; i < 4; i++) { blue.push(top); top += bytes(blueCap); }
      const stage = top;
      top += bytes(stageCap);
      this.grow(top);
      this.layout = { cap, blueCap, stageCap, x, blue, stage };
      this.makeViews();
    } else if (this.views!.xRe.buffer !== this.memory.buffer) {
      this.makeViews();
    }
    return this.views!;
  }

  private grow(top: number): void {
    const need = Math.ceil(top / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (need > 0) this.memory.grow(need);
  }

  private makeViews(): void {
    const buf = this.memory.buffer;
    const { cap, blueCap, x, blue } = this.layout;
    const v = (a: number, c: number) => new Float32Array(buf, a, c);
    this.views = { xRe: v(x[0]!, cap), xIm: v(x[1]!, cap), yRe: v(x[2]!, cap), yIm: v(x[3]!, cap) };
    this.blueViews = { xRe: v(blue[0]!, blueCap), xIm: v(blue[1]!, blueCap), yRe: v(blue[2]!, blueCap), yIm: v(blue[3]!, blueCap) };
    this.stageView = v(this.layout.stage, this.layout.stageCap);
  }

  /** Copies a Float64Array table into the tables area as float32; returns its byte address. */
  private put(a: ArrayLike<number>): number {
    const at = this.tablesTop;
    const bytes = Math.ceil((a.length * 4) / 16) * 16;
    if (at + bytes > TABLES_END) throw new RangeError('tables full');
    new Float32Array(this.memory.buffer, at, a.length).set(a);
    this.tablesTop += bytes;
    return at;
  }

  private stageTables(plan: DirectPlan): StageTables[] {
    return plan.stages.map(({ p, ns, twRe, twIm }) => {
      const twr = this.put(twRe), twi = this.put(twIm);
      let cr = 0, ci = 0;
      if (p > 5) {
        const c = new Float64Array(p), s = new Float64Array(p);
        for (let j = 0; j < p; j++) { c[j] = Math.cos((2 * Math.PI * j) / p); s[j] = Math.sin((2 * Math.PI * j) / p); }
        cr = this.put(c); ci = this.put(s);
      }
      return { p, ns, twr, twi, cr, ci };
    });
  }

  private tablesFor(n: number): Tables {
    let t = this.tables.get(n);
    if (t) return t;
    const build = (): Tables => {
      const plan = plan1d(n);
      if (plan.direct) return { n, stages: this.stageTables(plan.direct) };
      const bp = plan.bluestein!;
      const m = bp.m;
      const kir = new Float64Array(m), kii = new Float64Array(m);
      for (let k = 0; k < m; k++) { kir[k] = bp.kerRe[(m - k) % m]!; kii[k] = -bp.kerIm[(m - k) % m]!; }
      return {
        n, stages: [],
        blue: {
          m, inner: this.stageTables(bp.inner), chr: this.put(bp.chirpRe), chi: this.put(bp.chirpIm),
          kfr: this.put(bp.kerRe), kfi: this.put(bp.kerIm), kir: this.put(kir), kii: this.put(kii),
        },
      };
    };
    try {
      t = build();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.tables.clear();
      this.tablesTop = TABLES_START;
      t = build();
    }
    this.tables.set(n, t);
    return t;
  }

  /**
   * Runs the stages on arrays at byte addresses a (source) and b (partner); true if the result
   * is in b. Lines go through all stages in blocks small enough (≈ 512 KiB of source and
   * destination) to stay in L2, instead of streaming every stage through the whole batch.
   */
  private runStages(stages: StageTables[], n: number, L: number, sign: number, a: number[], b: number[]): boolean {
    const ex = this.ex;
    const block = Math.max(16, Math.floor(32768 / n / 4) * 4);
    const B = L <= block + (block >> 1) ? L : block;
    for (let l0 = 0; l0 < L; l0 += B) {
      const cnt = Math.min(B, L - l0), off = 4 * l0;
      let s = a, d = b;
      for (const st of stages) {
        const s0 = s[0]! + off, s1 = s[1]! + off, d0 = d[0]! + off, d1 = d[1]! + off;
        if (st.p === 4) ex.radix4(s0, s1, d0, d1, n, st.ns, cnt, L, st.twr, st.twi, sign);
        else if (st.p === 2) ex.radix2(s0, s1, d0, d1, n, st.ns, cnt, L, st.twr, st.twi, sign);
        else if (st.p === 3) ex.radix3(s0, s1, d0, d1, n, st.ns, cnt, L, st.twr, st.twi, sign);
        else if (st.p === 5) ex.radix5(s0, s1, d0, d1, n, st.ns, cnt, L, st.twr, st.twi, sign);
        else ex.radixg(s0, s1, d0, d1, n, st.ns, cnt, L, st.p, st.twr, st.twi, st.cr, st.ci, sign);
        [s, d] = [d, s];
      }
    }
    return stages.length % 2 === 1;
  }

  fft(n: number, lines: number, sign: 1 | -1, inY: boolean): boolean {
    const t = this.tablesFor(n);
    const { x } = this.layout;
    const X = [x[0]!, x[1]!], Y = [x[2]!, x[3]!];
    const src = inY ? Y : X, other = inY ? X : Y;
    if (!t.blue) return this.runStages(t.stages, n, lines, sign, src, other) !== inY;
    const B = this.layout.blue, bx = [B[0]!, B[1]!], by = [B[2]!, B[3]!];
    const bl = t.blue, L = lines, ex = this.ex;
    ex.cmul_rows_to(src[0]!, src[1]!, bx[0]!, bx[1]!, n, L, bl.chr, bl.chi, -sign);
    const bv = this.blueViews!;
    bv.xRe.fill(0, n * L, bl.m * L); bv.xIm.fill(0, n * L, bl.m * L);
    let inB = this.runStages(bl.inner, bl.m, L, -1, bx, by);
    const f = inB ? by : bx, g = inB ? bx : by;
    if (sign < 0) ex.cmul_rows(f[0]!, f[1]!, bl.m, L, bl.kfr, bl.kfi, 1);
    else ex.cmul_rows(f[0]!, f[1]!, bl.m, L, bl.kir, bl.kii, 1);
    inB = this.runStages(bl.inner, bl.m, L, 1, f, g);
    const c = inB ? g : f;
    ex.cmul_rows_to(c[0]!, c[1]!, src[0]!, src[1]!, n, L, bl.chr, bl.chi, -sign);
    return inY;
  }

  /** Byte addresses of the x pair and y pair; `res` picks the pair holding a result. */
  private pair(inY: boolean): [number, number] {
    const x = this.layout.x;
    return inY ? [x[2]!, x[3]!] : [x[0]!, x[1]!];
  }

  forwardPlane(input: Float32Array, spec: Float32Array, d: Dims, z: number, mask?: Float32Array, rect = wholePlane(d.nx, d.ny)): void {
    const { nx, ny } = d;
    const base = z * nx * ny;
    if (mask && maskPlaneIsZero(mask, nx, rect)) { zeroSpectrumPlane(spec, d, z); return; }
    this.reservePlane(d);
    const sv = this.stageView;
    if (mask) maskedPlaneInto(sv, input, base, mask, nx, ny, rect);
    else sv.set(input.subarray(base, base + nx * ny));
    this.forwardFromStage(spec, d, z);
  }

  roundTripPlane(spec: Float32Array, mask: Float32Array, d: Dims, z: number, scale: number, rect: PlaneRect = wholePlane(d.nx, d.ny)): void {
    const { nx, ny } = d;
    // mask·(inverse) is zero on this plane whatever the spectrum: its forward transform too
    if (maskPlaneIsZero(mask, nx, rect)) { zeroSpectrumPlane(spec, d, z); return; }
    this.reservePlane(d);
    this.inverseToStage(spec, d, z, scale);
    const sv = this.stageView;
    maskedPlaneInto(sv, sv, 0, mask, nx, ny, rect);
    this.forwardFromStage(spec, d, z);
  }

  /** Room for a plane chunk of either direction (reserved up front: growing loses contents). */
  private reservePlane(d: Dims): void {
    const { nx, ny } = d;
    const nkx = halfX(nx), L = (ny + 1) >> 1;
    this.reserve(nx, L, Math.max(nx * ny, 2 * ny * nkx));
    this.reserve(ny, nkx, 0);
  }

  /** Real plane in the stage (nx·ny floats) → x and y transformed, into plane z of `spec`. */
  private forwardFromStage(spec: Float32Array, d: Dims, z: number): void {
    const { nx, ny } = d;
    const nkx = halfX(nx), L = (ny + 1) >> 1, m = ny * nkx;
    const ex = this.ex, st = this.layout.stage;
    const X = this.pair(false);
    ex.gather_row_pairs(st, X[0], X[1], nx, ny, L);
    const inY = this.fft(nx, L, -1, false);
    const Z = this.pair(inY), P = this.pair(!inY);
    ex.unpack_pairs(Z[0], Z[1], P[0], P[1], nx, ny, L, nkx);
    const inY2 = this.fft(ny, nkx, -1, !inY);
    const Rr = this.pair(inY2);
    ex.interleave(Rr[0], Rr[1], st, m, 1);
    spec.set(this.stageView.subarray(0, 2 * m), 2 * z * m);
  }

  columnPass(src: Float32Array, dst: Float32Array, d: Dims, y: number, sign: 1 | -1, scale: number, radius = Infinity): void {
    const { ny, nz } = d;
    const nkx = keptColumns(d, y, radius), seg = 2 * nkx, zStride = 2 * ny * halfX(d.nx);
    zeroColumnsBeyond(dst, d, y, nkx);
    if (nkx === 0) return;
    this.reserve(nz, nkx, nz * seg);
    const ex = this.ex, st = this.layout.stage, sv = this.stageView;
    const row = 2 * y * halfX(d.nx);
    for (let z = 0, s = row; z < nz; z++, s += zStride) sv.set(src.subarray(s, s + seg), z * seg);
    const X = this.pair(false);
    ex.deinterleave(st, X[0], X[1], nz * nkx);
    const R = this.pair(this.fft(nz, nkx, sign, false));
    ex.interleave(R[0], R[1], st, nz * nkx, scale);
    for (let z = 0, s = row; z < nz; z++, s += zStride) dst.set(sv.subarray(z * seg, z * seg + seg), s);
  }

  inversePlane(spec: Float32Array, out: Float32Array, d: Dims, z: number, scale: number): void {
    const { nx, ny } = d;
    this.reservePlane(d);
    this.inverseToStage(spec, d, z, scale);
    out.set(this.stageView.subarray(0, nx * ny), z * nx * ny);
  }

  /** Plane z of `spec` (already z-transformed) → y and x c2r, the real plane (scaled) in the stage. */
  private inverseToStage(spec: Float32Array, d: Dims, z: number, scale: number): void {
    const { nx, ny } = d;
    const nkx = halfX(nx), L = (ny + 1) >> 1, m = ny * nkx;
    const ex = this.ex, st = this.layout.stage;
    this.stageView.set(spec.subarray(2 * z * m, 2 * z * m + 2 * m));
    const X = this.pair(false);
    ex.deinterleave(st, X[0], X[1], m);
    const inY = this.fft(ny, nkx, 1, false);
    const P = this.pair(inY), Z = this.pair(!inY);
    ex.pack_pairs(P[0], P[1], Z[0], Z[1], nx, ny, L, nkx);
    const R = this.pair(this.fft(nx, L, 1, !inY));
    ex.scatter_row_pairs(R[0], R[1], st, nx, ny, L, scale);
  }
}

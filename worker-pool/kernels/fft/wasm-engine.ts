/**
 * The WASM engine: the Stockham passes of wasm/fft-kernels.c (vectorised over lines with
 * wasm SIMD) on a private WebAssembly.Memory per thread. Memory map (bytes):
 *   [0, 1 MiB)           C stack and globals
 *   [1 MiB, 17 MiB)      plan tables (twiddles, Bluestein chirps/kernels), rebuilt if full
 *   [17 MiB, …)          work arrays: x/y pairs, then the four Bluestein arrays
 * The 3D driver reads and writes the work arrays through Float32Array views (prepare()).
 */
import type { SplitBuffers } from './batch-ts.js';
import type { FftEngine } from './engine.js';
import { plan1d, type DirectPlan } from './plan1d.js';
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
  radix2(sr: number, si: number, dr: number, di: number, n: number, ns: number, L: number, twr: number, twi: number, sign: number): void;
  radix3: Exports['radix2'];
  radix4: Exports['radix2'];
  radix5: Exports['radix2'];
  radixg(sr: number, si: number, dr: number, di: number, n: number, ns: number, L: number, p: number, twr: number, twi: number, cr: number, ci: number, sign: number): void;
  cmul_rows(xr: number, xi: number, n: number, L: number, wr: number, wi: number, wsign: number): void;
  cmul_rows_to(sr: number, si: number, dr: number, di: number, n: number, L: number, wr: number, wi: number, wsign: number): void;
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
interface Layout { cap: number; blueCap: number; x: number[]; blue: number[] }

export class WasmEngine implements FftEngine {
  readonly kind = 'wasm' as const;
  private readonly memory: WasmMemory;
  private readonly ex: Exports;
  private tables = new Map<number, Tables>();
  private tablesTop = TABLES_START;
  private layout: Layout = { cap: 0, blueCap: 0, x: [0, 0, 0, 0], blue: [0, 0, 0, 0] };
  private views: SplitBuffers | undefined;
  private blueViews: SplitBuffers | undefined;

  constructor() {
    this.memory = new WA.Memory({ initial: WORK_START / PAGE + 16, maximum: 65536 });
    const inst = new WA.Instance(wasmModule(), { env: { memory: this.memory } });
    this.ex = inst.exports as unknown as Exports;
  }

  prepare(n: number, lines: number): SplitBuffers {
    const plan = plan1d(n);
    const cap = Math.max(this.layout.cap, n * lines);
    const blueCap = Math.max(this.layout.blueCap, plan.bluestein ? plan.bluestein.m * lines : 0);
    if (cap > this.layout.cap || blueCap > this.layout.blueCap || !this.views) this.relayout(cap, blueCap);
    return this.views!;
  }

  private relayout(cap: number, blueCap: number): void {
    // keep the old x/y contents: the driver may prepare a second size after filling x
    const old = this.views ? { cap: this.layout.cap, x: this.layout.x } : undefined;
    const bytes = (c: number) => Math.ceil((c * 4) / 64) * 64;
    const x: number[] = [];
    let top = WORK_START;
    // new arrays go above the old ones so the old contents can be moved down safely
    if (old) top = old.x[3]! + bytes(old.cap) + bytes(this.layout.blueCap) * 4;
    for (let i = 0; i < 4; i++) { x.push(top); top += bytes(cap); }
    const blue: number[] = [];
    for (let i = 0; i < 4; i++) { blue.push(top); top += bytes(blueCap); }
    this.grow(top);
    const f = new Float32Array(this.memory.buffer);
    if (old) for (let i = 0; i < 4; i++) f.copyWithin(x[i]! / 4, old.x[i]! / 4, old.x[i]! / 4 + old.cap);
    // then slide everything back down to WORK_START (contents of x move with it)
    const shift = x[0]! - WORK_START;
    if (shift > 0) {
      f.copyWithin(WORK_START / 4, x[0]! / 4, top / 4);
      for (let i = 0; i < 4; i++) { x[i]! -= shift; blue[i]! -= shift; }
    }
    this.layout = { cap, blueCap, x, blue };
    this.makeViews();
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

  /** Runs the stages on arrays at byte addresses a (source) and b (partner); true if result in b. */
  private runStages(stages: StageTables[], n: number, L: number, sign: number, a: number[], b: number[]): boolean {
    let s = a, d = b;
    const ex = this.ex;
    for (const st of stages) {
      if (st.p === 4) ex.radix4(s[0]!, s[1]!, d[0]!, d[1]!, n, st.ns, L, st.twr, st.twi, sign);
      else if (st.p === 2) ex.radix2(s[0]!, s[1]!, d[0]!, d[1]!, n, st.ns, L, st.twr, st.twi, sign);
      else if (st.p === 3) ex.radix3(s[0]!, s[1]!, d[0]!, d[1]!, n, st.ns, L, st.twr, st.twi, sign);
      else if (st.p === 5) ex.radix5(s[0]!, s[1]!, d[0]!, d[1]!, n, st.ns, L, st.twr, st.twi, sign);
      else ex.radixg(s[0]!, s[1]!, d[0]!, d[1]!, n, st.ns, L, st.p, st.twr, st.twi, st.cr, st.ci, sign);
      [s, d] = [d, s];
    }
    return s === b;
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
}

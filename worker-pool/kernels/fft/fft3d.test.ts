import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_MAPS_DIR } from '../../paths.js';
import type { Dims } from '../../volume.js';
import { allocateSpectrum, boxMask, irfft3d, irfft3dInPlace, maskedRoundTrip, rfft3d, rfft3dInPlace, rfft3dRows, shutdownFftThreads, spectrumLength } from './fft3d.js';
import type { EngineKind } from './engines.js';
import { plan1d } from './plan1d.js';
import { engineFor } from './engines.js';

/** Deterministic pseudo-random values in [−1, 1). */
function noise(n: number, seed = 1): Float32Array {
  const a = new Float32Array(new SharedArrayBuffer(4 * n));
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 31 - 1;
  }
  return a;
}

const naiveCache = new Map<string, Float64Array>();

/** Naive float64 3D DFT of a real box, half-complex along x (cached: both engines compare to it). */
function naiveRfft(v: Float32Array, d: Dims): Float64Array {
  const key = `${d.nx},${d.ny},${d.nz},${v[0]},${v[v.length - 1]}`;
  const hit = naiveCache.get(key);
  if (hit) return hit;
  const out = naiveRfftUncached(v, d);
  naiveCache.set(key, out);
  return out;
}

function naiveRfftUncached(v: Float32Array, d: Dims): Float64Array {
  const { nx, ny, nz } = d;
  const nkx = (nx >> 1) + 1;
  const out = new Float64Array(2 * nkx * ny * nz);
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++)
      for (let kx = 0; kx < nkx; kx++) {
        let re = 0, im = 0;
        for (let z = 0; z < nz; z++)
          for (let y = 0; y < ny; y++)
            for (let x = 0; x < nx; x++) {
              const ph = -2 * Math.PI * (((kx * x) % nx) / nx + ((ky * y) % ny) / ny + ((kz * z) % nz) / nz);
              const val = v[x + nx * (y + ny * z)]!;
              re += val * Math.cos(ph);
              im += val * Math.sin(ph);
            }
        const i = 2 * (kx + nkx * (ky + ny * kz));
        out[i] = re;
        out[i + 1] = im;
      }
  return out;
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num += (a[i]! - b[i]!) ** 2; den += b[i]! ** 2; }
  return Math.sqrt(num / Math.max(den, 1e-300));
}

const sizes: Dims[] = [
  { nx: 1, ny: 1, nz: 1 }, { nx: 2, ny: 3, nz: 5 }, { nx: 7, ny: 7, nz: 7 }, { nx: 11, ny: 13, nz: 17 },
  { nx: 8, ny: 8, nz: 8 }, { nx: 30, ny: 20, nz: 16 }, { nx: 5, ny: 1, nz: 3 }, { nx: 23, ny: 4, nz: 6 },
  { nx: 49, ny: 14, nz: 9 },
];

// nz of 33 and 37: several rounds of 16 planes in the in-place transforms, the last one short
const inPlaceSizes: Dims[] = [...sizes, { nx: 12, ny: 9, nz: 37 }, { nx: 9, ny: 10, nz: 33 }];

const engines: EngineKind[] = ['ts', 'wasm'];

afterAll(async () => { await shutdownFftThreads(); });

describe.each(engines)('rfft3d (%s engine)', (engine) => {
  it.each(sizes)('equals a naive float64 DFT at $nx×$ny×$nz (1 and 2 threads)', (d) => {
    const v = noise(d.nx * d.ny * d.nz, d.nx * 31 + d.ny);
    const truth = naiveRfft(v, d);
    for (const threads of [1, 2]) {
      const spec = rfft3d(v, d, { normalize: 'none', threads, engine });
      expect(spec.length).toBe(spectrumLength(d));
      expect(relErr(spec, truth)).toBeLessThan(1e-5);
    }
  });

  it('rfft3dRows: the chosen rows and columns of rfft3d, bit for bit (odd sizes, several plane rounds, 1 and 2 threads)', () => {
    // columns: whole fours or all (nz 35 = 5·7, 39 = 3·13 and 22 = 2·11 take the generic radix, 29 Bluestein)
    for (const [d, rows, columns] of [
      [{ nx: 24, ny: 20, nz: 40 }, [0, 1, 2, 17, 18, 19], 8],
      [{ nx: 31, ny: 17, nz: 35 }, [16, 0, 3], 8],
      [{ nx: 40, ny: 9, nz: 39 }, [1, 8], 12],
      [{ nx: 33, ny: 10, nz: 22 }, [0, 9, 5], 17],
      [{ nx: 18, ny: 7, nz: 29 }, [3, 4], 4],
      [{ nx: 9, ny: 8, nz: 7 }, [0, 1, 2, 3, 4, 5, 6, 7], 5],
      [{ nx: 12, ny: 6, nz: 5 }, [2], 4],
    ] as const) {
      const v = noise(d.nx * d.ny * d.nz, d.nz);
      const nkx = (d.nx >> 1) + 1;
      for (const threads of [1, 2]) {
        const full = rfft3d(v, d, { normalize: 'forward', threads, engine });
        const part = rfft3dRows(v, d, { rows: Int32Array.from(rows), columns }, { normalize: 'forward', threads, engine });
        expect(part.length).toBe(2 * columns * rows.length * d.nz);
        const expected = new Float32Array(part.length);
        for (let z = 0; z < d.nz; z++) for (let r = 0; r < rows.length; r++) for (let k = 0; k < columns; k++) for (const c of [0, 1])
          expected[2 * (k + columns * (r + rows.length * z)) + c] = full[2 * (k + nkx * (rows[r]! + d.ny * z)) + c]!;
        expect(Buffer.from(part.buffer, part.byteOffset, part.byteLength).equals(Buffer.from(expected.buffer))).toBe(true);
      }
    }
    expect(() => rfft3dRows(noise(8, 1), { nx: 2, ny: 2, nz: 2 }, { rows: Int32Array.of(2), columns: 2 }, { normalize: 'none' })).toThrow(/rows 0..1/);
    expect(() => rfft3dRows(noise(31 * 17 * 35, 1), { nx: 31, ny: 17, nz: 35 }, { rows: Int32Array.of(0), columns: 5 }, { normalize: 'none' })).toThrow(/multiple of 4/);
  });

  it.each(sizes)('inverse(forward(x)) returns x at $nx×$ny×$nz', (d) => {
    const v = noise(d.nx * d.ny * d.nz, 7);
    for (const normalize of ['forward', 'backward', 'ortho'] as const) {
      const spec = rfft3d(v, d, { normalize, engine });
      const back = irfft3d(spec, d, { normalize, engine });
      expect(relErr(back, v)).toBeLessThan(1e-5);
    }
  });

  it.each(inPlaceSizes)('irfft3dInPlace equals irfft3d bit for bit, in the spectrum\'s own buffer, at $nx×$ny×$nz', (d) => {
    const v = noise(d.nx * d.ny * d.nz, 11);
    for (const threads of [1, 2]) {
      const spec = rfft3d(v, d, { normalize: 'forward', threads, engine }, allocateSpectrum(d));
      const expected = irfft3d(spec.slice(), d, { normalize: 'forward', threads, engine });
      const inPlace = irfft3dInPlace(spec, d, { normalize: 'forward', threads, engine });
      expect(inPlace.buffer).toBe(spec.buffer);
      expect(inPlace.length).toBe(v.length);
      expect(Buffer.from(inPlace.buffer, inPlace.byteOffset, inPlace.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))).toBe(true);
    }
  });

  it.each(inPlaceSizes)('rfft3dInPlace equals rfft3d bit for bit, from the map in the spectrum\'s first floats, at $nx×$ny×$nz', (d) => {
    const v = noise(d.nx * d.ny * d.nz, 12);
    for (const threads of [1, 2]) {
      const expected = rfft3d(v, d, { normalize: 'forward', threads, engine });
      const buffer = allocateSpectrum(d);
      buffer.set(v);
      expect(rfft3dInPlace(buffer, d, { normalize: 'forward', threads, engine })).toBe(buffer);
      expect(Buffer.from(buffer.buffer).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))).toBe(true);
    }
  });

  it.each(sizes)('with a mask transforms input·mask (the naive DFT of the product) at $nx×$ny×$nz', (d) => {
    const v = noise(d.nx * d.ny * d.nz, 5), m = noise(d.nx * d.ny * d.nz, 6);
    const product = v.map((x, i) => x * m[i]!);
    for (const threads of [1, 2]) expect(relErr(rfft3d(v, d, { normalize: 'none', threads, engine, mask: m }), naiveRfft(product, d))).toBeLessThan(1e-5);
  });

  it.each(sizes)('maskedRoundTrip turns the spectrum of x into the naive DFT of mask·x at $nx×$ny×$nz (zero mask planes included)', (d) => {
    const N = d.nx * d.ny * d.nz, plane = d.nx * d.ny;
    const v = noise(N, 8), m = noise(N, 9);
    m.fill(0, 0, plane); // plane z = 0 is skipped, and so is the last when nz > 2
    if (d.nz > 2) m.fill(0, N - plane, N);
    const truth = naiveRfft(v.map((x, i) => x * m[i]!), d);
    for (const threads of [1, 2]) for (const [normalize, f] of [['backward', 1], ['forward', 1 / N], ['ortho', 1 / Math.sqrt(N)]] as const) {
      const spec = rfft3d(v, d, { normalize, threads, engine });
      expect(maskedRoundTrip(spec, d, m, { normalize, threads, engine })).toBe(spec);
      expect(relErr(spec, truth.map((t) => t * f))).toBeLessThan(1e-5);
    }
  });

  it.each(sizes)('with a radius transforms the columns inside it exactly and zeroes the others at $nx×$ny×$nz', (d) => {
    const v = noise(d.nx * d.ny * d.nz, 15), m = noise(d.nx * d.ny * d.nz, 16);
    const nkx = (d.nx >> 1) + 1, radius = 0.301; // no column within 1e-6 of the circle (those may be kept)
    const truth = naiveRfft(v, d), maskedTruth = naiveRfft(v.map((x, i) => x * m[i]!), d);
    // truth with the columns at or beyond the radius zeroed, as documented
    const cut = (t: Float64Array) => t.map((x, i) => {
      const c = i >> 1, kx = c % nkx, ky = Math.floor(c / nkx) % d.ny, fy = (ky <= d.ny >> 1 ? ky : ky - d.ny) / d.ny;
      return (kx / d.nx) ** 2 + fy ** 2 < radius * radius ? x : 0;
    });
    let zeroed = 0;
    for (const threads of [1, 2]) {
      const out = new Float32Array(new SharedArrayBuffer(4 * spectrumLength(d))).fill(7);
      rfft3d(v, d, { normalize: 'none', threads, engine, radius }, out);
      expect(relErr(out, cut(truth))).toBeLessThan(1e-5);
      zeroed = out.filter((x) => x === 0).length;
      const spec = rfft3d(v, d, { normalize: 'backward', threads, engine });
      maskedRoundTrip(spec, d, m, { normalize: 'backward', threads, engine, radius });
      expect(relErr(spec, cut(maskedTruth))).toBeLessThan(1e-5);
    }
    if (d.nx * d.ny > 4) expect(zeroed).toBeGreaterThan(0); // the radius did cut something
  });

  it('skips the zero planes of a mask in a masked forward transform (their spectrum is exact)', () => {
    const d = { nx: 12, ny: 10, nz: 9 };
    const N = d.nx * d.ny * d.nz, plane = d.nx * d.ny;
    const v = noise(N, 13), m = noise(N, 14);
    m.fill(0, 0, 3 * plane);
    m.fill(0, 5 * plane, 6 * plane);
    const out = new Float32Array(new SharedArrayBuffer(4 * spectrumLength(d))).fill(7); // stale values must not survive
    rfft3d(v, d, { normalize: 'none', engine, mask: m }, out);
    expect(relErr(out, naiveRfft(v.map((x, i) => x * m[i]!), d))).toBeLessThan(1e-5);
  });

  it.each([{ nx: 12, ny: 10, nz: 9 }, { nx: 23, ny: 4, nz: 6 }, { nx: 7, ny: 7, nz: 7 }])('a mask kept on its non-zero box gives the same transforms, to the bit, as the whole mask at $nx×$ny×$nz', (d) => {
    const N = d.nx * d.ny * d.nz, v = noise(N, 17), full = noise(N, 18);
    // zero outside x 2…nx−2, y 1…ny−1, z 1…nz−1, and a zero voxel and a zero plane inside the box
    const box = [2, d.nx - 2, 1, d.ny - 1, 1, d.nz - 1];
    const m = new Float32Array(N); // an ordinary buffer, as a mask read back from an artifact
    for (let z = 0, i = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) for (let x = 0; x < d.nx; x++, i++) {
      const inside = x >= box[0]! && x < box[1]! && y >= box[2]! && y < box[3]! && z >= box[4]! && z < box[5]! && z !== 3;
      m[i] = inside && i % 5 !== 0 ? full[i]! : 0;
    }
    for (let i = 0; i < N; i++) full[i] = m[i]!;
    const boxed = boxMask(m, d);
    let sum = 0;
    for (let z = 0; z < d.nz; z++) { let p = 0; for (let i = z * d.nx * d.ny; i < (z + 1) * d.nx * d.ny; i++) p += m[i]!; sum += p; }
    expect(boxed.box).toEqual(box);
    expect(boxed.sum).toBe(sum);
    expect(boxed.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const threads of [1, 2]) {
      const a = new Float32Array(new SharedArrayBuffer(4 * spectrumLength(d))).fill(7), b = a.slice();
      rfft3d(v, d, { normalize: 'none', threads, engine, mask: full }, a);
      rfft3d(v, d, { normalize: 'none', threads, engine, mask: boxed }, b); // stale 7s must not survive
      expect(b).toEqual(a);
      // uncached: the cache's key (first and last value) cannot tell products with zero corners apart
      expect(relErr(b, naiveRfftUncached(v.map((x, i) => x * m[i]!), d))).toBeLessThan(1e-5);
      const s1 = rfft3d(v, d, { normalize: 'backward', threads, engine }), s2 = s1.slice();
      const s2Shared = new Float32Array(new SharedArrayBuffer(4 * s2.length)); s2Shared.set(s2);
      maskedRoundTrip(s1, d, full, { normalize: 'backward', threads, engine });
      maskedRoundTrip(s2Shared, d, boxed, { normalize: 'backward', threads, engine });
      expect(s2Shared).toEqual(s1);
    }
  });

  it('a floor cuts round-off (an FFT-blurred mask) out of the box and the copy: the transform of the mask with those values zeroed', () => {
    const d = { nx: 14, ny: 11, nz: 9 }, N = d.nx * d.ny * d.nz, v = noise(N, 20), r = noise(N, 21);
    const m = new Float32Array(N), cut = new Float32Array(new SharedArrayBuffer(4 * N));
    for (let z = 0, i = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) for (let x = 0; x < d.nx; x++, i++) {
      const inside = x >= 3 && x < 10 && y >= 2 && y < 8 && z >= 4 && z < 7;
      m[i] = inside ? 0.5 + 0.5 * r[i]! : 1e-8 * r[i]!; // ±1e-8 round-off outside
      cut[i] = inside ? m[i]! : 0;
    }
    const boxed = boxMask(m, d, { floor: 1e-6 });
    expect(boxed.box).toEqual([3, 10, 2, 8, 4, 7]);
    expect(boxMask(m, d).box).toEqual([0, 14, 0, 11, 0, 9]); // without the floor the round-off keeps the whole volume
    const a = rfft3d(v, d, { normalize: 'none', engine, mask: cut }), b = rfft3d(v, d, { normalize: 'none', engine, mask: boxed });
    expect(b).toEqual(a);
  });

  it('the floor keeps exactly the float32 values whose magnitude exceeds it as a number (floors that float32 rounds up or down)', () => {
    const below = (f: number) => { const a = Float32Array.of(f); const b = new Int32Array(a.buffer); b[0]! -= 1; return a[0]!; };
    // fround(1e-7) > 1e-7 is kept by floor 1e-7; fround(1e-6) < 1e-6 is cut by floor 1e-6
    for (const floor of [1e-7, 1e-6, 0.3]) {
      const f32 = Math.fround(floor), candidates = [f32, below(f32), -f32, -below(f32)];
      const d = { nx: candidates.length, ny: 1, nz: 1 };
      const m = Float32Array.from(candidates);
      const boxed = boxMask(m, d, { floor });
      const kept = candidates.map((c) => Math.abs(c) > floor);
      const first = kept.indexOf(true), last = kept.lastIndexOf(true);
      expect(boxed.box).toEqual(first < 0 ? [0, 0, 0, 0, 0, 0] : [first, last + 1, 0, 1, 0, 1]);
      expect(boxed.sum).toBe(candidates.reduce((t, c, i) => (kept[i] ? t + c : t), 0));
      expect(kept.some(Boolean)).toBe(f32 > floor);
    }
  });

  it('an all-zero mask has an empty box and zero transforms; a box that does not fit the volume is refused', () => {
    const d = { nx: 6, ny: 5, nz: 4 }, N = 120;
    const boxed = boxMask(new Float32Array(N), d);
    expect(boxed.sum).toBe(0);
    expect(boxed.data.length).toBe(0);
    const out = rfft3d(noise(N, 19), d, { normalize: 'none', engine, mask: boxed });
    expect(out.every((x) => x === 0)).toBe(true);
    expect(() => rfft3d(noise(N, 19), d, { normalize: 'none', engine, mask: { ...boxed, box: [0, 7, 0, 1, 0, 1] } })).toThrow(/does not fit/);
  });

  it('scales as documented: forward divides by N, none does not', () => {
    const d = { nx: 6, ny: 5, nz: 4 };
    const v = noise(120, 3);
    const a = rfft3d(v, d, { normalize: 'none', engine });
    const b = rfft3d(v, d, { normalize: 'forward', engine });
    let sum = 0;
    for (const x of v) sum += x;
    expect(a[0]).toBeCloseTo(sum, 4);
    expect(b[0]).toBeCloseTo(sum / 120, 6);
    const back = irfft3d(a, d, { normalize: 'none', engine, overwriteInput: true });
    expect(back[5]! / 120).toBeCloseTo(v[5]!, 5);
  });

  it('handles sizes that need Bluestein (large primes) and mixed radices along every axis', () => {
    expect(plan1d(67).bluestein).toBeDefined();
    const d = { nx: 67, ny: 10, nz: 3 };
    const v = noise(d.nx * d.ny * d.nz, 11);
    expect(relErr(rfft3d(v, d, { normalize: 'none', engine }), naiveRfft(v, d))).toBeLessThan(1e-5);
    const d2 = { nx: 4, ny: 53, nz: 2 };
    const v2 = noise(d2.nx * d2.ny * d2.nz, 12);
    expect(relErr(rfft3d(v2, d2, { normalize: 'none', engine }), naiveRfft(v2, d2))).toBeLessThan(1e-5);
  });
});

describe('batched 1D engines', () => {
  it.each(engines)('%s: many lines of length 512 and 405 (blocked line batches) equal a naive DFT', (engine) => {
    const eng = engineFor(engine);
    for (const [n, L] of [[512, 150], [405, 130]] as const) {
      const b = eng.prepare(n, L);
      const re = noise(n * L, 5), im = noise(n * L, 6);
      b.xRe.set(re); b.xIm.set(im);
      const inY = eng.fft(n, L, -1, false);
      const rr = inY ? b.yRe : b.xRe, ri = inY ? b.yIm : b.xIm;
      for (const l of [0, 1, 63, 64, 65, 97, L - 1]) {
        let num = 0, den = 0;
        for (let k = 0; k < n; k++) {
          let sr = 0, si = 0;
          for (let j = 0; j < n; j++) {
            const a = (-2 * Math.PI * ((j * k) % n)) / n;
            const xr = re[j * L + l]!, xi = im[j * L + l]!;
            sr += xr * Math.cos(a) - xi * Math.sin(a);
            si += xr * Math.sin(a) + xi * Math.cos(a);
          }
          num += (rr[k * L + l]! - sr) ** 2 + (ri[k * L + l]! - si) ** 2;
          den += sr * sr + si * si;
        }
        expect(Math.sqrt(num / den)).toBeLessThan(1e-5);
      }
    }
  });
});

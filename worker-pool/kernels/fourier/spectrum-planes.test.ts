/**
 * The per-plane kernels the FFT team runs for 1.a (spectrum-planes.ts, through fsc.ts's
 * halfMapCurves and randomizePhasesBeyond) against plain serial loops over the whole 3D
 * transform written here from the definitions (Math.atan2, full-grid frequencies).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../synthetic/random.js';
import { sharedFloat32, type Dims } from '../../volume.js';
import { rfft3d, shutdownFftThreads } from '../fft/fft3d.js';
import { fourierShellCorrelation, halfMapCurves, randomizePhasesBeyond } from './fsc.js';
import { absAtan2 } from './spectrum-planes.js';

afterAll(async () => { await shutdownFftThreads(); });

function noise(n: number, seed: number, base?: Float32Array): Float32Array {
  const r = mulberry32(seed);
  const v = sharedFloat32(n);
  for (let i = 0; i < n; i++) v[i] = (base ? base[i]! : 0) + gaussian(r);
  return v;
}

/** The full (not half) transform by brute force over the real grid's DFT is too slow; the
 * half spectrum with explicit Hermitian partners is the full one, so sum both members. */
function serialDprSsnr(s1: Float32Array, s2: Float32Array, d: Dims): { dpr: number[]; ssnr: number[] } {
  const n = Math.max(d.nx, d.ny, d.nz), shells = (n >> 1) + 1, nkx = (d.nx >> 1) + 1;
  const f = (i: number, m: number) => (i <= m >> 1 ? i / m : (i - m) / m);
  const num = new Array(shells).fill(0), den = new Array(shells).fill(0), plus = new Array(shells).fill(0), minus = new Array(shells).fill(0);
  for (let z = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) for (let x = 0; x < d.nx; x++) {
    const s = Math.round(Math.hypot(f(x, d.nx), f(y, d.ny), f(z, d.nz)) * n);
    if (s >= shells) continue;
    // coefficient (x, y, z) of the full transform: stored, or the conjugate of its partner
    const conj = x >= nkx;
    const i = conj ? (((d.nz - z) % d.nz) * d.ny + ((d.ny - y) % d.ny)) * nkx + (d.nx - x) : (z * d.ny + y) * nkx + x;
    const sg = conj ? -1 : 1;
    const a = s1[2 * i]!, b = sg * s1[2 * i + 1]!, c = s2[2 * i]!, e = sg * s2[2 * i + 1]!;
    const amp = Math.hypot(a, b) + Math.hypot(c, e);
    const dphi = (Math.atan2(b * c - a * e, a * c + b * e) * 180) / Math.PI;
    num[s] += amp * dphi * dphi;
    den[s] += amp;
    plus[s] += Math.hypot(a + c, b + e);
    minus[s] += Math.hypot(a - c, b - e);
  }
  return { dpr: num.map((v, s) => Math.sqrt(v / den[s])), ssnr: plus.map((v, s) => v / minus[s]) };
}

describe('halfMapCurves (one parallel pass: FSC, DPR, SSNR)', () => {
  for (const d of [{ nx: 24, ny: 20, nz: 18 }, { nx: 17, ny: 19, nz: 16 }] as Dims[]) {
    it(`equals the serial FSC and the definitions of DPR and SSNR (${d.nx}×${d.ny}×${d.nz}, 1 and 2 threads)`, () => {
      const N = d.nx * d.ny * d.nz;
      const signal = noise(N, 1);
      const h1 = noise(N, 2, signal), h2 = noise(N, 3, signal);
      for (let i = 0; i < N; i++) h2[i] += 0.75; // a mean, which the power without the zero frequency leaves out
      const s1 = rfft3d(h1, d, { normalize: 'forward' });
      const s2 = rfft3d(h2, d, { normalize: 'forward' });
      const variance = (h: Float32Array) => { let m = 0, q = 0; for (const v of h) { m += v; q += v * v; } return q / N - (m / N) ** 2; };
      const reference = fourierShellCorrelation(s1, s2, d, 1.1);
      const truth = serialDprSsnr(s1, s2, d);
      for (const threads of [1, 2]) {
        const c = halfMapCurves(s1, s2, d, 1.1, { withPhase: true, threads });
        for (let s = 0; s < reference.fsc.length; s++) {
          expect(c.fsc.fsc[s]).toBeCloseTo(reference.fsc[s]!, 9);
          expect(c.fsc.count[s]).toBe(reference.count[s]);
          expect(c.dpr![s]).toBeCloseTo(truth.dpr[s]!, 2); // absAtan2: 1e-5 rad = 6e-4°
          expect(c.ssnr![s]).toBeCloseTo(truth.ssnr[s]!, 6);
        }
        // Parseval: the whole transform's power but the zero frequency is the variance (forward scale 1/N),
        // the coefficients beyond the last shell included (without them it falls short by a third)
        expect(c.acPower![0] / variance(h1) - 1).toBeCloseTo(0, 5);
        expect(c.acPower![1] / variance(h2) - 1).toBeCloseTo(0, 5);
      }
    });
  }

  it('absAtan2 is within 1e-5 rad of |Math.atan2| in every quadrant', () => {
    let worst = 0;
    const r = mulberry32(9);
    for (let k = 0; k < 100_000; k++) {
      const y = gaussian(r) * 10 ** (4 * r() - 2), x = gaussian(r) * 10 ** (4 * r() - 2);
      worst = Math.max(worst, Math.abs(absAtan2(y, x) - Math.abs(Math.atan2(y, x))));
    }
    for (const [y, x] of [[0, 1], [1, 0], [0, -1], [-1, 0], [1, 1], [-1, -1]]) worst = Math.max(worst, Math.abs(absAtan2(y!, x!) - Math.abs(Math.atan2(y!, x!))));
    expect(worst).toBeLessThan(1e-5);
    expect(absAtan2(0, 0)).toBe(0);
  });
});

describe('randomizePhasesBeyond (per-plane streams)', () => {
  const d: Dims = { nx: 32, ny: 30, nz: 28 };
  const n = 32, index = 6;
  const spec = rfft3d(noise(d.nx * d.ny * d.nz, 4), d, { normalize: 'forward' });
  const run = (threads: number) => { const s = new Float32Array(new SharedArrayBuffer(spec.length * 4)); s.set(spec); randomizePhasesBeyond(s, d, index, 77, threads); return s; };
  const one = run(1), two = run(2);

  it('keeps every amplitude, leaves |k| < index untouched, and gives the same result on 1 and 2 threads', () => {
    expect(Array.from(two)).toEqual(Array.from(one));
    const f = (i: number, m: number) => (i <= m >> 1 ? i / m : (i - m) / m);
    let changed = 0, beyond = 0;
    for (let z = 0, i = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) for (let x = 0; x <= d.nx >> 1; x++, i++) {
      const k = Math.hypot(f(x, d.nx), f(y, d.ny), f(z, d.nz)) * n;
      expect(Math.hypot(one[2 * i]!, one[2 * i + 1]!)).toBeCloseTo(Math.hypot(spec[2 * i]!, spec[2 * i + 1]!), 5);
      if (k < index - 1e-6) { expect(one[2 * i]).toBe(spec[2 * i]); expect(one[2 * i + 1]).toBe(spec[2 * i + 1]); }
      else { beyond++; if (one[2 * i] !== spec[2 * i]) changed++; }
    }
    expect(changed / beyond).toBeGreaterThan(0.99);
  });

  it('draws phases uniform on the circle, independent of the original ones', () => {
    // the phase difference new − old over the ~12,000 coefficients beyond: mean resultant
    // length of a uniform sample is ≈ 1/√n ≈ 0.009; 0.05 is > 5σ
    let c = 0, s = 0, m = 0;
    for (let i = 0; i < one.length / 2; i++) {
      if (one[2 * i] === spec[2 * i]) continue;
      const dphi = Math.atan2(one[2 * i + 1]!, one[2 * i]!) - Math.atan2(spec[2 * i + 1]!, spec[2 * i]!);
      c += Math.cos(dphi); s += Math.sin(dphi); m++;
    }
    expect(m).toBeGreaterThan(10_000);
    expect(Math.hypot(c, s) / m).toBeLessThan(0.05);
  });

  it('fills the circle evenly: 16 equal arcs within a χ² test, and no 2nd–4th circular moment', () => {
    // χ² with 15 degrees of freedom: P(χ² > 37.7) = 0.001; the table's 4,096 phases fall 256 to an arc
    const bins = new Float64Array(16), moments = [[0, 0], [0, 0], [0, 0]];
    let m = 0;
    for (let i = 0; i < one.length / 2; i++) {
      if (one[2 * i] === spec[2 * i]) continue;
      const phi = Math.atan2(one[2 * i + 1]!, one[2 * i]!);
      bins[Math.min(15, Math.floor(((phi + Math.PI) / (2 * Math.PI)) * 16))]!++;
      for (let k = 0; k < 3; k++) { moments[k]![0]! += Math.cos((k + 2) * phi); moments[k]![1]! += Math.sin((k + 2) * phi); }
      m++;
    }
    const expected = m / 16;
    const chi2 = bins.reduce((t, b) => t + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(37.7);
    for (const [c, s] of moments) expect(Math.hypot(c!, s!) / m).toBeLessThan(0.05);
  });
});

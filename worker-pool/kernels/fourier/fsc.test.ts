import { afterAll, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../synthetic/random.js';
import { sharedFloat32, type Dims } from '../../volume.js';
import { rfft3d, shutdownFftThreads, spectrumLength } from '../fft/fft3d.js';
import { fourierShellCorrelation, fscCrossing, fscShellMap, fscThresholdCurves } from './fsc.js';

afterAll(async () => { await shutdownFftThreads(); });

function noise(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  const v = sharedFloat32(n);
  for (let i = 0; i < n; i++) v[i] = gaussian(r);
  return v;
}

describe('fourierShellCorrelation', () => {
  it('is 1 in every shell for two identical spectra, with shells of width 1/(N·Ts) up to Nyquist', () => {
    const d: Dims = { nx: 20, ny: 16, nz: 12 };
    const spec = rfft3d(noise(d.nx * d.ny * d.nz, 3), d, { normalize: 'forward' });
    const c = fourierShellCorrelation(spec, spec, d, 1.3);
    expect(c.fsc.length).toBe(11); // N = 20: shells 0 … 10
    for (const v of c.fsc) expect(v).toBeCloseTo(1, 6);
    expect(c.frequency[10]).toBeCloseTo(1 / (2 * 1.3), 12);
    expect(c.frequency[1]).toBeCloseTo(1 / (20 * 1.3), 12);
    for (let s = 0; s < 11; s++) expect(c.power1[s]).toBe(c.power2[s]);
  });

  it('counts the coefficients of the full transform: shell counts equal a count over the whole grid', () => {
    for (const d of [{ nx: 9, ny: 8, nz: 7 }, { nx: 8, ny: 10, nz: 6 }] as Dims[]) {
      const n = Math.max(d.nx, d.ny, d.nz);
      const expected = new Float64Array((n >> 1) + 1);
      const f = (i: number, m: number) => (i <= m >> 1 ? i / m : (i - m) / m);
      for (let z = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) for (let x = 0; x < d.nx; x++) {
        const s = Math.round(Math.hypot(f(x, d.nx), f(y, d.ny), f(z, d.nz)) * n);
        if (s < expected.length) expected[s]! += 1;
      }
      const one = new Float32Array(spectrumLength(d)).fill(1);
      expect(Array.from(fourierShellCorrelation(one, one, d, 1).count)).toEqual(Array.from(expected));
    }
  });

  it('is about 0 for independent noise: within 3/√(independent coefficients) in every shell', () => {
    const d: Dims = { nx: 32, ny: 32, nz: 32 };
    const a = rfft3d(noise(32 ** 3, 11), d, { normalize: 'none' });
    const b = rfft3d(noise(32 ** 3, 12), d, { normalize: 'none' });
    const c = fourierShellCorrelation(a, b, d, 1);
    let beyond2 = 0;
    for (let s = 1; s < c.fsc.length; s++) {
      const independent = c.count[s]! / 2; // each Hermitian pair is one complex value
      expect(Math.abs(c.fsc[s]!)).toBeLessThan(3 / Math.sqrt(independent));
      if (Math.abs(c.fsc[s]!) > 2 / Math.sqrt(c.count[s]!)) beyond2++; // σ of Re ΣF1F2*/… is 1/√count
    }
    expect(beyond2).toBeLessThanOrEqual(3); // 2σ: ~5 % of 16 shells
  });

  it('equals a hand computation on a 4×4×1 box', () => {
    // Stored (kx, ky): kx 0…2, ky 0…3 (fy 0, ¼, ½, −¼). N = 4, shell = round(4|f|):
    // shell 1 holds (1,0) w2, (0,1) w1, (0,3) w1, (1,1) w2, (1,3) w2; shell 2 holds
    // (2,0) w1, (0,2) w1, (1,2) w2, (2,1) w1, (2,3) w1; (2,2) is beyond Nyquist (4·0.707 → 3).
    const d: Dims = { nx: 4, ny: 4, nz: 1 };
    const s1 = new Float32Array(spectrumLength(d)), s2 = new Float32Array(spectrumLength(d));
    const set = (s: Float32Array, kx: number, ky: number, re: number, im: number) => { s[2 * (kx + 3 * ky)] = re; s[2 * (kx + 3 * ky) + 1] = im; };
    set(s1, 1, 0, 1, 2); set(s2, 1, 0, 3, -1);   // Re(F1F2*) = 3 − 2 = 1; |F1|² 5; |F2|² 10
    set(s1, 0, 1, 2, 0); set(s2, 0, 1, 1, 1);    // 2; 4; 2
    set(s1, 2, 0, 1, 0); set(s2, 2, 0, -1, 0);   // −1; 1; 1
    set(s1, 1, 2, 0, 1); set(s2, 1, 2, 0, 2);    // 2; 1; 4
    set(s1, 2, 2, 5, 5); set(s2, 2, 2, 5, 5);    // beyond Nyquist: ignored
    const c = fourierShellCorrelation(s1, s2, d, 2);
    // shell 1: cross 2·1 + 1·2 = 4; P1 2·5 + 4 = 14; P2 2·10 + 2 = 22
    expect(c.fsc[1]).toBeCloseTo(4 / Math.sqrt(14 * 22), 12);
    expect(c.count[1]).toBe(8);
    expect(c.power1[1]).toBeCloseTo(14 / 8, 12);
    // shell 2: cross −1 + 2·2 = 3; P1 1 + 2·1 = 3; P2 1 + 2·4 = 9
    expect(c.fsc[2]).toBeCloseTo(3 / Math.sqrt(3 * 9), 12);
    expect(c.count[2]).toBe(6);
    expect(Number.isNaN(c.fsc[0]!)).toBe(true); // zero there
    expect(Array.from(c.frequency)).toEqual([0, 1 / 8, 2 / 8]);
  });

  it('accepts a precomputed shell map and a shell count', () => {
    const d: Dims = { nx: 10, ny: 10, nz: 10 };
    const a = rfft3d(noise(1000, 5), d, { normalize: 'none' }), b = rfft3d(noise(1000, 6), d, { normalize: 'none' });
    const direct = fourierShellCorrelation(a, b, d, 1);
    const mapped = fourierShellCorrelation(a, b, d, 1, { shellMap: fscShellMap(d) });
    expect(Array.from(mapped.fsc)).toEqual(Array.from(direct.fsc));
    expect(fourierShellCorrelation(a, b, d, 1, { shells: 4 }).fsc.length).toBe(4);
  });
});

describe('fscThresholdCurves', () => {
  it("follows EMDB va's formulas", () => {
    const t = fscThresholdCurves(Float64Array.of(0, 100));
    const n = (100 * 0.99 ** 2) / 2;
    expect(t.nEff[1]).toBeCloseTo(n, 12);
    const r = Math.sqrt(n);
    expect(t.halfBit[1]).toBeCloseTo((0.2071 + 1.9102 / r) / (1.2071 + 0.9102 / r), 12);
    expect(t.oneBit[1]).toBeCloseTo((0.5 + 2.4142 / r) / (1.5 + 1.4142 / r), 12);
    expect(t.threeSigma[1]).toBeCloseTo(3 / (r + 2), 12);
    expect(Number.isNaN(t.halfBit[0]!)).toBe(true);
    // large shells: half-bit → 0.2071/1.2071 = 0.1716, one-bit → 1/3
    const big = fscThresholdCurves(Float64Array.of(1e12));
    expect(big.halfBit[0]).toBeCloseTo(0.1716, 3);
    expect(big.oneBit[0]).toBeCloseTo(1 / 3, 4);
  });
});

describe('fscCrossing', () => {
  const f = Float64Array.of(0, 0.1, 0.2, 0.3, 0.4, 0.5);
  it('interpolates linearly at the first crossing from shell 2', () => {
    const fsc = Float64Array.of(1, 0.9, 0.6, 0.2, 0.1, 0);
    // 0.5 between 0.2 (0.6) and 0.3 (0.2): 0.2 + 0.1·0.1/0.4 = 0.225
    expect(fscCrossing(f, fsc, 0.5)).toBeCloseTo(0.225, 12);
    expect(fscCrossing(f, fsc, 0.143)).toBeCloseTo(0.3 + (0.1 * 0.057) / 0.1, 12);
    expect(fscCrossing(f, fsc, -1)).toBeNull();
  });
  it('skips a dip in the first shells and follows a threshold curve', () => {
    const fsc = Float64Array.of(1, 0.1, 0.9, 0.8, 0.3, 0.1);
    expect(fscCrossing(f, fsc, 0.5)).toBeCloseTo(0.3 + (0.1 * 0.3) / 0.5, 12);
    expect(fscCrossing(f, fsc, 0.5, { fromShell: 1 })).toBeCloseTo(0.1 * 0.5 / 0.9, 12);
    const t = Float64Array.of(0, 0, 0.95, 0.9, 0.2, 0.2);
    expect(fscCrossing(f, fsc, t)).toBeCloseTo(0.1 + (0.1 * 0.1) / 0.15, 12); // shell 1 (above its 0) to shell 2 (below 0.95)
  });
});

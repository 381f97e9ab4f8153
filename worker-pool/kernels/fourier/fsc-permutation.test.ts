import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../synthetic/random.js';
import { normalCdf } from '../stats/distributions.js';
import { benjaminiYekutieli, fscPermutationTest, SPOC_SAMPLE_FRACTION } from './fsc-permutation.js';
import { fscShellMap } from './fsc.js';

describe('benjaminiYekutieli', () => {
  it("equals R's p.adjust(p, 'BY') on a hand example", () => {
    // m = 4, c(4) = 25/12; m·c·p/rank = 0.008333, 0.041667, 0.111111, 1.041667 → capped, running minimum from the top
    const q = benjaminiYekutieli(Float64Array.of(0.04, 0.001, 0.5, 0.01));
    const c = 25 / 12;
    expect(Array.from(q).map((v) => +v.toFixed(6))).toEqual([(4 * c * 0.04) / 3, 4 * c * 0.001, 1, (4 * c * 0.01) / 2].map((v) => +v.toFixed(6)));
  });
});

describe('fscPermutationTest', () => {
  // random half-complex spectra of a 64³ box (any values do: the test reads them shell by shell)
  const d = { nx: 64, ny: 64, nz: 64 };
  const len = 2 * 33 * 64 * 64;
  const spectra = (rho: number, seed: number) => {
    const r = mulberry32(seed);
    const a = new Float32Array(len), b = new Float32Array(len);
    for (let i = 0; i < len; i++) {
      const common = gaussian(r);
      a[i] = common;
      b[i] = rho * common + Math.sqrt(1 - rho * rho) * gaussian(r);
    }
    return [a, b] as const;
  };
  const map = fscShellMap(d);

  it("large shells: p equals the normal limit of the permutation distribution, checked against 400 real permutations", () => {
    const [a, b] = spectra(0.03, 5);
    const t = fscPermutationTest(a, b, d, mulberry32(1), map);
    const s = 30; // ~5700 stored coefficients: the normal limit
    expect(t.permuted[s]).toBe(0);
    // the shell's coefficients, permuted for real on SPOC's 0.7 subsample
    const idx: number[] = [];
    for (let i = 0; i < map.shell.length; i++) if (map.shell[i] === s) idx.push(i);
    const r = mulberry32(9);
    const k = Math.floor(SPOC_SAMPLE_FRACTION * idx.length);
    const perm = idx.slice();
    const fscs: number[] = [];
    for (let p = 0; p < 400; p++) {
      for (let i = perm.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [perm[i], perm[j]] = [perm[j]!, perm[i]!]; }
      let num = 0, pa = 0, pb = 0;
      for (let j = 0; j < k; j++) {
        const x = idx[j]!, y = perm[j]!;
        num += a[2 * x]! * b[2 * y]! + a[2 * x + 1]! * b[2 * y + 1]!;
        pa += a[2 * x]! ** 2 + a[2 * x + 1]! ** 2;
        pb += b[2 * y]! ** 2 + b[2 * y + 1]! ** 2;
      }
      fscs.push(num / Math.sqrt(pa * pb));
    }
    const mean = fscs.reduce((x, y) => x + y, 0) / fscs.length;
    const sd = Math.sqrt(fscs.reduce((x, y) => x + (y - mean) ** 2, 0) / (fscs.length - 1));
    const pFromPermutations = 1 - normalCdf((t.fsc[s]! - mean) / sd);
    expect(Math.abs(t.pValue[s]! - pFromPermutations)).toBeLessThan(0.05);
    expect(sd).toBeCloseTo(1 / Math.sqrt(2 * k), 2); // σ of a correlation over k complex samples
  });

  it('small shells are permuted for real; correlated spectra are significant everywhere, independent ones nowhere', () => {
    const [a, b] = spectra(0.8, 6);
    const t = fscPermutationTest(a, b, d, mulberry32(2), map);
    expect(t.permuted[2]).toBe(1);
    expect(t.pValue[1]).toBe(1); // SPOC: 0.7·n < 10 coefficients and FSC < 0.9
    for (let s = 2; s <= 32; s++) expect(t.pValue[s]).toBeLessThan(0.001);
    const [c, e] = spectra(0, 7);
    const q = benjaminiYekutieli(fscPermutationTest(c, e, d, mulberry32(3), map).pValue);
    expect(Array.from(q).slice(1).filter((v) => v <= 0.01)).toEqual([]);
  });
});

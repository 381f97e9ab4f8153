import { describe, expect, it } from 'vitest';
import {
  centreOfMass,
  histogram,
  linearFit,
  normalCdf,
  percentiles,
  studentTCdf,
  studentTTwoSidedP,
  summaryStats,
  tTestOneSample,
} from './index.js';
import { loadReference, readRealMap, relErr, type Json } from '../fixtures/reference.js';

const ref = loadReference();
const TOL = 1e-9;

function expectRel(got: number, want: number, tol = TOL): void {
  if (relErr(got, want) > tol) expect(got).toBe(want); // prints both values
}

describe('summary statistics, percentiles, t test and histogram equal numpy/scipy', () => {
  (ref.statistics as Json[]).forEach((c, i) => {
    it(`case ${i}: n = ${c.values.length}`, () => {
      const x = Float64Array.from(c.values as number[]);
      const s = summaryStats(x);
      expectRel(s.mean, c.mean, 1e-12);
      expect(s.min).toBe(c.min);
      expect(s.max).toBe(c.max);
      expectRel(s.stdPopulation, c.stdPopulation, 1e-12);
      expectRel(s.stdSample, c.stdSample, 1e-12);
      const p = percentiles(x, c.q);
      p.forEach((v, k) => expectRel(v, c.percentiles[k]));
      const t = tTestOneSample(x, 0);
      expectRel(t.statistic, c.tStatistic);
      expectRel(t.pValue, c.pValue);
      const h = histogram(x, 17);
      expect([...h.counts]).toEqual(c.histogram17.counts);
      [...h.edges].forEach((e, k) => expectRel(e, c.histogram17.edges[k], 1e-15));
      const h2 = histogram(x, 10, { range: c.histogramRange.range });
      expect([...h2.counts]).toEqual(c.histogramRange.counts);
      expect([...h2.edges]).toEqual(c.histogramRange.edges);
    });
  });

  it('percentiles of a Float32Array and with a mask', () => {
    const x = Float32Array.from([5, 1, 4, 2, 3]);
    expect(percentiles(x, [0, 50, 100, 10])).toEqual([1, 3, 5, 1.4]);
    expect(percentiles(x, [50], { mask: Uint8Array.from([1, 1, 0, 1, 0]) })).toEqual([2]);
  });

  it('histogram of a constant array uses (v − 0.5, v + 0.5) and closes the last bin', () => {
    expect([...histogram(Float64Array.from([2, 2, 2]), 2).counts]).toEqual([0, 3]);
    expect([...histogram(Float64Array.from([0, 1, 2, 3]), 3).counts]).toEqual([1, 1, 2]);
  });
});

describe('summaryStats over a mask: inside (mask ≠ 0) and outside (mask = 0) split the values exactly', () => {
  it('equals the statistics of the two halves taken apart (exact small example)', () => {
    const x = Float64Array.from([1, -2, 3.5, 4, -7, 0.25, 9, 2]);
    const mask = Uint8Array.from([1, 0, 0, 1, 1, 0, 2, 0]);
    const inside = summaryStats(Float64Array.from([1, 4, -7, 9]));
    const outside = summaryStats(Float64Array.from([-2, 3.5, 0.25, 2]));
    expect(summaryStats(x, mask)).toEqual(inside);
    expect(summaryStats(x, mask, true)).toEqual(outside);
    expect(outside).toMatchObject({ count: 4, min: -2, max: 3.5, mean: 0.9375 });
  });
});

describe('distributions', () => {
  it('2Φ(−5) = 5.733031e-7 and Φ equals scipy deep in the tails', () => {
    expect(2 * normalCdf(-5)).toBeCloseTo(5.733031e-7, 12);
    for (const c of ref.normalCdf as Json[]) expectRel(normalCdf(c.x), c.cdf, 1e-12);
  });

  it('Student t CDF equals scipy.stats.t for 1 … 1e8 degrees of freedom', () => {
    for (const c of ref.tCdf as Json[]) {
      expectRel(studentTCdf(c.t, c.dof), c.cdf);
      // the upper tail, computed directly: 1 − cdf would lose all digits of a small sf
      expectRel(studentTCdf(-c.t, c.dof), c.sf);
    }
  });

  it('with 1e8 dof the t distribution is not yet the normal one to 1e-9, and the code knows it', () => {
    const t = studentTCdf(-6, 1e8);
    expect(relErr(t, normalCdf(-6))).toBeGreaterThan(1e-7);
    expectRel(studentTTwoSidedP(-6, 1e8), 2 * t, 1e-15);
  });

  it('exact small cases: t with 1 dof is Cauchy, with 2 dof has a closed form', () => {
    for (const t of [-3, -0.5, 0.7, 10]) {
      expectRel(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14);
      expectRel(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14);
    }
  });
});

describe('a real map (emd_5168) against numpy/scipy in float64', () => {
  const { data, dims } = readRealMap('emd_5168.map');
  const r = ref.realMap;
  it('statistics, percentiles, t test, centre of mass, masked subsets', () => {
    const s = summaryStats(data);
    expectRel(s.mean, r.mean, 1e-12);
    expect(s.min).toBe(r.min);
    expect(s.max).toBe(r.max);
    expectRel(s.stdPopulation, r.stdPopulation, 1e-12);
    expectRel(s.stdSample, r.stdSample, 1e-12);
    percentiles(data, r.q).forEach((v, k) => expectRel(v, r.percentiles[k]));
    const t = tTestOneSample(data);
    expectRel(t.statistic, r.tStatistic);
    expect(t.pValue).toBe(r.pValue);
    const com = centreOfMass(data, dims);
    expectRel(com.z, r.centerOfMassZYX[0], 1e-12);
    expectRel(com.y, r.centerOfMassZYX[1], 1e-12);
    expectRel(com.x, r.centerOfMassZYX[2], 1e-12);
    const mask = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) mask[i] = data[i]! >= r.mean ? 1 : 0;
    const m = tTestOneSample(data, 0, mask);
    expectRel(m.mean, r.maskedAboveMean.mean, 1e-12);
    expectRel(m.stdSample, r.maskedAboveMean.stdSample, 1e-12);
    percentiles(data, [2.5, 50, 97.5], { mask }).forEach((v, k) => expectRel(v, r.maskedAboveMean.percentiles[k]));
  });
});

describe('centre of mass: exact small example', () => {
  it('two point masses, signed values', () => {
    const d = { nx: 4, ny: 3, nz: 2 };
    const v = new Float64Array(24);
    v[1 + 4 * (2 + 3 * 1)] = 3; // (x 1, y 2, z 1)
    v[3] = 1; // (3, 0, 0)
    v[0] = -1; // (0, 0, 0): pulls nothing but the total
    expect(centreOfMass(v, d)).toEqual({ x: (3 + 3) / 3, y: 6 / 3, z: 3 / 3 });
  });
});

describe('linearFit: exact small examples', () => {
  it('a perfect line', () => {
    const f = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(f.slope).toBe(2);
    expect(f.intercept).toBe(1);
    expect(f.r2).toBe(1);
    expect(f.residualStd).toBe(0);
    expect(f.slopeStdErr).toBe(0);
  });
  it('x = 0..4, y = (0, 2, 1, 4, 3): Sxx = 10, Sxy = 8, Syy = 10', () => {
    const f = linearFit([0, 1, 2, 3, 4], [0, 2, 1, 4, 3]);
    // slope = Sxy/Sxx = 0.8, intercept = 2 − 0.8·2 = 0.4, r = 8/10, SSres = 10 − 0.8·8 = 3.6,
    // s² = 3.6/3 = 1.2, se(slope) = √(1.2/10), se(intercept) = √(1.2·(1/5 + 2²/10))
    expectRel(f.slope, 0.8, 1e-14);
    expectRel(f.intercept, 0.4, 1e-14);
    expectRel(f.r2, 0.64, 1e-14);
    expectRel(f.r, 0.8, 1e-14);
    expectRel(f.residualStd, Math.sqrt(1.2), 1e-14);
    expectRel(f.slopeStdErr, Math.sqrt(0.12), 1e-14);
    expectRel(f.interceptStdErr, Math.sqrt(0.72), 1e-14);
  });
});

describe('percentiles against a full sort (independent truth)', () => {
  const rand = (() => {
    let a = 12345;
    return () => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return a / 4294967296;
    };
  })();
  function bySort(x: Float64Array, q: number): number {
    const s = Float64Array.from(x).sort();
    const h = (s.length - 1) * (q / 100);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    const t = h - lo;
    return t >= 0.5 ? s[hi]! - (s[hi]! - s[lo]!) * (1 - t) : s[lo]! + (s[hi]! - s[lo]!) * t;
  }
  const cases: [string, () => Float64Array][] = [
    ['a spike of zeros with a long tail', () => Float64Array.from({ length: 50001 }, () => (rand() < 0.9 ? 0 : Math.exp(20 * rand())))],
    ['one huge outlier (all else in one bucket)', () => Float64Array.from({ length: 20000 }, (_, i) => (i === 7 ? 1e300 : rand()))],
    ['negative and positive, few distinct values', () => Float64Array.from({ length: 9999 }, () => Math.round(10 * rand()) - 5)],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const x = make();
      const qs = [0, 0.1, 2.5, 25, 50, 75, 97.5, 99.99, 100];
      const got = percentiles(x, qs);
      qs.forEach((q, k) => expect(got[k]).toBe(bySort(x, q)));
    });
  }
});

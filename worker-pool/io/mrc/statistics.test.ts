import { describe, expect, it } from 'vitest';
import { computeStatistics } from './statistics.js';

describe('computeStatistics (exact small cases)', () => {
  it('1, 2, 3, 4', () => {
    const s = computeStatistics(Float32Array.of(1, 2, 3, 4));
    expect(s).toEqual({ min: 1, max: 4, mean: 2.5, std: Math.sqrt(1.25), rms: Math.sqrt(7.5), nanCount: 0, count: 4 });
  });
  it('skips NaN and infinities', () => {
    const s = computeStatistics(Float32Array.of(NaN, 1, Infinity, 3, -Infinity));
    expect(s).toEqual({ min: 1, max: 3, mean: 2, std: 1, rms: Math.sqrt(5), nanCount: 3, count: 2 });
  });
  it('keeps precision with a large mean (1e6 ± 0.5)', () => {
    const data = new Float32Array(100_000);
    for (let i = 0; i < data.length; i++) data[i] = 1e6 + (i % 2 ? 0.5 : -0.5);
    const s = computeStatistics(data);
    expect(s.mean).toBe(1e6);
    expect(s.std).toBe(0.5);
  });
  it('all NaN', () => {
    const s = computeStatistics(Float32Array.of(NaN, NaN));
    expect(s.count).toBe(0);
    expect(s.nanCount).toBe(2);
    expect(s.mean).toBeNaN();
  });
});

describe('StatisticsAccumulator', () => {
  it('in pieces gives the one-pass result (pieces with and without NaN)', async () => {
    const { StatisticsAccumulator } = await import('./statistics.js');
    const data = new Float32Array(1000);
    for (let i = 0; i < data.length; i++) data[i] = Math.cos(i) * 7 + 3;
    data[0] = NaN;
    data[555] = -Infinity;
    const acc = new StatisticsAccumulator();
    for (let from = 0; from < data.length; from += 97) acc.add(data, from, Math.min(data.length, from + 97));
    const whole = computeStatistics(data);
    const parts = acc.result();
    expect(parts.nanCount).toBe(2);
    expect(parts.min).toBe(whole.min);
    expect(parts.max).toBe(whole.max);
    for (const k of ['mean', 'std', 'rms'] as const) expect(parts[k]).toBeCloseTo(whole[k], 12);
  });
});

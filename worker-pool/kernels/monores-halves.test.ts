import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftThreads } from './fft/fft3d.js';
import { averageAndNoise, monoResFromHalves } from './monores-halves.js';
import { percentiles } from './stats/index.js';
import { twoResolutionHalves } from '../testing/local-resolution-halves.js';

afterAll(() => shutdownFftThreads());

describe('MonoRes from half maps', () => {
  it('average and half-difference', () => {
    const { average, noise } = averageAndNoise(Float32Array.of(1, 4), Float32Array.of(3, 2));
    expect([...average]).toEqual([2, 3]);
    expect([...noise]).toEqual([-1, 1]);
  });

  it('finds 4 Å and 8 Å in the two halves of a box low-passed at 4 and 8 Å (medians within 15 %)', () => {
    // B = 100 Å² on both halves (signal and noise, as a reconstruction's): MonoRes high-passes, so
    // white noise up to Nyquist would drown the amplitude above w (measured without it: medians 6.0 and 17.5 Å)
    const h = twoResolutionHalves([4, 8], { n: 96, bFactor: 100 });
    const mask = new Uint8Array(h.region.length).fill(1);
    const r = monoResFromHalves(h.half1, h.half2, h.d, mask, { voxelSize: h.voxelSize, maxRes: 20, minRes: 2, step: 0.25 });
    const median = (region: number) => percentiles(r.resolution, [50], { mask: Uint8Array.from(h.region, (v) => (v === region ? 1 : 0)) })[0]!;
    const m4 = median(0), m8 = median(1);
    expect(Math.abs(m4 - 4) / 4).toBeLessThan(0.15);
    expect(Math.abs(m8 - 8) / 8).toBeLessThan(0.15);
    expect(m8 / m4).toBeGreaterThan(1.5);
  });

  it('gives the same map bit for bit on 1 and 2 threads (its per-step passes run per plane on the FFT team)', () => {
    const h = twoResolutionHalves([4, 8], { n: 40, bFactor: 100 });
    const mask = new Uint8Array(h.region.length).fill(1);
    const run = (threads: number) => monoResFromHalves(h.half1, h.half2, h.d, mask, { voxelSize: h.voxelSize, maxRes: 16, minRes: 2, step: 0.5, threads }).resolution;
    const one = run(1), two = run(2);
    expect(one.some((v) => v > 0)).toBe(true);
    expect(Buffer.from(two.buffer, two.byteOffset, two.byteLength).equals(Buffer.from(one.buffer, one.byteOffset, one.byteLength))).toBe(true);
  });
});

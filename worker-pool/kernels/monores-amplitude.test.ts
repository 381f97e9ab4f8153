/**
 * MonoRes's sweep computes the monogenic amplitude in one workspace (one scratch spectrum and
 * one component buffer reused for the four components): it must equal the textbook path, the
 * spectrum high-passed by filters.ts and riesz.ts's monogenicAmplitude (one buffer per call).
 */
import { describe, expect, it } from 'vitest';
import { rfft3d } from './fft/fft3d.js';
import { highPass } from './fourier/filters.js';
import { monogenicAmplitude } from './fourier/riesz.js';
import { sweepAmplitude } from './monores.js';
import { renderPhantom } from '../synthetic/phantom.js';

describe('MonoRes sweep amplitude', () => {
  const v = renderPhantom({ size: 40, voxelSize: 1, resolution: 3, seed: 11 });
  const d = { nx: 40, ny: 40, nz: 40 };
  const spectrum = rfft3d(v.data, d, { normalize: 'forward' });

  it('equals high-pass + monogenicAmplitude bit for bit without a filter (w = 0)', () => {
    const ours = sweepAmplitude(spectrum, d, 0).slice();
    const ref = monogenicAmplitude(spectrum, d, { normalize: 'forward' });
    expect(ours).toEqual(ref);
  });

  it.each([0.05, 0.12, 0.25, 0.4])('equals it within float32 rounding when high-passed at w = %s cycles/voxel', (w) => {
    const ours = sweepAmplitude(spectrum, d, w).slice();
    const filtered = spectrum.slice();
    highPass(filtered, d, w);
    const ref = monogenicAmplitude(filtered, d, { normalize: 'forward' });
    let max = 0, worst = 0;
    for (let i = 0; i < ref.length; i++) {
      max = Math.max(max, ref[i]!);
      worst = Math.max(worst, Math.abs(ours[i]! - ref[i]!));
    }
    // the sweep reads |f| in float32, the filter in float64: gains in the cosine band differ by ≤ 1 ulp-ish
    expect(max).toBeGreaterThan(0);
    expect(worst / max).toBeLessThan(1e-5);
  });
});

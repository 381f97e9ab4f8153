import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../paths.js';
import type { Dims } from '../../volume.js';
import { sharedFloat32 } from '../../volume.js';
import { irfft3d, rfft3d, rfft3dRows, shutdownFftThreads } from '../fft/fft3d.js';
import { digitalFrequency, frequencyAxes, frequencyMagnitudes, xmippRound } from './frequency.js';
import { applyRadialFilter, gaussianFilter, gaussianGain, highPassGain, lowPass, lowPassGain } from './filters.js';
import { shellStatistics } from './shells.js';
import { monogenicAmplitude } from './riesz.js';
import { cropRows, fourierResample, resizedBox, resizeMap, resizeSpectrum } from './resample.js';

afterAll(async () => { await shutdownFftThreads(); });

/** Periodic Gaussian blob exp(−r²/2s²) centred on voxel (0,0,0) (wrapped distances). */
function blob(d: Dims, s: number): Float32Array {
  const v = sharedFloat32(d.nx * d.ny * d.nz);
  const w = (i: number, n: number) => Math.min(i, n - i);
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < d.nx; x++) {
        const r2 = w(x, d.nx) ** 2 + w(y, d.ny) ** 2 + w(z, d.nz) ** 2;
        v[x + d.nx * (y + d.ny * z)] = Math.exp(-r2 / (2 * s * s));
      }
  return v;
}

/** Continuous transform of the blob: (2π)^{3/2} s³ exp(−2π² s² f²) (aliasing negligible for s ≥ 2). */
const blobSpectrum = (s: number, f: number) => (2 * Math.PI) ** 1.5 * s ** 3 * Math.exp(-2 * Math.PI ** 2 * s * s * f * f);

describe('digital frequencies', () => {
  it("follow Xmipp's FFT_IDX2DIGFREQ and ROUND", () => {
    expect([0, 1, 2, 3].map((i) => digitalFrequency(i, 4))).toEqual([0, 0.25, 0.5, -0.25]);
    expect([0, 1, 2, 3, 4].map((i) => digitalFrequency(i, 5))).toEqual([0, 0.2, 0.4, -0.4, -0.2]);
    expect([2.5, 2.49, -2.5, -2.49, 0, 0.5].map(xmippRound)).toEqual([3, 2, -3, -2, 0, 1]);
    const { fx, fy, fz } = frequencyAxes({ nx: 5, ny: 4, nz: 3 });
    expect(Array.from(fx)).toEqual([0, 0.2, 0.4]);
    expect(Array.from(fy)).toEqual([0, 0.25, 0.5, -0.25]);
    expect(Array.from(fz)).toEqual([0, 1 / 3, -1 / 3]);
    const mags = frequencyMagnitudes({ nx: 5, ny: 4, nz: 3 });
    expect(mags[1 + 3 * (2 + 4 * 1)]).toBeCloseTo(Math.hypot(0.2, 0.5, 1 / 3), 6);
  });
});

describe('shell statistics', () => {
  it('equal numpy.fft.rfftn shell sums of the real map EMD-1997 (fixture)', () => {
    const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'worker-pool/kernels/fourier/fixtures/emd1997-shells.json'), 'utf8'));
    const buf = readFileSync(join(REAL_MAPS_DIR, 'emd_1997.map'));
    const [nx, ny, nz] = [buf.readInt32LE(0), buf.readInt32LE(4), buf.readInt32LE(8)];
    const d = { nx, ny, nz };
    const v = sharedFloat32(nx * ny * nz);
    for (let i = 0; i < v.length; i++) v[i] = buf.readFloatLE(1024 + 4 * i);
    const spec = rfft3d(v, d, { normalize: 'forward' });
    for (const [key, [re, im]] of Object.entries(fx.coefficients as Record<string, [number, number]>)) {
      const [kz, ky, kx] = key.split(',').map(Number);
      const i = 2 * (kx! + 51 * (ky! + ny * kz!));
      const scale = Math.abs(fx.coefficients['0,0,0'][0]);
      expect(Math.abs(spec[i]! - re) / scale).toBeLessThan(1e-5);
      expect(Math.abs(spec[i + 1]! - im) / scale).toBeLessThan(1e-5);
    }
    const st = shellStatistics(spec, d);
    expect(Array.from(st.count)).toEqual(fx.count);
    for (let k = 0; k < fx.sumAmplitude.length; k++) {
      expect(Math.abs(st.sumAmplitude[k]! - fx.sumAmplitude[k]) / fx.sumAmplitude[k]).toBeLessThan(1e-5);
      expect(Math.abs(st.sumPower[k]! - fx.sumPower[k]) / fx.sumPower[k]).toBeLessThan(2e-5);
    }
  });

  it('give the analytic spectrum of a Gaussian blob, shell by shell', () => {
    const d = { nx: 48, ny: 40, nz: 36 }, s = 2.5;
    const spec = rfft3d(blob(d, s), d, { normalize: 'none' });
    const st = shellStatistics(spec, d);
    // truth: mean of the analytic amplitude over the same coefficients (binned independently here)
    const sum = new Float64Array(st.count.length), cnt = new Float64Array(st.count.length), pow = new Float64Array(st.count.length);
    const { fx, fy, fz } = frequencyAxes(d);
    for (const vz of fz) for (const vy of fy) for (const vx of fx) {
      const f = Math.hypot(vx, vy, vz);
      if (f > 0.5) continue;
      const k = Math.round(f * d.nx);
      sum[k]! += blobSpectrum(s, f); pow[k]! += blobSpectrum(s, f) ** 2; cnt[k]! += 1;
    }
    for (let k = 0; k < 15; k++) {
      expect(st.count[k]).toBe(cnt[k]);
      const truth = sum[k]! / cnt[k]!;
      expect(Math.abs(st.meanAmplitude[k]! - truth) / blobSpectrum(s, 0)).toBeLessThan(1e-5);
      expect(Math.abs(st.meanPower[k]! - pow[k]! / cnt[k]!) / blobSpectrum(s, 0) ** 2).toBeLessThan(1e-5);
    }
  });
});

describe('filters', () => {
  it('have the spec shapes', () => {
    expect(lowPassGain(0.1, 0.2)).toBe(1);
    expect(lowPassGain(0.21, 0.2)).toBeCloseTo(0.5, 12);
    expect(lowPassGain(0.23, 0.2)).toBe(0);
    expect(highPassGain(0.2, 0.2)).toBe(1);
    expect(highPassGain(0.19, 0.2)).toBeCloseTo(0.5, 12);
    expect(highPassGain(0.17, 0.2)).toBe(0);
    expect(gaussianGain(0.1, 2)).toBeCloseTo(Math.exp(-(Math.PI ** 2) * 0.04), 12);
  });

  it('Gaussian filter turns a blob of std s into one of variance s² + σ²/2 (analytic)', () => {
    const d = { nx: 40, ny: 40, nz: 32 }, s = 2, sigma = 3;
    const spec = rfft3d(blob(d, s), d, { normalize: 'backward' });
    gaussianFilter(spec, d, sigma);
    const out = irfft3d(spec, d, { normalize: 'backward' });
    const s2 = s * s + (sigma * sigma) / 2;
    for (const [x, y, z] of [[0, 0, 0], [2, 0, 0], [3, 4, 1], [0, 5, 5], [37, 1, 30]] as const) {
      const r2 = Math.min(x, 40 - x) ** 2 + Math.min(y, 40 - y) ** 2 + Math.min(z, 32 - z) ** 2;
      const truth = (s * s / s2) ** 1.5 * Math.exp(-r2 / (2 * s2));
      expect(out[x + 40 * (y + 40 * z)]).toBeCloseTo(truth, 5);
    }
  });

  it('gives every coefficient h(|f|) of its own |f| to the bit, rows grouped by fz² + fy² or not', () => {
    // the plain loop the grouped one replaced: h of each coefficient's own |f|, in storage order
    const plain = (spec: Float32Array, d: Dims, h: (f: number) => number) => {
      const { fx, fy, fz } = frequencyAxes(d);
      let i = 0;
      for (let z = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) {
        const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
        for (let x = 0; x < fx.length; x++, i++) {
          const g = h(Math.sqrt(yz2 + fx[x]! * fx[x]!));
          spec[2 * i]! *= g;
          spec[2 * i + 1]! *= g;
        }
      }
    };
    const filters: [string, (f: number) => number][] = [
      ['low-pass', (f) => lowPassGain(f, 0.17)], ['high-pass', (f) => highPassGain(f, 0.21)], ['Gaussian', (f) => gaussianGain(f, 2.7)],
    ];
    for (const d of [{ nx: 24, ny: 24, nz: 24 }, { nx: 17, ny: 22, nz: 9 }]) {
      const n = 2 * ((d.nx >> 1) + 1) * d.ny * d.nz;
      const original = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.731) * 3);
      for (const [, h] of filters) {
        const grouped = original.slice(), reference = original.slice();
        applyRadialFilter(grouped, d, h);
        plain(reference, d, h);
        expect(Buffer.from(grouped.buffer).equals(Buffer.from(reference.buffer))).toBe(true);
        expect(grouped).not.toEqual(original);
      }
    }
  });

  it('low-pass leaves a low-frequency wave and removes a high one', () => {
    const d = { nx: 32, ny: 16, nz: 8 };
    const v = sharedFloat32(32 * 16 * 8);
    for (let z = 0; z < 8; z++) for (let y = 0; y < 16; y++) for (let x = 0; x < 32; x++)
      v[x + 32 * (y + 16 * z)] = Math.cos((2 * Math.PI * 2 * x) / 32) + Math.cos((2 * Math.PI * 6 * y) / 16);
    const spec = rfft3d(v, d, { normalize: 'forward' });
    lowPass(spec, d, 0.1);
    const out = irfft3d(spec, d, { normalize: 'forward' });
    for (const i of [0, 5, 100, 3000]) {
      const x = i % 32;
      expect(out[i]).toBeCloseTo(Math.cos((2 * Math.PI * 2 * x) / 32), 5);
    }
  });
});

describe('Riesz transform', () => {
  it.each([
    [{ nx: 32, ny: 32, nz: 32 }, [3, 2, 1]],
    [{ nx: 30, ny: 24, nz: 20 }, [4, 0, 3]],
    [{ nx: 27, ny: 16, nz: 10 }, [0, 5, 2]],
  ] as const)('gives monogenic amplitude 1 for a plane wave cos(2π f·x) (%o, k = %o)', (d, k) => {
    const v = sharedFloat32(d.nx * d.ny * d.nz);
    for (let z = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) for (let x = 0; x < d.nx; x++)
      v[x + d.nx * (y + d.ny * z)] = Math.cos(2 * Math.PI * ((k[0] * x) / d.nx + (k[1] * y) / d.ny + (k[2] * z) / d.nz));
    const spec = rfft3d(v, d, { normalize: 'forward' });
    const a = monogenicAmplitude(spec, d, { normalize: 'forward' });
    let worst = 0;
    for (const x of a) worst = Math.max(worst, Math.abs(x - 1));
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('resampling', () => {
  const wave = (d: Dims, i: number) => {
    const x = i % d.nx, y = Math.floor(i / d.nx) % d.ny, z = Math.floor(i / (d.nx * d.ny));
    // band-limited: frequencies ≤ 3 cycles per box on each axis
    return 1 + Math.cos((2 * Math.PI * 3 * x) / d.nx + 0.3) + 0.5 * Math.sin((2 * Math.PI * 2 * y) / d.ny) * Math.cos((2 * Math.PI * z) / d.nz);
  };
  it.each([
    [{ nx: 24, ny: 20, nz: 16 }, { nx: 36, ny: 30, nz: 21 }],
    [{ nx: 36, ny: 30, nz: 21 }, { nx: 16, ny: 12, nz: 9 }],
    [{ nx: 17, ny: 16, nz: 15 }, { nx: 16, ny: 17, nz: 32 }],
  ] as const)('Fourier resampling of a band-limited map is exact (%o → %o)', (d, e) => {
    const v = sharedFloat32(d.nx * d.ny * d.nz);
    for (let i = 0; i < v.length; i++) v[i] = wave(d, i);
    const out = fourierResample(v, d, e);
    let worst = 0;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - wave(e, i)));
    expect(worst).toBeLessThan(1e-5);
  });

  it.each([
    [{ nx: 40, ny: 40, nz: 40 }, { nx: 16, ny: 16, nz: 16 }],
    [{ nx: 37, ny: 30, nz: 23 }, { nx: 15, ny: 13, nz: 10 }],
  ] as const)('a crop from the rows and columns it reads (rfft3dRows, cropRows) is the crop of the whole spectrum, bit for bit (%o → %o)', (d, e) => {
    const v = sharedFloat32(d.nx * d.ny * d.nz);
    for (let i = 0; i < v.length; i++) v[i] = Math.sin(i * 0.61) + wave(d, i);
    const full = rfft3d(v, d, { normalize: 'forward' });
    lowPass(full, d, 0.2);
    const part = cropRows(d, e);
    expect(part.rows.length).toBeLessThan(d.ny);
    const rows = rfft3dRows(v, d, part, { normalize: 'forward' });
    lowPass(rows, d, 0.2, undefined, part);
    const a = resizeSpectrum(full, d, e), b = resizeSpectrum(rows, d, e, undefined, part);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    // a part that lacks a row the crop needs is refused, not read past
    expect(() => resizeSpectrum(rows, d, e, undefined, { rows: part.rows.subarray(1), columns: part.columns })).toThrow(RangeError);
  });

  it("resizeMap follows VRS's box rule and low-passes before downsampling", () => {
    expect(resizedBox(100, 2.02, 3.5)).toBe(56);
    expect(resizedBox(101, 1, 2)).toBe(50);
    const d = { nx: 40, ny: 40, nz: 40 };
    const v = sharedFloat32(40 ** 3);
    for (let i = 0; i < v.length; i++) v[i] = wave(d, i);
    const r = resizeMap({ ...d, data: v, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } }, 2);
    expect([r.volume.nx, r.volume.ny, r.volume.nz]).toEqual([20, 20, 20]);
    expect(r.volume.voxelSize.x).toBeCloseTo(2, 12);
    // the wave's frequencies (≤ 3/40 cycles/Å·… = 0.075 digital) are below the cutoff 0.25: unchanged
    let worst = 0;
    for (let i = 0; i < r.volume.data.length; i++) worst = Math.max(worst, Math.abs(r.volume.data[i]! - wave(r.volume, i)));
    expect(worst).toBeLessThan(1e-5);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { irfft3d, rfft3d, shutdownFftThreads } from './fft/fft3d.js';
import { cropSpectrum } from './fourier/crop.js';
import { interpolateGrid, localFsc, localFscBands } from './local-fsc.js';
import { percentiles } from './stats/index.js';
import { twoResolutionHalves } from '../testing/local-resolution-halves.js';
import { mulberry32, gaussian } from '../synthetic/random.js';

const randomMap = (n: number, seed: number) => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => gaussian(r));
};

afterAll(() => shutdownFftThreads());

describe('local FSC kernel', () => {
  it('equals the windowed FSC of the band-passed halves summed directly on the full grid', () => {
    const n = 32, d = { nx: n, ny: n, nz: n }, box = 12;
    const a = randomMap(n ** 3, 1), noise = randomMap(n ** 3, 2);
    const b = Float32Array.from(a, (v, i) => v + 0.8 * noise[i]!);
    const bands = localFscBands(a, b, d, { box });
    const delta = 1 / box, sigma = box / (2 * Math.sqrt(Math.PI));
    const k = 2, fk = (k + 1) * delta;
    const shell = (f2: number) => {
      const f = Math.sqrt(f2);
      return Math.abs(f - fk) < delta ? Math.cos((Math.PI / 2) * ((f - fk) / delta)) ** 2 : 0;
    };
    // the band-passed halves on the full grid, no cropping
    const band = (v: Float32Array) => irfft3d(cropSpectrum(rfft3d(v, d, { normalize: 'forward' }), d, d, d, shell), d, { normalize: 'forward' });
    const b1 = band(a), b2 = band(b);
    const g = bands.grid;
    for (const [q, j, l] of [[0, 0, 0], [3, 5, 7], [g.nx - 1, 2, g.nz - 2]] as const) {
      const px = (q * n) / g.nx, py = (j * n) / g.ny, pz = (l * n) / g.nz;
      let s12 = 0, s11 = 0, s22 = 0;
      for (let z = 0, i = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, i++) {
        // periodic distance to the position; the Gaussian window
        const dx = ((x - px + 1.5 * n) % n) - n / 2, dy = ((y - py + 1.5 * n) % n) - n / 2, dz = ((z - pz + 1.5 * n) % n) - n / 2;
        const w = Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * sigma * sigma));
        s12 += w * b1[i]! * b2[i]!;
        s11 += w * b1[i]! * b1[i]!;
        s22 += w * b2[i]! * b2[i]!;
      }
      const direct = s12 / Math.sqrt(s11 * s22);
      expect(bands.fsc[k]![q + g.nx * (j + g.ny * l)]!).toBeCloseTo(direct, 2);
    }
  });

  it('gives FSC 1 in every band for identical halves, and never crosses', () => {
    const n = 24, d = { nx: n, ny: n, nz: n };
    const a = randomMap(n ** 3, 3);
    const r = localFsc(a, a, d, { box: 8 });
    expect(r.fsc).toHaveLength(4);
    for (const f of r.fsc) for (const v of f) expect(v).toBeCloseTo(1, 4);
    expect(r.neverCrossed.every((v) => v === 1)).toBe(true);
  });

  it('interpolates the grid: exact at grid positions, linear between them', () => {
    const g = { nx: 4, ny: 4, nz: 4 }, d = { nx: 8, ny: 8, nz: 8 };
    const values = Float32Array.from({ length: 64 }, (_, i) => i % 4); // x index on the grid
    const out = interpolateGrid(values, g, d);
    for (let x = 0; x < 6; x++) expect(out[x]).toBeCloseTo(x / 2, 6);
    expect(out[7]).toBeCloseTo((3 + 0) / 2, 6); // wraps to grid x = 0
  });

  it('finds 4 Å and 8 Å in the two halves of a box low-passed at 4 and 8 Å (medians within 15 %)', () => {
    const h = twoResolutionHalves([4, 8], { n: 96, bFactor: 100 });
    const r = localFsc(h.half1, h.half2, h.d, { box: 24 });
    const res = Float32Array.from(r.crossing, (f) => h.voxelSize / f);
    const map = interpolateGrid(res, r.grid, h.d);
    const median = (region: number) => percentiles(map, [50], { mask: Uint8Array.from(h.region, (v) => (v === region ? 1 : 0)) })[0]!;
    const m4 = median(0), m8 = median(1);
    expect(Math.abs(m4 - 4) / 4).toBeLessThan(0.15);
    expect(Math.abs(m8 - 8) / 8).toBeLessThan(0.15);
    expect(m8 / m4).toBeGreaterThan(1.5);
  });
});

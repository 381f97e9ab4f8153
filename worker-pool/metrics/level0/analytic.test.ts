/** Sections on synthetic maps whose answers are known in closed form. */
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFloat32 } from '../../volume.js';
import type { Dims } from '../../volume.js';
import { irfft3d, shutdownFftThreads, allocateSpectrum } from '../../kernels/fft/fft3d.js';
import { isVrsError } from '../../errors.js';
import { buildMasks } from './masks.js';
import { computeMass } from './mass/compute.js';
import { computeMask } from './mask/compute.js';
import { computeBackground } from './background/compute.js';
import { computeBFactor } from './bfactor/compute.js';
import { resolveThreshold } from './inputs.js';
import type { ArtifactRef } from '../types.js';

const put = (bytes: Uint8Array, mediaType: string, role: string): ArtifactRef => ({ sha256: 'x', mediaType, role, sizeBytes: bytes.byteLength });

function blobs(d: Dims, list: { x: number; y: number; z: number; s: number; a: number }[], noise?: (i: number) => number): Float32Array {
  const data = sharedFloat32(d.nx * d.ny * d.nz);
  for (let z = 0, i = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < d.nx; x++, i++) {
        let v = noise ? noise(i) : 0;
        for (const b of list) v += b.a * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2 + (z - b.z) ** 2) / (2 * b.s * b.s));
        data[i] = v;
      }
  return data;
}

/** Deterministic standard normal numbers (LCG + Box–Muller). */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

afterAll(() => shutdownFftThreads());

describe('0.a: an off-centre Gaussian blob', () => {
  it('gives the spaces, decentering and centre of mass of its geometry', () => {
    const d = { nx: 64, ny: 60, nz: 56 };
    const b = { x: 22, y: 31, z: 25, s: 3, a: 1 };
    const data = blobs(d, [b]);
    const t = Math.exp(-0.5 * 2.5 ** 2); // raw mask: |r| ≤ 2.5σ = 7.5 voxels
    const Ts = 1.5; // 2 dilations: extent grows by 2 voxels along each axis
    const m = buildMasks(data, d, t, Ts);
    const r = 7.5;
    for (const profile of ['standard', 'vrs-2024'] as const) {
      const mass = computeMass(data, d, m.hard, Ts, profile);
      const extra = profile === 'vrs-2024' ? 1 : 0;
      for (const [a, n, c] of [['x', 64, 22], ['y', 60, 31], ['z', 56, 25]] as const) {
        const first = Math.ceil(c - r) - 2;
        const last = Math.floor(c + r) + 2;
        expect(mass.leftSpace[a]).toBeCloseTo(Ts * first, 10);
        expect(mass.rightSpace[a]).toBeCloseTo(Ts * (n - 1 - last + extra), 10);
        expect(mass.decenteringRatio[a]).toBeCloseTo((Math.abs(mass.rightSpace[a] - mass.leftSpace[a]) / (Ts * n)) * 100, 10);
        expect(mass.centerOfMass[a]).toBeCloseTo(c, 6);
        expect(mass.centerOfMassDecentering[a]).toBeCloseTo((Math.abs(c - n / 2) / n) * 100, 5);
      }
      // x: left 12·1.5 = 18 Å < 20 Å → a warning; y and z are not decentred by > 20 %
      expect(mass.warnings).toContain('There could be little space from X left to effectively correct for the CTF.');
    }
  });
});

describe('0.b: N separated blobs', () => {
  it('N components and the 95 % count', () => {
    const d = { nx: 64, ny: 64, nz: 64 };
    const three = [
      { x: 16, y: 16, z: 32, s: 3, a: 1 },
      { x: 48, y: 16, z: 32, s: 3, a: 1 },
      { x: 32, y: 48, z: 32, s: 3, a: 1 },
    ];
    const data = blobs(d, three);
    data[5 + 64 * (5 + 64 * 5)] = 1; // a single-voxel noise blob: 4 components
    const t = 0.5;
    const m = buildMasks(data, d, t, 2);
    for (const profile of ['standard', 'vrs-2024'] as const) {
      const mask = computeMask(data, d, m, 2, profile, put);
      expect(mask.connectedComponents).toBe(4);
      expect(mask.componentsTo95).toBe(3); // three equal blobs hold > 99 %
      expect(mask.remainingComponents).toBe(1);
      expect(mask.components[0]!.voxels).toBe(mask.components[2]!.voxels);
      expect(mask.percentOutsideLargest).toBeCloseTo((100 * (mask.totalVoxels - mask.components[0]!.voxels)) / mask.totalVoxels, 10);
    }
    const std = computeMask(data, d, m, 2, 'standard', put);
    expect(std.remainingMaxVoxels).toBe(1);
    expect(std.remainingMaxVolume).toBe(8); // one voxel of 2³ Å³
    expect(std.remainingMinVolume).toBe(8);
    expect(std.warnings.some((w) => w.includes('outside the largest component'))).toBe(true);
    const vrs = computeMask(data, d, m, 2, 'vrs-2024', put);
    expect(vrs.remainingAverageVolume).toBe(8); // Ts³, the VRS bug
    expect(vrs.remainingMaxVolume).toBe(vrs.remainingMaxVoxels * 8); // VRS: the last included blob · Ts³
    expect(vrs.remainingMaxVolume).toBeGreaterThan(8);
    expect(vrs.remainingMinVolume).toBe(8);
    expect(vrs.warnings.some((w) => w.includes('average noise blob has a volume of 8.000000 Å³'))).toBe(true);
  });
  it('an empty mask is THRESHOLD_EMPTY_MASK', () => {
    const d = { nx: 8, ny: 8, nz: 8 };
    try {
      buildMasks(sharedFloat32(512), d, 1, 1);
      expect.unreachable();
    } catch (e) {
      expect(isVrsError(e) && e.code).toBe('THRESHOLD_EMPTY_MASK');
    }
  });
});

describe('0.c: white noise of known mean', () => {
  it('t statistic ≈ μ√n/σ and the 5σ ratio of injected outliers', () => {
    const d = { nx: 100, ny: 100, nz: 100 };
    const g = gaussian(7);
    const mu = 0.01;
    const data = blobs(d, [{ x: 50, y: 50, z: 50, s: 2, a: 20 }], () => mu + g());
    // 30 outliers of ±50 far from the blob
    for (let k = 0; k < 30; k++) data[k * 997 + 3] = k % 2 ? 50 : -50;
    const m = buildMasks(data, d, 10, 1);
    const bg = computeBackground(data, d, m.hard, put);
    const n = bg.backgroundVoxels;
    // t = mean/(s/√n): the mean has standard error σ/√n, so t = μ√n/σ ± 1 (here ≈ 10)
    expect(Math.abs(bg.tStatistic - (bg.mean / (bg.standardDeviation * Math.sqrt(n / (n - 1)))) * Math.sqrt(n))).toBeLessThan(1e-9);
    expect(Math.abs(bg.tStatistic - mu * Math.sqrt(n))).toBeLessThan(4);
    expect(bg.pValue).toBeLessThan(0.001);
    // Gaussian exceedances beyond 5σ expected n·2Φ(−5) ≈ 0.6: the 30 outliers dominate
    const expectedRatio = 30 / n / 5.7330314375838657e-7;
    expect(Math.abs(bg.ratio - expectedRatio) / expectedRatio).toBeLessThan(0.15);
    expect(bg.percentGaussian).toBeCloseTo(5.7330314375838657e-5, 15); // 100·2Φ(−5), scipy
    expect(bg.warnings).toHaveLength(2);
  });
  it('zero-mean noise without outliers passes', () => {
    const d = { nx: 80, ny: 80, nz: 80 };
    const g = gaussian(11);
    const data = blobs(d, [{ x: 40, y: 40, z: 40, s: 2, a: 20 }], () => g());
    const bg = computeBackground(data, d, buildMasks(data, d, 10, 1).hard, put);
    expect(Math.abs(bg.tStatistic)).toBeLessThan(4);
    expect(bg.ratio).toBeLessThan(20);
  });
});

describe('0.d: a map with amplitudes ∝ exp(−B0 s²/4)', () => {
  /** Real map whose spectrum has exactly |F| = exp(−B0 s²/4): phases (−1)^(x+y+z), i.e. the
   *  origin-centred real-space profile shifted to the box centre (Hermitian, so exact). */
  function decayingMap(n: number, Ts: number, B0: number): Float32Array {
    const d = { nx: n, ny: n, nz: n };
    const hx = (n >> 1) + 1;
    const sp = allocateSpectrum(d);
    const df = (i: number) => (i <= n >> 1 ? i / n : (i - n) / n);
    let p = 0;
    for (let z = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < hx; x++, p += 2) {
          const s2 = (df(x) ** 2 + df(y) ** 2 + df(z) ** 2) / (Ts * Ts);
          sp[p] = ((x + y + z) % 2 ? -1 : 1) * Math.exp((-B0 * s2) / 4);
          sp[p + 1] = 0;
        }
    return irfft3d(sp, d, { normalize: 'forward', overwriteInput: true });
  }
  it('B = −B0 within 1 % and a flat corrected curve', () => {
    const n = 96;
    const Ts = 1.2;
    const B0 = 150;
    const data = decayingMap(n, Ts, B0);
    const bf = computeBFactor(data, { nx: n, ny: n, nz: n }, Ts, 4, 'standard', put);
    expect(Math.abs(bf.bFactor! + B0) / B0).toBeLessThan(0.01);
    const fit = bf.guinier.filter((p) => p.inFit).slice(0, -1); // the last shell straddles the cut
    const ys = fit.map((p) => p.lnAmplitudeCorrected);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(0.05);
    expect(bf.status).toBe('OK'); // −150 Å² is inside [−300, 0]
  });
  it('without a resolution it does not apply; with no shell in 15 Å → R: FAILED (standard) or OK (vrs-2024)', () => {
    const d = { nx: 16, ny: 16, nz: 16 };
    const data = blobs(d, [{ x: 8, y: 8, z: 8, s: 2, a: 1 }]);
    expect(computeBFactor(data, d, 1, null, 'standard', put).status).toBe('NOT_APPLICABLE');
    const std = computeBFactor(data, d, 1, 14.5, 'standard', put);
    expect(std.status).toBe('FAILED');
    expect(std.bFactor).toBeNull();
    const vrs = computeBFactor(data, d, 1, 14.5, 'vrs-2024', put);
    expect(vrs.status).toBe('OK');
    expect(vrs.bFactor).toBeNull();
  });
});

describe('inputs', () => {
  it('threshold: user, then EMDB header contour, then the 1 % estimate, with its source', () => {
    const data = Float32Array.from({ length: 1001 }, (_, i) => i);
    expect(resolveThreshold({ user: 3, emdbContour: 5, data })).toEqual({ threshold: 3, source: 'USER' });
    expect(resolveThreshold({ emdbContour: 5, data })).toEqual({ threshold: 5, source: 'EMDB_HEADER' });
    expect(resolveThreshold({ data })).toEqual({ threshold: 990, source: 'ESTIMATED' });
  });
});

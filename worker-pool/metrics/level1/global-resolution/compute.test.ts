import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftThreads } from '../../../kernels/fft/fft3d.js';
import { forEachFrequency } from '../../../kernels/fourier/frequency.js';
import { spectralHalfMaps } from '../../../testing/half-maps.js';
import { emptyBufferPool, returnSharedBuffer, takeSharedBuffer } from '../../../kernels/memory/buffer-pool.js';
import { spectrumLength } from '../../../kernels/fft/fft3d.js';
import { computeGlobalResolution, correctedFsc, randomizationShell } from './compute.js';

afterAll(async () => { await shutdownFftThreads(); });

describe('1.a on half maps of known spectra (signal S(f) plus independent noise N)', () => {
  const n = 64, voxelSize = 1.5, amplitude = 3, width = 0.12;
  const halves = spectralHalfMaps({ n, voxelSize, amplitude, width, noise: 1, seed: 11 });
  const d = { nx: n, ny: n, nz: n };
  const ones = new Float32Array(n ** 3).fill(1);
  const r = computeGlobalResolution({ half1: halves.half1.data, half2: halves.half2.data, dims: d, voxelSize, mask: ones, resolution: null, profile: 'standard' });

  // the truth per shell: mean of S/(S + N) over the shell's coefficients (S varies across a shell)
  const expected = new Float64Array(n / 2 + 1), counted = new Float64Array(n / 2 + 1);
  forEachFrequency(d, (_, f2) => {
    const s = Math.round(Math.sqrt(f2) * n);
    if (s > n / 2) return;
    const S = halves.signalPower(Math.sqrt(f2));
    expected[s]! += S / (S + halves.noisePower);
    counted[s]! += 1;
  });

  it('unmasked FSC per shell equals S/(S+N) within its statistical error', () => {
    let beyond = 0;
    for (let s = 1; s <= n / 2; s++) {
      const rho = expected[s]! / counted[s]!;
      const p = r.curve[s]!;
      // σ of a correlation estimate over m independent complex coefficients ≈ (1 − ρ²)/√(2m), m = count/2
      const sigma = (1 - rho * rho) / Math.sqrt(p.count) + 1e-4;
      expect(Math.abs(p.unmasked! - rho), `shell ${s}: ${p.unmasked} vs ${rho}`).toBeLessThan(4 * sigma);
      if (Math.abs(p.unmasked! - rho) > 2 * sigma) beyond++;
    }
    expect(beyond).toBeLessThanOrEqual(3); // ~5 % of 32 shells beyond 2σ
  });

  it('crosses 0.143 where the spectra say: a(f)² = N·0.143/0.857, within one shell', () => {
    const f = width * Math.sqrt(Math.log(amplitude ** 2 / (0.143 / 0.857))); // cycles/voxel
    const truth = voxelSize / f; // Å
    const shell = 1 / (n * voxelSize);
    expect(Math.abs(1 / r.resolution0143Unmasked! - 1 / truth)).toBeLessThan(shell);
    // with a mask of ones the masked and corrected curves are the unmasked one
    expect(Math.abs(1 / r.resolution0143! - 1 / truth)).toBeLessThan(shell);
    for (let s = 1; s <= n / 2; s++) expect(r.curve[s]!.masked).toBeCloseTo(r.curve[s]!.unmasked!, 5);
  });

  it('randomises phases from the first shell below 0.8; the randomised FSC is noise there', () => {
    const at = r.randomizedFromShell!;
    expect(r.curve[at]!.unmasked).toBeLessThan(0.8);
    expect(r.curve[at - 1]!.unmasked).toBeGreaterThanOrEqual(0.8);
    for (let s = at + 2; s <= n / 2; s++) expect(Math.abs(r.curve[s]!.phaseRandomized!)).toBeLessThan(4 / Math.sqrt(r.curve[s]!.count));
    expect(r.randomizedFrom).toBeCloseTo((n * voxelSize) / at, 10);
  });

  it('has the information curves and the DPR and SSNR estimates', () => {
    expect(r.resolutionHalfBit).not.toBeNull();
    expect(r.resolution05!).toBeGreaterThan(r.resolution0143!); // 0.5 is reached at a lower frequency
    expect(r.resolutionDpr).not.toBeNull();
    expect(r.resolutionSsnr).not.toBeNull();
    expect(r.halfMapsLookMasked).toBe(false);
    expect(r.maskFraction).toBeCloseTo(1, 12); // the mask of ones, summed plane by plane on the team
    expect(r.status).toBe('OK'); // no reported resolution: nothing to compare
  });

  it('warns when the reported resolution is below 0.8 × an estimate, and for masked half maps', () => {
    const claimed = 0.5 * r.resolution0143!;
    const w = computeGlobalResolution({ half1: halves.half1.data, half2: halves.half2.data, dims: d, voxelSize, mask: ones, resolution: claimed, profile: 'standard' });
    expect(w.status).toBe('WARNING');
    expect(w.warnings.some((x) => x.includes('FSC (0.143)'))).toBe(true);
    const ok = computeGlobalResolution({ half1: halves.half1.data, half2: halves.half2.data, dims: d, voxelSize, mask: ones, resolution: 1.3 * Math.max(r.resolution0143!, r.resolutionDpr!, r.resolutionSsnr!), profile: 'standard' });
    expect(ok.warnings).toEqual([]);
    // zero the box border of both halves (a solvent mask): EMDB's warning
    const masked = [halves.half1.data, halves.half2.data].map((h) => {
      const m = Float32Array.from(h);
      for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
        const c = Math.hypot(x - n / 2, y - n / 2, z - n / 2);
        if (c > n / 2 - 4) m[x + n * (y + n * z)] = 0;
      }
      return m;
    });
    const m = computeGlobalResolution({ half1: masked[0]!, half2: masked[1]!, dims: d, voxelSize, mask: ones, resolution: null, profile: 'standard' });
    expect(m.halfMapsLookMasked).toBe(true);
    expect(m.warnings.some((x) => x.includes('seem to be masked'))).toBe(true);
  });
});

describe("relion's rules", () => {
  it('randomisation shell: first shell > 0 below 0.8', () => {
    expect(randomizationShell(Float64Array.of(0.5, 0.95, 0.85, 0.79, 0.9))).toBe(3);
    expect(randomizationShell(Float64Array.of(1, 0.9))).toBeNull();
  });
  it('corrected FSC: masked below randomizeAt + 2, (m − r)/(1 − r) from there', () => {
    const m = Float64Array.of(1, 0.9, 0.8, 0.6, 0.5, 0.3);
    const r = Float64Array.of(1, 0.9, 0.5, 0.2, 0.5, 0.1);
    expect(Array.from(correctedFsc(m, r, 2))).toEqual([1, 0.9, 0.8, 0.6, 0, (0.3 - 0.1) / 0.9]);
  });
});

describe('1.a: "FSC > 0.9 preserved up to" (VRS\'s logistic fit of the unmasked FSC)', () => {
  it('lies within two shells of where S/(S + N) = 0.9 on half maps of known spectra (S/N = A²·exp(−f²/w²))', () => {
    const n = 64, voxelSize = 1.5, amplitude = 30, width = 0.12;
    const halves = spectralHalfMaps({ n, voxelSize, amplitude, width, noise: 1, seed: 12 });
    const ones = new Float32Array(n ** 3).fill(1);
    const r = computeGlobalResolution({ half1: halves.half1.data, half2: halves.half2.data, dims: { nx: n, ny: n, nz: n }, voxelSize, mask: ones, resolution: null, profile: 'standard' });
    const f = width * Math.sqrt(Math.log(amplitude ** 2 / 9)); // cycles/voxel where S/N = 9
    // the FSC is not a logistic in f, so the fit's crossing is near the truth, not on it
    expect(Math.abs(1 / r.resolutionPreserved09! - f / voxelSize)).toBeLessThan(2 / (n * voxelSize));
    expect(r.logisticFit!.rms).toBeLessThan(0.05);
    for (const p of r.curve.slice(1)) expect(p.logisticFit).not.toBeNull();
  });
});

describe('1.a and its buffer pool (spectra and mask box reused between runs in a thread)', () => {
  it('gives the same record from fresh buffers, from the buffers of its last run, and from pooled buffers full of NaN', () => {
    const n = 48, voxelSize = 1.3, d = { nx: n, ny: n, nz: n };
    const halves = spectralHalfMaps({ n, voxelSize, amplitude: 3, width: 0.12, noise: 1, seed: 21 });
    const mask = new Float32Array(n ** 3);
    for (let z = 0, i = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, i++) {
      const r = Math.hypot(x - n / 2, y - n / 2, z - n / 2);
      mask[i] = r < n / 4 ? 1 : r < n / 3 ? 0.5 + 0.5 * Math.cos((Math.PI * (r - n / 4)) / (n / 3 - n / 4)) : 0;
    }
    const run = () => computeGlobalResolution({ half1: halves.half1.data, half2: halves.half2.data, dims: d, voxelSize, mask, resolution: 3, profile: 'standard' });
    emptyBufferPool();
    const fresh = run();
    const reused = run();
    emptyBufferPool();
    // the pool holding buffers of the spectra's and the mask box's sizes, dirtied
    const sizes = [spectrumLength(d) * 4, spectrumLength(d) * 4, Math.ceil((2 * n) / 3 + 1) ** 3 * 4];
    for (const bytes of sizes) { const b = takeSharedBuffer(bytes); new Float32Array(b).fill(Number.NaN); returnSharedBuffer(b); }
    const dirty = run();
    expect(reused).toEqual(fresh);
    expect(dirty).toEqual(fresh);
    expect(fresh.resolution0143).not.toBeNull();
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftThreads, spectrumLength } from '../../../kernels/fft/fft3d.js';
import { emptyBufferPool, pooledBytes, returnSharedBuffer, takeSharedBuffer } from '../../../kernels/memory/buffer-pool.js';
import { spectralHalfMaps } from '../../../testing/half-maps.js';
import { computeGlobalResolution } from '../global-resolution/compute.js';
import { computeFscPermutation } from './compute.js';

afterAll(async () => { await shutdownFftThreads(); });

describe('1.b FSC permutation test on half maps of known spectra', () => {
  const n = 64, voxelSize = 1.5;
  const d = { nx: n, ny: n, nz: n };

  it('is significant up to where S/(S+N) becomes too small to detect, beyond the 0.143 crossing', () => {
    const h = spectralHalfMaps({ n, voxelSize, amplitude: 3, width: 0.12, noise: 1, seed: 11 });
    const p = computeFscPermutation({ half1: h.half1.data, half2: h.half2.data, dims: d, voxelSize, resolution: null });
    const g = computeGlobalResolution({ half1: h.half1.data, half2: h.half2.data, dims: d, voxelSize, mask: new Float32Array(n ** 3).fill(1), resolution: null, profile: 'standard' });
    expect(p.resolution).not.toBeNull();
    expect(p.resolution!).toBeLessThan(g.resolution0143Unmasked!); // many coefficients detect correlations below 0.143
    // the truth S/(S+N) at the FDR resolution is small but detectable (about 3σ of a shell's FSC)
    const f = voxelSize / p.resolution!; // cycles/voxel
    const S = h.signalPower(f);
    expect(S / (S + h.noisePower)).toBeLessThan(0.143);
    expect(S / (S + h.noisePower)).toBeGreaterThan(0.01);
    expect(p.curve.slice(1, 5).every((x) => x.significant)).toBe(true);
    expect(p.status).toBe('OK');
  });

  it('independent halves: nothing significant, no resolution; identical halves: Nyquist; the criterion warns', () => {
    const a = spectralHalfMaps({ n: 32, amplitude: 0, seed: 3 });
    const none = computeFscPermutation({ half1: a.half1.data, half2: a.half2.data, dims: { nx: 32, ny: 32, nz: 32 }, voxelSize: 1, resolution: null });
    expect(none.resolution).toBeNull();
    const same = computeFscPermutation({ half1: a.half1.data, half2: a.half1.data, dims: { nx: 32, ny: 32, nz: 32 }, voxelSize: 1, resolution: 1 });
    expect(same.resolution).toBeCloseTo(2, 10);
    expect(same.warnings).toHaveLength(1); // 1 Å < 0.8 × 2 Å
  });
});

describe('1.b and the buffer pool (masked half and spectra reused between runs in a thread, as 1.a)', () => {
  it('gives its buffers back and the same record from fresh buffers, from those of its last run, and from pooled buffers full of NaN', () => {
    const n = 40, d = { nx: n, ny: n, nz: n };
    const h = spectralHalfMaps({ n, voxelSize: 1.2, amplitude: 3, width: 0.12, noise: 1, seed: 23 });
    const run = () => computeFscPermutation({ half1: h.half1.data, half2: h.half2.data, dims: d, voxelSize: 1.2, resolution: null });
    const sizes = [n ** 3 * 4, spectrumLength(d) * 4, spectrumLength(d) * 4];
    emptyBufferPool();
    const fresh = run();
    expect(pooledBytes()).toBe(sizes.reduce((a, b) => a + b, 0)); // the three buffers came back
    const reused = run();
    expect(pooledBytes()).toBe(sizes.reduce((a, b) => a + b, 0)); // taken and given back, none new
    emptyBufferPool();
    for (const bytes of sizes) { const b = takeSharedBuffer(bytes); new Float32Array(b).fill(Number.NaN); returnSharedBuffer(b); }
    const dirty = run();
    expect(reused).toEqual(fresh);
    expect(dirty).toEqual(fresh);
    expect(fresh.resolution).not.toBeNull();
    emptyBufferPool();
  });
});

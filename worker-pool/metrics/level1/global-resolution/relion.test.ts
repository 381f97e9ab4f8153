/**
 * 1.a against relion_postprocess 3.1.3 (fixtures/relion: the pair of pair.ts, relion's output
 * recorded with record.sh; relion is not needed here). Both use the same soft mask; relion's
 * phase randomisation draws other random phases, so the corrected curves differ by that noise.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftThreads } from '../../../kernels/fft/fft3d.js';
import { REPO_ROOT } from '../../../paths.js';
import { PAIR, relionPair } from '../fixtures/relion/pair.js';
import { computeGlobalResolution, correctedFsc } from './compute.js';

afterAll(async () => { await shutdownFftThreads(); });

const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'worker-pool/metrics/level1/fixtures/relion/relion-postprocess.json'), 'utf8'));

describe('1.a against relion_postprocess 3.1.3', () => {
  const pair = relionPair();
  const n = pair.half1.nx;
  const r = computeGlobalResolution({ half1: pair.half1.data, half2: pair.half2.data, dims: pair.half1, voxelSize: PAIR.voxelSize, mask: pair.mask.data, resolution: null, profile: 'standard' });

  it('runs on the very pair relion was given', () => {
    const sha = (v: Float32Array) => createHash('sha256').update(v).digest('hex');
    expect({ half1: sha(pair.half1.data), half2: sha(pair.half2.data), mask: sha(pair.mask.data) }).toEqual(fixture.pair.voxelSha256);
    expect(r.curve.length).toBe(fixture.shell.length);
  });

  it('unmasked FSC per shell within 0.01', () => {
    const diffs = fixture.fscUnmasked.map((v: number, s: number) => Math.abs(r.curve[s]!.unmasked! - v));
    expect(Math.max(...diffs)).toBeLessThan(0.01);
  });

  it('masked FSC per shell within 0.01; corrected masked FSC within 0.02 given the same random phases', () => {
    for (let s = 1; s <= n / 2; s++) expect(Math.abs(r.curve[s]!.masked! - fixture.fscMasked[s]), `masked, shell ${s}`).toBeLessThan(0.01);
    // relion's own phase-randomised FSC through our correction: only the masked FSC and the formula differ
    const ours = correctedFsc(Float64Array.from(r.curve, (p) => p.masked!), Float64Array.from(fixture.fscPhaseRandomizedMasked), r.randomizedFromShell);
    for (let s = 1; s <= n / 2; s++) expect(Math.abs(ours[s]! - fixture.fscCorrected[s]), `corrected, shell ${s}`).toBeLessThan(0.02);
  });

  it('corrected masked FSC with our own random phases: within 0.02 on 90 % of the shells, 0.04 on all', () => {
    // Two independent phase randomisations differ by noise of σ ≈ √2/√(coefficients the mask
    // leaves), ~0.01–0.02 here at high frequency where the corrected FSC follows it one to one.
    const diffs = fixture.fscCorrected.slice(1).map((v: number, k: number) => Math.abs(r.curve[k + 1]!.corrected! - v));
    expect(Math.max(...diffs)).toBeLessThan(0.04);
    expect(diffs.filter((d: number) => d < 0.02).length / diffs.length).toBeGreaterThanOrEqual(0.9);
  });

  it('randomises from the same shell and finds the 0.143 resolution within one shell of relion', () => {
    expect((n * PAIR.voxelSize) / r.randomizedFromShell!).toBeCloseTo(fixture.randomiseFrom, 4);
    const shellWidth = 1 / (n * PAIR.voxelSize);
    expect(Math.abs(1 / r.resolution0143! - 1 / fixture.finalResolution)).toBeLessThanOrEqual(shellWidth);
  });
});

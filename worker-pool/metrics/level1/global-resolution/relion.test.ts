/**
 * 1.a against relion_postprocess 3.1.3 (fixtures/relion: the pair of pair.ts, relion's output
 * recorded with record.sh, eight runs with --random_seed 0 … 7; relion is not needed here). Both
 * use the same soft mask; relion's phase randomisation draws other random phases, so the
 * corrected curves are compared as distributions of draws.
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
  const input = { half1: pair.half1.data, half2: pair.half2.data, dims: pair.half1, voxelSize: PAIR.voxelSize, mask: pair.mask.data, resolution: null, profile: 'standard' as const };
  const r = computeGlobalResolution(input);

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

  describe('corrected masked FSC with our own random phases, against relion\'s eight draws (--random_seed 0 … 7)', () => {
    // The corrected curve follows the phase-randomised one, whose value is noise of a random draw:
    // two relion runs with other seeds differ by up to 0.04 on this pair. So compare draws as
    // distributions: our eight seeds against relion's eight, from the shell where the correction
    // starts (randomisation shell + 2; below it the corrected curve is the masked one, tested above).
    const draws: number[][] = fixture.draws.map((dr: { fscCorrected: number[] }) => dr.fscCorrected);
    const ours = draws.map((_, k) => computeGlobalResolution({ ...input, phaseSeed: 1000 + 2 * k }).curve.map((p) => p.corrected!));
    const from = r.randomizedFromShell! + 2, shells = fixture.shell.length;
    const mean = (rows: number[][], s: number) => rows.reduce((t, row) => t + row[s]!, 0) / rows.length;
    const variance = (rows: number[][], s: number) => rows.reduce((t, row) => t + (row[s]! - mean(rows, s)) ** 2, 0) / (rows.length - 1);

    it('has relion\'s draw-to-draw noise: differences between our and relion\'s draws are as large as between two relion draws (RMS ratio 0.8–1.25)', () => {
      let ourVsRelion = 0, nOurs = 0, relionVsRelion = 0, nRelion = 0;
      for (let s = from; s < shells; s++) {
        for (const o of ours) for (const c of draws) { ourVsRelion += (o[s]! - c[s]!) ** 2; nOurs++; }
        for (let i = 0; i < draws.length; i++) for (let j = i + 1; j < draws.length; j++) { relionVsRelion += (draws[i]![s]! - draws[j]![s]!) ** 2; nRelion++; }
      }
      const ratio = Math.sqrt(ourVsRelion / nOurs) / Math.sqrt(relionVsRelion / nRelion);
      expect(ratio).toBeGreaterThan(0.8);
      expect(ratio).toBeLessThan(1.25);
    });

    it('has no bias: the mean of our eight draws is within the noise of relion\'s mean (RMS z < 2, every shell within 0.015)', () => {
      // z = (mean ours − mean relion) / (pooled σ · √(2/8)): ≈ N(0, 1) per shell without bias
      let z2 = 0;
      for (let s = from; s < shells; s++) {
        const diff = mean(ours, s) - mean(draws, s);
        const sigma = Math.sqrt((variance(ours, s) + variance(draws, s)) / 2);
        z2 += (diff / (sigma * Math.sqrt(2 / draws.length))) ** 2;
        expect(Math.abs(diff), `shell ${s}`).toBeLessThan(0.015);
      }
      expect(Math.sqrt(z2 / (shells - from))).toBeLessThan(2);
    });
  });

  it('randomises from the same shell and finds the 0.143 resolution within one shell of relion', () => {
    expect((n * PAIR.voxelSize) / r.randomizedFromShell!).toBeCloseTo(fixture.randomiseFrom, 4);
    const shellWidth = 1 / (n * PAIR.voxelSize);
    expect(Math.abs(1 / r.resolution0143! - 1 / fixture.finalResolution)).toBeLessThanOrEqual(shellWidth);
  });
});

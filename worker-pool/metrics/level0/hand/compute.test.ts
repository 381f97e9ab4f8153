/**
 * 0.h on maps with a known hand: ideal right-handed α-helices (synthetic phantom) and the real
 * model 7DDO (ACE2 + RBD, mostly α-helical) rendered as maps at 3.5 Å, and their mirror images
 * (x flipped), which have left-handed helices.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../volume.js';
import { REAL_MODELS_DIR } from '../../../paths.js';
import { readModelFile } from '../../../io/pdb.js';
import { modelToMap } from '../../../synthetic/model-to-map.js';
import { renderPhantom } from '../../../synthetic/phantom.js';
import { DELTA_NOISE, SYSTEMATIC_DELTA, computeHand, handRecord, handVote } from './compute.js';
import { normalCdf } from '../../../kernels/stats/distributions.js';
import { HAND_NO_HELICES, HAND_NO_TUBES, HAND_RESOLUTION_REASON, handWarnings } from './texts.js';

function mirrorX(v: Volume): Volume {
  const data = new Float32Array(v.data.length);
  for (let z = 0; z < v.nz; z++)
    for (let y = 0; y < v.ny; y++) {
      const row = v.nx * (y + v.ny * z);
      for (let x = 0; x < v.nx; x++) data[row + x] = v.data[row + v.nx - 1 - x]!;
    }
  return { ...v, data };
}

describe('0.h score and warnings', () => {
  it('votes: one tube gives z = Δ / √(DELTA_NOISE² + SYSTEMATIC_DELTA²), score 1 − Φ(z), confidence 2Φ(|z|) − 1; mirrored Δ give 1 − score', () => {
    const se = Math.hypot(DELTA_NOISE, SYSTEMATIC_DELTA);
    const one = handVote([{ delta: 2 * se, weight: 3 }]);
    expect(one.standardError).toBeCloseTo(se, 12);
    expect(one.z).toBeCloseTo(2, 12);
    expect(one.score).toBeCloseTo(1 - normalCdf(2), 12);
    expect(one.confidence).toBeCloseTo(2 * normalCdf(2) - 1, 12);
    // four equal tubes: the sampling part shrinks by √4 (spread 0 → the floor), the systematic one does not
    expect(handVote(Array.from({ length: 4 }, () => ({ delta: 0.1, weight: 1 }))).z).toBeCloseTo(0.1 / Math.hypot(DELTA_NOISE / 2, SYSTEMATIC_DELTA), 12);
    // weights: a heavy tube dominates the mean
    const tubes = [{ delta: 0.3, weight: 9 }, { delta: -0.1, weight: 1 }];
    const v = handVote(tubes);
    expect(v.weightedScore).toBeCloseTo(0.26, 12);
    const m = handVote(tubes.map((t) => ({ ...t, delta: -t.delta })));
    expect(m.score).toBeCloseTo(1 - v.score, 12);
    expect(m.confidence).toBeCloseTo(v.confidence, 12);
  });

  it('a map\'s confidence is bounded by its mean Δ over SYSTEMATIC_DELTA however many tubes agree (tubes of one map share their bias)', () => {
    // 10 000 tubes all at Δ = SYSTEMATIC_DELTA: without the systematic term z would be 100 (sampling 0.0012)
    const many = handVote(Array.from({ length: 10_000 }, () => ({ delta: SYSTEMATIC_DELTA, weight: 1 })));
    expect(many.z).toBeLessThan(1);
    expect(many.z).toBeGreaterThan(0.99);
    expect(many.confidence).toBeLessThan(2 * normalCdf(1) - 1);
  });

  it('warns "uncertain" above 0.4 and adds "flipped" above 0.5 (two warnings)', () => {
    expect(handRecord(0.4, { tubesFound: 3, tubesUsed: 3 }, []).warnings).toEqual([]);
    expect(handRecord(0.45, { tubesFound: 3, tubesUsed: 3 }, []).warnings).toEqual([handWarnings.uncertain]);
    const flipped = handRecord(0.7, { tubesFound: 3, tubesUsed: 3 }, []);
    expect(flipped.warnings).toEqual([handWarnings.flipped, handWarnings.uncertain]);
    expect(flipped.status).toBe('WARNING');
  });

  it('does not apply above 5 Å or without a resolution', () => {
    const vol = renderPhantom({ size: 16, voxelSize: 1, resolution: 4, seed: 1, chainResidues: 0 });
    const r = computeHand(vol, { threshold: 0.1, resolution: 8.9, voxelSize: 1.5 });
    expect(r).toMatchObject({ id: '0.h', status: 'NOT_APPLICABLE', statusReason: HAND_RESOLUTION_REASON, score: null, warnings: [] });
    expect(HAND_RESOLUTION_REASON).toBe('This method cannot be applied to maps with a resolution worse than 5Å.');
    expect(computeHand(vol, { threshold: 0.1, resolution: null, voxelSize: 1 }).status).toBe('NOT_APPLICABLE');
  });

  it('fails ("could not be measured") when nothing is tube-like at the threshold, saying so', () => {
    const vol = renderPhantom({ size: 32, voxelSize: 1, resolution: 4, seed: 3, helices: [], chainResidues: 0, noise: 0.05 });
    const r = computeHand(vol, { threshold: 1, resolution: 4, voxelSize: 1 });
    expect(r).toMatchObject({ status: 'FAILED', statusReason: HAND_NO_TUBES, score: null, tubesFound: 0, tubesUsed: 0, confidence: null });
    expect(r.statusReason).toMatch(/could not be measured/);
  });

  it('names the other case: tubes that are not α-helices', () => {
    expect(HAND_NO_HELICES).toMatch(/could not be measured: density tubes were found but none is like an α-helix/);
  });
});

describe('0.h on maps of known hand', () => {
  for (const resolution of [3, 4]) {
    it(`ideal right-handed helices at ${resolution} Å score < 0.4, their mirror > 0.6`, () => {
      // five helices with seeded random axes, a random-walk chain and 5 % noise
      const vol = renderPhantom({ size: 80, voxelSize: 1, resolution, seed: 7, chainResidues: 60, noise: 0.05 });
      const params = { threshold: 0.1, resolution, voxelSize: 1 };
      const right = computeHand(vol, params);
      const left = computeHand(mirrorX(vol), params);
      expect(right.tubesUsed).toBeGreaterThanOrEqual(3);
      expect(right.confidence!).toBeGreaterThan(0.9);
      expect(right.score!).toBeLessThan(0.4);
      expect(right.status).toBe('OK');
      expect(left.score!).toBeGreaterThan(0.6);
      expect(left.warnings).toEqual([handWarnings.flipped, handWarnings.uncertain]);
    }, 60_000);
  }

  it('7DDO (ACE2 + RBD) rendered at 3.5 Å scores < 0.4, its mirror > 0.6', () => {
    const vol = modelToMap(readModelFile(join(REAL_MODELS_DIR, '7DDO.pdb.gz')), { voxelSize: 1, resolution: 3.5 });
    const params = { threshold: 0.1, resolution: 3.5, voxelSize: 1 };
    const right = computeHand(vol, params);
    const left = computeHand(mirrorX(vol), params);
    expect(right.tubesUsed).toBeGreaterThanOrEqual(5);
    expect(right.helicesFound).toBe(right.tubesUsed);
    expect(right.score!).toBeLessThan(0.4);
    expect(left.score!).toBeGreaterThan(0.6);
  }, 120_000);
});

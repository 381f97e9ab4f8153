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
import { computeHand, handRecord, handScore } from './compute.js';
import { HAND_NOT_MEASURED, HAND_RESOLUTION_REASON, handWarnings } from './texts.js';

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
  it('is the share of |ΔNCC| that prefers the left-handed template', () => {
    expect(handScore([{ right: 0.8, left: 0.6 }, { right: 0.7, left: 0.8 }])).toBeCloseTo(0.1 / 0.3, 12);
    expect(handScore([{ right: 0.8, left: 0.6 }])).toBe(0);
    expect(handScore([{ right: 0.5, left: 0.9 }])).toBe(1);
    expect(handScore([{ right: 0.5, left: 0.5 }])).toBe(0.5);
  });

  it('warns "uncertain" above 0.4 and adds "flipped" above 0.5 (two warnings)', () => {
    expect(handRecord(0.4, 3, []).warnings).toEqual([]);
    expect(handRecord(0.45, 3, []).warnings).toEqual([handWarnings.uncertain]);
    const flipped = handRecord(0.7, 3, []);
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

  it('fails ("could not be measured") when the map has no helix', () => {
    // a random-walk Cα chain only: tubes may appear, but nothing matches an α-helix
    const vol = renderPhantom({ size: 48, voxelSize: 1, resolution: 4, seed: 3, helices: [], chainResidues: 40, noise: 0.05 });
    const r = computeHand(vol, { threshold: 0.15, resolution: 4, voxelSize: 1 });
    expect(r.status).toBe('FAILED');
    expect(r.statusReason).toBe(HAND_NOT_MEASURED);
    expect(r.statusReason).toMatch(/could not be measured/);
    expect(r.score).toBeNull();
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
      expect(right.helicesFound).toBeGreaterThanOrEqual(3);
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
    expect(right.helicesFound).toBeGreaterThanOrEqual(5);
    expect(right.score!).toBeLessThan(0.4);
    expect(left.score!).toBeGreaterThan(0.6);
  }, 120_000);
});

/**
 * Must-show cases of A.e Q-score, atom inclusion and A.d Map–model Guinier on a map the test
 * makes from a real cryo-EM model (7DDO, 6,468 atoms) at 4 Å (testing/model-maps.ts: noisy
 * half maps with FSC 0.143 at 4 Å, averaged and low-passed), with the model placed, moved by
 * 5 Å, and mirrored.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REAL_MODELS_DIR } from '../../paths.js';
import { readModel, type ModelInput } from '../../io/model.js';
import { readModelFile } from '../../io/pdb.js';
import { backboneFlags } from '../../kernels/model/atoms.js';
import { expectedQ } from '../../kernels/model/q-score.js';
import { modelToMap } from '../../synthetic/model-to-map.js';
import { contourForModelVolume, experimentalLikeMap, mirroredModel, movedModel, realisticMap } from '../../testing/model-maps.js';
import type { Volume } from '../../volume.js';
import { computeQScore } from './q-score/compute.js';
import { computeAtomInclusion } from './atom-inclusion/compute.js';
import { computeMapModelGuinier } from './guinier/compute.js';

const NO_SHIFT = { x: 0, y: 0, z: 0 };
const RESOLUTION = 4;

describe('Level A model sections on a 4 Å map made from 7DDO', () => {
  let map: Volume, model: ModelInput, contour: number;
  const cases: Record<string, () => ModelInput> = {
    placed: () => model,
    'moved by 5 Å': () => movedModel(model, (x, y, z) => [x + 5, y, z]),
    mirrored: () => mirroredModel(model),
  };

  beforeAll(async () => {
    const path = join(REAL_MODELS_DIR, '7DDO.pdb.gz');
    model = (await readModel(path)).model;
    // the model's electron-scattering map with its own B factors (7DDO: mean 60.8 Å²), half maps
    // whose white noise makes their FSC 0.143 at 4 Å, averaged and low-passed at 4 Å
    map = realisticMap(model, { resolution: RESOLUTION, voxelSize: 1, coordinateError: 0, surfaceB: 0 });
    contour = contourForModelVolume(map, model);
  });

  it('placed: > 90 % of the atoms and of the backbone inside the contour; median Q passes, within [−0.1, +0.25] of the expected line', () => {
    const inc = computeAtomInclusion(map, model, backboneFlags(model.atomName, model.atomNames), NO_SHIFT, contour);
    expect(inc.includedFraction!).toBeGreaterThan(0.9);
    expect(inc.backboneIncludedFraction!).toBeGreaterThan(0.9);
    const q = computeQScore(map, model, NO_SHIFT, RESOLUTION);
    expect(q.status).toBe('OK');
    expect(q.expectedQ).toBeCloseTo(expectedQ(4), 12);
    // README "Q-score against MapQ's line": Q equals MapQ's (kernels/model/q-score.test.ts, a
    // numpy port of MapQ's code to 1e-6), and a map made from the model with its own B and
    // realistic half-map noise still sits above the EMDB line: measured 0.62 against 0.41. It
    // lacks the model's error (the deposited model is not the structure that made the map), so
    // "near" is asymmetric here: never below the line's −0.1, at most +0.25 above it.
    console.log(`7DDO, model's B + noise at 4 Å: median residue Q ${q.medianResidueQ!.toFixed(3)}, expected ${q.expectedQ!.toFixed(3)}`);
    expect(q.medianResidueQ!).toBeGreaterThan(q.expectedQ! - 0.1);
    expect(q.medianResidueQ!).toBeLessThan(q.expectedQ! + 0.25);
  });

  // README "Q-score against MapQ's line": the Q is a Pearson correlation about the mean, so the
  // reference Gaussian's A and B do not move it; what a map made from the model lacks is the model's
  // error and the spread of local resolution. With 0.3 Å of coordinate error (σ per axis) and a B
  // growing to +400 Å² at the surface the median comes to the line: measured 0.58 against 0.587 at
  // 3 Å, 0.52 against 0.41 at 4 Å. Tolerance 0.15: MapQ's ±0.1 band around its line plus the
  // uncalibrated size of the two degradations.
  for (const resolution of [3, 4]) {
    it(`a map with model error and a local-resolution spread at ${resolution} Å: median Q within 0.15 of MapQ's line`, () => {
      const real = realisticMap(model, { resolution, voxelSize: 1, coordinateError: 0.3, surfaceB: 400 });
      const q = computeQScore(real, model, NO_SHIFT, resolution);
      expect(Math.abs(q.medianResidueQ! - expectedQ(resolution))).toBeLessThan(0.15);
    });
  }

  for (const name of ['moved by 5 Å', 'mirrored']) {
    it(`${name}: Q fails VRS's criterion and inclusion drops`, () => {
      const m = cases[name]!();
      const q = computeQScore(map, m, NO_SHIFT, RESOLUTION);
      expect(q.medianResidueQ!).toBeLessThan(0.1);
      expect(q.status).toBe('WARNING');
      const inc = computeAtomInclusion(map, m, backboneFlags(m.atomName, m.atomNames), NO_SHIFT, contour);
      expect(inc.includedFraction!).toBeLessThan(0.75);
    });
  }

  it('the placement shift is applied: the model moved by 5 Å and shifted back scores as placed', () => {
    const back = computeQScore(map, cases['moved by 5 Å']!(), { x: -5, y: 0, z: 0 }, RESOLUTION);
    const placed = computeQScore(map, model, NO_SHIFT, RESOLUTION);
    expect(back.medianResidueQ!).toBeCloseTo(placed.medianResidueQ!, 3);
    expect(back.shift).toEqual({ x: -5, y: 0, z: 0 });
  });
});

describe('A.d Map–model Guinier', () => {
  it('a model map proportional to the map: R = 1 and the offset is −ln of the factor', () => {
    const atoms = readModelFile(join(REAL_MODELS_DIR, '1A8O.pdb.gz'));
    const v = modelToMap(atoms, { voxelSize: 1.5, resolution: 4 });
    const scaled = v.data.map((x) => 7 * x);
    const g = computeMapModelGuinier(v.data, scaled, v, 1.5, 4, NO_SHIFT);
    expect(g.correlation!).toBeCloseTo(1, 10);
    expect(g.offset!).toBeCloseTo(-Math.log(7), 5);
    expect(g.status).toBe('OK');
    // shells from the first to 4 Å: round(N·Ts/d) ≥ 1 and d ≥ 4
    expect(g.points.length).toBe(Math.floor((v.nx * 1.5) / 4));
    for (const p of g.points) expect(p.lnAmplitudeModel).toBeCloseTo(p.lnAmplitudeMap, 5);
  });
  it('the noisy 4 Å map against its clean model map correlates (R > 0.9); against white noise it warns', () => {
    const atoms = readModelFile(join(REAL_MODELS_DIR, '1A8O.pdb.gz'));
    const clean = modelToMap(atoms, { voxelSize: 1, resolution: 4 });
    const noisy = experimentalLikeMap(atoms, { resolution: 4, voxelSize: 1, seed: 9 });
    const g = computeMapModelGuinier(noisy.data, clean.data, clean, 1, 4, NO_SHIFT);
    expect(g.correlation!).toBeGreaterThan(0.9);
    let s = 12345;
    const white = clean.data.map(() => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5);
    const bad = computeMapModelGuinier(white, clean.data, clean, 1, 4, NO_SHIFT);
    expect(bad.correlation!).toBeLessThan(0.5);
    expect(bad.status).toBe('WARNING');
    expect(bad.warnings[0]).toMatch(/correlate poorly/);
  });
  it('too few shells below the resolution: FAILED with the reason', () => {
    const v = modelToMap(readModelFile(join(REAL_MODELS_DIR, '1A8O.pdb.gz')), { voxelSize: 1.5, resolution: 4 });
    const g = computeMapModelGuinier(v.data, v.data, v, 1.5, v.nx * 1.5, NO_SHIFT);
    expect(g.status).toBe('FAILED');
    expect(g.correlation).toBeNull();
  });
});

/**
 * Level A's must-show cases: a map the tests make from a real model at 4 Å (molmap Gaussians,
 * not Level A's model map; testing.ts) against the model as it is, shifted by 5 Å, mirrored, and
 * with the map's header origin wrong by 5 Å; and 1oel.pdb, which is not placed in emd_1997.map's
 * frame.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMapFile } from '../../io/mrc/read.js';
import { packModel, readModel } from '../../io/model.js';
import { REAL_MAPS_DIR, REAL_MODELS_DIR } from '../../paths.js';
import type { Volume } from '../../volume.js';
import type { GridGeometry } from '../../kernels/model-map/model-map.js';
import { computePlacement } from './placement/compute.js';
import { computeFit } from './fit/compute.js';
import { mirroredModel, shiftedModel, syntheticFitCase, type SyntheticCase } from './testing.js';

const gridOf = (v: Volume): GridGeometry => ({ nx: v.nx, ny: v.ny, nz: v.nz, voxelSize: v.voxelSize, origin: v.origin });

describe('Level A on a map made from 3MFP at 4 Å (molmap Gaussians, hard cut, 10 % noise)', () => {
  let c: SyntheticCase;
  beforeAll(() => {
    c = syntheticFitCase('3MFP_tempy_modeller.pdb', { resolution: 4, voxelSize: 1.2, noise: 0.1 });
  });

  it('the model as it is: placed, map–model FSC 0.5 near 4 Å, CC_mask > 0.8, every residue CC ≥ 0.5, no warning', () => {
    const p = computePlacement(c.map, c.model, gridOf(c.map), 4);
    expect([p.status, p.placed, p.chosen, p.trials.length]).toEqual(['OK', true, 'AS_GIVEN', 1]);
    const f = computeFit(c.map, c.model, gridOf(c.map), 4, p);
    expect(f.status).toBe('OK');
    expect(f.fsc05Unmasked!).toBeGreaterThan(3.7);
    expect(f.fsc05Unmasked!).toBeLessThan(4.4);
    expect(f.fsc05Masked!).toBeGreaterThan(3.5);
    expect(f.fsc05Masked!).toBeLessThan(4.4);
    expect(f.ccMask!).toBeGreaterThan(0.8);
    for (const cc of [f.ccBox, f.ccVolume, f.ccPeaks]) expect(cc!).toBeGreaterThan(0.8);
    // the map holds nothing beyond 4 Å, so the map truncated at ~4 Å is the map: d99 ≈ 4 Å
    expect(f.d99!).toBeGreaterThan(3.8);
    expect(f.d99!).toBeLessThan(4.6);
    expect(f.maskRadius).toBeCloseTo(Math.max(3, Math.min(10, Math.max(4, f.d99!, f.atomRadius!))), 9);
    expect(f.residues.length).toBe(369);
    expect(f.lowCcFraction).toBe(0);
    expect(f.chains).toEqual([{ chain: 'A', residues: 369, cc: expect.any(Number) }]);
    // the FSC is near 1 at low resolution and falls to ~0 past 4 Å (the map has no signal there)
    const at = (res: number) => f.fsc.reduce((b, p) => (Math.abs(1 / p.frequency - res) < Math.abs(1 / b.frequency - res) ? p : b)).unmasked!;
    expect(at(10)).toBeGreaterThan(0.9);
    expect(Math.abs(at(3))).toBeLessThan(0.2);
  });

  it('the model shifted by 5 Å: CC_mask fails (< 0.5), no origin VRS tries helps, A.a does not apply and says why', () => {
    const m = shiftedModel(c, 3, 4, 0);
    const p = computePlacement(c.map, m, gridOf(c.map), 4);
    expect(p.ccMaskAsGiven!).toBeLessThan(0.5);
    expect([p.placed, p.status]).toEqual([false, 'NOT_APPLICABLE']);
    const f = computeFit(c.map, m, gridOf(c.map), 4, p);
    expect(f.status).toBe('NOT_APPLICABLE');
    expect(f.statusReason).toMatch(/not placed/);
    // the translation search finds the way back (reported, not applied)
    const t = p.trials.at(-1)!;
    expect(t.name).toBe('TRANSLATION_SEARCH');
    for (const [k, v] of [['x', -3], ['y', -4], ['z', 0]] as const) expect(Math.abs(t.shift[k] - v)).toBeLessThan(0.25);
    expect(t.ccMask!).toBeGreaterThan(0.8);
    expect(p.statusReason).toMatch(/translation search finds that the model fits when moved by \(-3\.\d\d, -4\.\d\d, -?0\.\d\d\) Å/);
  });

  it('the model off by a vector that is not a whole number of voxels (2.3, −3.1, 1.7) Å: the search finds it to sub-voxel precision (< 0.25 Å, voxel 1.2 Å)', () => {
    const p = computePlacement(c.map, shiftedModel(c, 2.3, -3.1, 1.7), gridOf(c.map), 4);
    expect(p.placed).toBe(false);
    const t = p.trials.find((x) => x.name === 'TRANSLATION_SEARCH')!;
    for (const [k, v] of [['x', -2.3], ['y', 3.1], ['z', -1.7]] as const) expect(Math.abs(t.shift[k] - v)).toBeLessThan(0.25);
    expect(t.ccMask!).toBeGreaterThan(0.8);
  });

  it('the model mirrored: CC_mask fails (< 0.5), not placed', () => {
    const p = computePlacement(c.map, mirroredModel(c), gridOf(c.map), 4);
    expect(p.ccMaskAsGiven!).toBeLessThan(0.5);
    expect(p.placed).toBe(false);
    // no translation makes the wrong hand fit
    expect(p.trials.find((x) => x.name === 'TRANSLATION_SEARCH')!.ccMask!).toBeLessThan(0.6);
    expect(p.statusReason).not.toMatch(/translation search/);
  });

  it('the map\'s header origin wrong by 5 Å (3, 4, 0): the pre-check finds the shift (origin zero) and A.a passes there', () => {
    const map = { ...c.map, origin: { x: 3, y: 4, z: 0 } };
    const p = computePlacement(map, c.model, gridOf(map), 4);
    expect(p.ccMaskAsGiven!).toBeLessThan(0.5);
    expect([p.placed, p.status, p.chosen]).toEqual([true, 'WARNING', 'ZERO']);
    expect(p.shift).toEqual({ x: 3, y: 4, z: 0 });
    expect(p.ccMask!).toBeGreaterThan(0.8);
    const f = computeFit(map, c.model, gridOf(map), 4, p);
    expect(f.status).toBe('OK');
    expect(f.ccMask!).toBeGreaterThan(0.8);
  });

  it('the VRS criteria: a claimed 3 Å (< 0.8 × the masked FSC-0.5 resolution, 3.8 Å) and a sixth of the residues moved by 6 Å warn', () => {
    const p = computePlacement(c.map, c.model, gridOf(c.map), 3);
    expect(p.placed).toBe(true);
    const claimed = computeFit(c.map, c.model, gridOf(c.map), 3, p);
    expect(claimed.status).toBe('WARNING');
    expect(claimed.warnings.join(' ')).toMatch(/reported resolution \(3 Å\) is below 0\.8 ×/);
    // the first sixth of the residues moved by 6 Å along x: more than 10 % of the residues with CC < 0.5, the model still placed
    const cut = c.model.residueNumber[Math.floor(c.model.residueNumber.length / 6)]!;
    const moved = packModel({ format: 'PDB', atoms: c.atoms.map((a) => (a.residueNumber < cut ? { ...a, x: a.x + 6 } : a)), models: 1, alternateLocationsDropped: 0 }).model;
    const q = computePlacement(c.map, moved, gridOf(c.map), 4);
    expect(q.placed).toBe(true);
    const f = computeFit(c.map, moved, gridOf(c.map), 4, q);
    expect(f.status).toBe('WARNING');
    expect(f.lowCcFraction!).toBeGreaterThan(0.1);
    expect(f.warnings.join(' ')).toMatch(/have a CC below 0\.5 \(more than 10 %\)/);
    // the low-CC residues are the moved ones (a few of their neighbours, whose masks overlap them, too)
    expect(f.lowCcResidues.filter((r) => r.number < cut).length / f.lowCcResidues.length).toBeGreaterThan(0.9);
  });

  it('without a resolution nothing applies', () => {
    const p = computePlacement(c.map, c.model, gridOf(c.map), null);
    expect([p.status, p.placed]).toEqual(['NOT_APPLICABLE', false]);
    expect(computeFit(c.map, c.model, gridOf(c.map), null, p).status).toBe('NOT_APPLICABLE');
  });
});

describe('a model outside the box', () => {
  it('no atom inside the box at any origin tried: MODEL_OUTSIDE_MAP', () => {
    const c = syntheticFitCase('1A8O.pdb.gz', { resolution: 6, voxelSize: 2 });
    const far = shiftedModel(c, 5000, 0, 0);
    expect(() => computePlacement(c.map, far, gridOf(c.map), 6)).toThrow(expect.objectContaining({ code: 'MODEL_OUTSIDE_MAP' }));
  });
});

describe('real data', () => {
  it('1oel.pdb against emd_1997.map (7 Å): not placed, reported with the CCs of every origin tried', async () => {
    const [{ volume }, { model }] = await Promise.all([readMapFile(join(REAL_MAPS_DIR, 'emd_1997.map')), readModel(join(REAL_MODELS_DIR, '1oel.pdb'))]);
    const p = computePlacement(volume, model, gridOf(volume), 7);
    expect(p.placed).toBe(false);
    expect(p.status).toBe('NOT_APPLICABLE');
    expect(p.trials.map((t) => t.name)).toContain('AS_GIVEN');
    expect(p.trials.length).toBeGreaterThan(1);
    for (const t of p.trials) if (t.ccMask !== null) expect(t.ccMask).toBeLessThan(0.8);
    expect(p.statusReason).toMatch(/not placed/);
  });
});

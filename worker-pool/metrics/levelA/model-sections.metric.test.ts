/**
 * The three model sections as the pool runs them (their declared metrics, with the placement
 * pre-check's result as their dependency): on a map made from 3MFP at 4 Å (testing.ts) with
 * Level A's own model map for A.d; not applicable without a resolution or when the model is not
 * placed; the placement's shift reaches them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../volume.js';
import type { Level0Params, MetricContext, ModelInput } from '../types.js';
import type { GridGeometry } from '../../kernels/model-map/model-map.js';
import { computePlacement } from './placement/compute.js';
import type { Placement } from './placement/record.js';
import { PLACEMENT_METRIC } from './model-grid.js';
import { qScoreSection } from './q-score/index.js';
import { atomInclusionSection } from './atom-inclusion/index.js';
import { mapModelGuinierSection } from './guinier/index.js';
import { LEVELA } from './level.js';
import { shiftedModel, syntheticFitCase, type SyntheticCase } from './testing.js';

const gridOf = (v: Volume): GridGeometry => ({ nx: v.nx, ny: v.ny, nz: v.nz, voxelSize: v.voxelSize, origin: v.origin });

function context(map: Volume, model: ModelInput, placement: Placement, params: Partial<Level0Params> = {}): MetricContext {
  return {
    volume: map, inputs: { map, model },
    params: { threshold: 0.1, resolution: 4, profile: 'standard', voxelSize: map.voxelSize.x, ...params },
    deps: { [PLACEMENT_METRIC]: placement },
    putArtifact: () => { throw new Error('no artifacts'); },
    readArtifact: () => { throw new Error('no artifacts'); },
    progress: () => {},
  };
}

describe('Level A model sections through their metrics (3MFP at 4 Å)', () => {
  let c: SyntheticCase, placed: Placement;
  beforeAll(() => {
    c = syntheticFitCase('3MFP_tempy_modeller.pdb', { resolution: 4, voxelSize: 1.2, noise: 0.1 });
    placed = computePlacement(c.map, c.model, gridOf(c.map), 4);
  });

  it('are declared in Level A after A.a, each depending on the placement and reading the model', () => {
    expect(LEVELA.sections.map((s) => [s.field, s.id])).toEqual([
      ['placement', null], ['fit', 'A.a'], ['fscQ', 'A.b'], ['mapModelGuinier', 'A.d'], ['qScore', 'A.e'], ['atomInclusion', 'A.h'],
    ]);
    for (const s of [qScoreSection, atomInclusionSection, mapModelGuinierSection]) {
      expect(s.metric.dependsOn).toEqual([PLACEMENT_METRIC]);
      expect(s.metric.inputs).toEqual(['map', 'model']);
    }
  });

  it('placed: Q passes, the backbone is inside the contour, the profiles of map and model map agree', async () => {
    const ctx = context(c.map, c.model, placed);
    const q = await qScoreSection.metric.compute(ctx);
    expect(q.status).toBe('OK');
    expect(q.medianResidueQ!).toBeGreaterThan(0.3);
    const inc = await atomInclusionSection.metric.compute(ctx);
    expect(inc.status).toBe('OK');
    expect(inc.contour).toBe(0.1);
    expect(inc.backboneIncludedFraction!).toBeGreaterThan(0.9);
    const g = await mapModelGuinierSection.metric.compute(ctx);
    expect(g.status).toBe('OK');
    expect(g.correlation!).toBeGreaterThan(0.9);
  });

  it('not placed (moved by 5 Å) or no resolution: the three do not apply and say why', async () => {
    const moved = shiftedModel(c, 3, 4, 0);
    const p = computePlacement(c.map, moved, gridOf(c.map), 4);
    expect(p.placed).toBe(false);
    for (const s of [qScoreSection, atomInclusionSection, mapModelGuinierSection]) {
      const r = await s.metric.compute(context(c.map, moved, p));
      expect(r.status).toBe('NOT_APPLICABLE');
      expect(r.statusReason).toMatch(/not placed/);
      const n = await s.metric.compute(context(c.map, c.model, placed, { resolution: null }));
      expect(n.status).toBe('NOT_APPLICABLE');
      expect(n.statusReason).toMatch(/resolution/);
    }
  });

  it("the placement's shift is applied to the atoms", async () => {
    // a placement that moves the model by (3, 4, 0) Å, given with the model moved by (−3, −4, 0)
    const back = shiftedModel(c, -3, -4, 0);
    const p: Placement = { ...placed, shift: { x: 3, y: 4, z: 0 } };
    const q = await qScoreSection.metric.compute(context(c.map, back, p));
    const ref = await qScoreSection.metric.compute(context(c.map, c.model, placed));
    expect(q.shift).toEqual({ x: 3, y: 4, z: 0 });
    expect(q.medianResidueQ!).toBeCloseTo(ref.medianResidueQ!, 3);
  });
});

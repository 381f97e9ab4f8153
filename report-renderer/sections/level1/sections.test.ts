/**
 * The report files of 1.c, 1.e and 1.h render a record as the graph answers it (numbers only
 * formatted): their parameters, the percentile sentence, the plots; and the fragments select
 * every field they print.
 */
import { describe, expect, it } from 'vitest';
import type { DirectionalFscAnalysis, HalfMonoResAnalysis, LevelLayout, LocalFscAnalysis, SectionBase } from '../../types.js';
import { Figures } from '../../templates/figures.js';
import type { SectionContext } from '../../templates/sections.js';
import localFsc from './localFsc.js';
import monoRes from './monoRes.js';
import directionalFsc from './directionalFsc.js';

const base = (id: string, title: string): SectionBase => ({
  id, title, status: 'OK', warnings: [], explanation: 'e', criteria: 'c', algorithm: 'a', algorithmVersion: '1', statusReason: null,
} as SectionBase);

const ctx = (field: string, number: string): SectionContext => {
  const level = { field: 'level1', id: '1', typeName: 'Level1', chapter: 3, chapterTitle: 'Level 1 analysis', vrsLevel: true, inputs: ['map', 'half1', 'half2'], sections: [] } as LevelLayout;
  return {
    figs: new Figures(), images: new Map(), views: {}, threshold: 0.1, resolution: 4, voxelSize: 1,
    section: { field, id: null, title: '', number, graded: true, typeName: '', scalarFields: [] }, level,
    record: {} as SectionContext['record'], map: {} as SectionContext['map'],
  };
};

const local = {
  method: 'm', unit: 'Å', percentiles: { p2_5: 3.5, p25: 3.9, p50: 4.4, p75: 7.2, p97_5: 8.1 }, reportedResolutionPercentile: 12.5,
  histogram: { binEdges: [3, 4, 5], counts: [10, 5] }, voxels: 1234, mapSha256: 'ab', views: [],
};

describe('Level 1 report files', () => {
  it('1.c: box, step, positions and threshold; the percentile of R; painted surface asked for', () => {
    const r = { ...base('1.c', '1.c Local resolution (local FSC)'), ...local, boxSize: 24, step: 5.56, fscThreshold: 0.5, positions: 8000 } as LocalFscAnalysis;
    const html = localFsc.render(r, ctx('localFsc', '3.3'));
    expect(html).toContain('Soft box of 24.0 Å');
    expect(html).toContain('every 5.56 Å');
    expect(html).toContain('(8000 in the mask)');
    expect(html).toContain('falls below 0.500');
    expect(html).toContain('is at the percentile 12.5');
    expect(localFsc.fragment).toMatch(/boxSize step fscThreshold positions/);
    expect(localFsc.surface!(r)).toBe('painted');
  });

  it('1.e: the sweep and its sampling', () => {
    const r = { ...base('1.e', '1.e Local resolution (MonoRes, half maps)'), ...local, maxResolution: 20, minResolution: 2, step: 0.5, sweepVoxelSize: 1.6 } as HalfMonoResAnalysis;
    const html = monoRes.render(r, ctx('monoRes', '3.5'));
    expect(html).toContain('Sweep from 20.00 Å towards 2.00 Å in 0.50 Å steps');
    expect(html).toContain('at 1.600 Å/voxel');
    expect(monoRes.fragment).toMatch(/maxResolution minResolution step sweepVoxelSize/);
  });

  it('1.h: table, FSC plot, histogram and direction map', () => {
    const r = {
      ...base('1.h', '1.h Directional resolution (3DFSC)'), coneAngle: 20, fscThreshold: 0.143, sphericityThreshold: 0.5, globalResolution: 4.02,
      meanResolution: 4.9, sdResolution: 1.1, minResolution: 3.9, maxResolution: 7.6, uncrossedAxes: 0, sphericity: 0.871,
      directions: [{ x: 0, y: 0, z: 1, resolution: 7.6 }, { x: 1, y: 0, z: 0, resolution: 3.9 }],
      curve: [{ frequency: 0.1, resolution: 10, global: 0.9, mean: 0.9, sd: 0.02, min: 0.85, max: 0.95 }, { frequency: 0.2, resolution: 5, global: 0.5, mean: 0.5, sd: 0.2, min: 0.1, max: 0.8 }],
      histogram: { binEdges: [3, 5, 8], counts: [1, 1] },
    } as DirectionalFscAnalysis;
    const html = directionalFsc.render(r, ctx('directionalFsc', '3.6'));
    expect(html).toContain('4.02 Å');
    expect(html).toContain('4.90 ± 1.10 Å');
    expect(html).toContain('3.90 / 7.60 Å');
    expect(html).toContain('0.871');
    expect(html).toContain('2 (20°)');
    expect((html.match(/<svg/g) ?? []).length).toBe(3);
    expect(html).toContain('Number of directions');
    for (const f of ['globalResolution', 'sphericity', 'directions { x y z resolution }', 'curve {']) expect(directionalFsc.fragment).toContain(f);
  });
});

import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { PRODUCT_LEVELS } from '../../worker-pool/metrics/catalogue.js';
import { reportLayout } from './layout.js';

describe('reportLayout', () => {
  it('numbers chapters and graded sections from the declared lists', () => {
    const [l0] = reportLayout(PRODUCT_LEVELS);
    expect(l0).toMatchObject({ field: 'level0', id: '0', typeName: 'Level0', chapter: 2, chapterTitle: 'Level 0 analysis' });
    expect(l0!.sections.map((s) => [s.field, s.id, s.number, s.graded])).toEqual([
      ['inputData', null, null, false],
      ['mass', '0.a', '2.1', true],
      ['mask', '0.b', '2.2', true],
      ['background', '0.c', '2.3', true],
      ['bFactor', '0.d', '2.4', true],
      ['localResolution', '0.e', '2.5', true],
      ['localBFactor', '0.f', '2.6', true],
      ['localOccupancy', '0.g', '2.7', true],
      ['hand', '0.h', '2.8', true],
    ]);
    expect(l0!.sections[1]!.title).toBe('0.a Mass analysis');
    expect(l0!.sections.find((s) => s.field === 'hand')!.scalarFields).toContain('score');
  });

  it('marks the archive checks as outside the VRS score, every other level as scored', () => {
    const levels = reportLayout(PRODUCT_LEVELS);
    expect(levels.map((l) => [l.field, l.scored])).toEqual(PRODUCT_LEVELS.map((l) => [l.field, l.field !== 'archive']));
    expect(levels.some((l) => l.field === 'archive')).toBe(true);
  });
});

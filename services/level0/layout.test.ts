import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { PRODUCT_LEVELS } from '../../worker-pool/metrics/catalogue.js';
import { fieldInWords } from '../../worker-pool/metrics/units.js';
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

  it('gives each scalar field its unit, description and label, in the order of scalarFields', () => {
    const levels = reportLayout(PRODUCT_LEVELS);
    for (const s of levels.flatMap((l) => l.sections)) expect(s.scalars.map((f) => f.field), s.field).toEqual(s.scalarFields);
    const field = (level: string, section: string, name: string) => levels.find((l) => l.field === level)!.sections.find((s) => s.field === section)!.scalars.find((f) => f.field === name)!;
    expect(field('level1', 'globalResolution', 'resolution0143')).toEqual({ field: 'resolution0143', unit: 'Å', description: expect.stringMatching(/^Å, where the corrected masked FSC falls below 0\.143/), label: 'Resolution where the corrected masked FSC falls below 0.143' });
    // every key number has a label, none is its field name as it is
    for (const f of levels.flatMap((l) => l.sections.flatMap((s) => s.scalars))) expect(f.label, f.field).not.toBe(f.field);
    expect(field('archive', 'volume', 'enclosedVolume').label).toBe('Volume at or above the contour');
    expect(field('archive', 'volume', 'enclosedVolume').unit).toBe('nm³');
    expect(field('levelA', 'fscQ', 'percentOutliers').unit).toBe('%');
    expect(field('levelA', 'fit', 'ccMask').unit).toBeNull();
    // a text field has no unit, even one whose description starts like one
    expect(field('level0', 'localResolution', 'unit').unit).toBeNull();
    expect(field('level1', 'globalResolution', 'halfMapsLookMasked').unit).toBeNull();
  });

  it('reads every key number\'s label of Level 0, 1, A and the archive checks from its description, none falls back to the field name in words', () => {
    const levels = reportLayout(PRODUCT_LEVELS);
    expect(levels.map((l) => l.field)).toEqual(['level0', 'level1', 'levelA', 'archive']);
    // labelOfDescription gives fieldInWords(field) when it cannot read a label ("Resolution ssnr", "Box size")
    const fallbacks = levels.flatMap((l) => l.sections.flatMap((s) => s.scalars.filter((f) => f.label === fieldInWords(f.field)).map((f) => `${l.field}.${s.field}.${f.field}: "${f.label}"`)));
    expect(fallbacks).toEqual([]);
    const field = (level: string, section: string, name: string) => levels.find((l) => l.field === level)!.sections.find((s) => s.field === section)!.scalars.find((f) => f.field === name)!.label;
    // the two the issue named, and a few read through a formula
    expect(field('level1', 'globalResolution', 'resolutionSsnr')).toBe('Resolution where the SSNR falls below 2');
    expect(field('level1', 'localFsc', 'boxSize')).toBe('Edge of the local-FSC box');
    expect(field('levelA', 'atomInclusion', 'includedFraction')).toBe('Fraction of the atoms inside the contour');
    expect(field('level0', 'mask', 'totalVolume')).toBe('Volume of the raw mask');
    expect(field('level1', 'monoRes', 'sweepVoxelSize')).toBe('Voxel size the sweep ran at');
  });

  it('marks the archive checks as outside the VRS score, every other level as scored', () => {
    const levels = reportLayout(PRODUCT_LEVELS);
    expect(levels.map((l) => [l.field, l.scored])).toEqual(PRODUCT_LEVELS.map((l) => [l.field, l.field !== 'archive']));
    expect(levels.some((l) => l.field === 'archive')).toBe(true);
  });
});

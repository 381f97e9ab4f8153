/** Units read from the record fields' descriptions, on the product levels' own fields. */
import { describe, expect, it } from 'vitest';
import { PRODUCT_LEVELS } from './catalogue.js';
import { labelOfDescription, unitOfDescription } from './units.js';

/** level.section.field → its description, for every scalar field of the product levels. */
const DESCRIPTIONS = new Map<string, string | undefined>(PRODUCT_LEVELS.flatMap((l) => l.sections.flatMap((s) =>
  Object.entries(s.record.fields).filter(([, f]) => f.shape.kind === 'scalar').map(([name, f]) => [`${l.field}.${s.field}.${name}`, f.description] as [string, string | undefined]))));
const unit = (path: string) => {
  expect(DESCRIPTIONS.has(path), path).toBe(true);
  return unitOfDescription(DESCRIPTIONS.get(path));
};

describe('unitOfDescription', () => {
  it('reads the unit a description starts with, and none from words', () => {
    expect(unitOfDescription('Å, where the FSC falls below 0.143')).toBe('Å');
    expect(unitOfDescription('Å/voxel the sweep ran at')).toBe('Å/voxel');
    expect(unitOfDescription('Å²: slope of ln|F| vs 1/d²')).toBe('Å²');
    expect(unitOfDescription('1/Å')).toBe('1/Å');
    expect(unitOfDescription('% of the atoms with FSC-Q > 0.5 Å')).toBe('%');
    expect(unitOfDescription('degrees: half-angle of the cones')).toBe('°');
    expect(unitOfDescription('map units, the contour marked on the plot')).toBe('map units');
    // a word that only begins like a unit is not one
    expect(unitOfDescription('Damping factor')).toBeNull();
    expect(unitOfDescription('mean Q of the atoms')).toBeNull();
    expect(unitOfDescription('fraction of the voxels at or above the contour')).toBeNull();
    expect(unitOfDescription(undefined)).toBeNull();
  });

  it('gives the fields of Levels 0, 1, A and the archive checks their units', () => {
    expect(unit('level1.globalResolution.resolution0143')).toBe('Å');
    expect(unit('level1.globalResolution.randomizedFrom')).toBe('Å');
    expect(unit('level1.globalResolution.maskFraction')).toBeNull();
    expect(unit('level1.globalResolution.phaseRandomizedAtResolution')).toBeNull(); // an FSC value
    expect(unit('level1.fscPermutation.maskRadius')).toBe('Å');
    expect(unit('level1.directionalFsc.coneAngle')).toBe('°');
    expect(unit('level1.monoRes.sweepVoxelSize')).toBe('Å/voxel');
    expect(unit('levelA.fit.fsc05Masked')).toBe('Å');
    expect(unit('levelA.fit.ccMask')).toBeNull();
    expect(unit('levelA.fscQ.percentOutliers')).toBe('%');
    expect(unit('levelA.qScore.referenceHeight')).toBe('map units');
    expect(unit('levelA.atomInclusion.includedFraction')).toBeNull();
    expect(unit('level0.bFactor.bFactor')).toBe('Å²');
    expect(unit('level0.mask.totalVolume')).toBe('Å³');
    expect(unit('level0.mask.percentOutsideLargest')).toBe('%');
    expect(unit('archive.volume.enclosedVolume')).toBe('nm³');
    expect(unit('archive.volume.surfaceArea')).toBe('nm²');
    expect(unit('archive.volume.molecularMass')).toBe('Da');
    expect(unit('archive.powerSpectrum.nyquist')).toBe('1/Å');
    expect(unit('archive.distribution.fractionAboveContour')).toBeNull();
  });

  it('every Float of these levels whose name says it is a resolution, volume, area or percentage has that unit', () => {
    for (const [path, description] of DESCRIPTIONS) {
      const name = path.split('.')[2]!;
      const u = unitOfDescription(description);
      if (/^cc/.test(name)) expect(u, path).toBeNull(); // correlations (ccVolume: CC over a volume)
      else if (/^percent/.test(name)) expect(u, path).toBe('%');
      else if (/Volume$/.test(name) && path.startsWith('archive.')) expect(u, path).toBe('nm³');
      else if (/Volume$/.test(name)) expect(u, path).toBe('Å³');
      else if (/^(resolution\d|resolution$|fsc\d|.*Resolution$)/.test(name) && !/Percentile|AtResolution/.test(name)) expect(u, `${path}: ${description}`).toBe('Å');
    }
  });
});

describe('labelOfDescription', () => {
  it('reads the label after the unit, up to the first clause; a unit only, a formula or a flag gives the field in words', () => {
    expect(labelOfDescription('resolution0143', 'Å, where the corrected masked FSC falls below 0.143; null when it does not cross up to Nyquist')).toBe('Resolution where the corrected masked FSC falls below 0.143');
    expect(labelOfDescription('resolution0143Masked', 'Å, where the masked (uncorrected) FSC falls below 0.143; null when…')).toBe('Resolution where the masked (uncorrected) FSC falls below 0.143');
    expect(labelOfDescription('fsc05Masked', "Å: map–model FSC = 0.5, masked (the VRS criterion's d_FSC_model)")).toBe('Map–model FSC = 0.5, masked');
    expect(labelOfDescription('maskRadius', 'Å: mask radius around the atoms, max(3, min(10, max(resolution, d99, atom image radius)))')).toBe('Mask radius around the atoms');
    expect(labelOfDescription('percentOutliers', '% of the atoms with |FSC-Qr| > 1.5 (VRS criterion: at most 10)')).toBe('% of the atoms with |FSC-Qr| > 1.5');
    expect(labelOfDescription('voxels', 'voxels the statistics are taken over')).toBe('Voxels the statistics are taken over');
    expect(labelOfDescription('totalVoxels', 'voxels')).toBe('Total voxels');
    expect(labelOfDescription('volumeRatio', 'enclosedVolume / expectedVolume; null without a mass')).toBe('Volume ratio');
    expect(labelOfDescription('bFactor', 'Å², 4 × slope (null when the fit could not be made)')).toBe('B factor');
    expect(labelOfDescription('halfMapsLookMasked', 'true when a half map looks masked')).toBe('Half maps look masked');
    expect(labelOfDescription('enclosedVolume', null)).toBe('Enclosed volume');
    expect(labelOfDescription('sweepVoxelSize', "Å/voxel, voxel size the sweep ran at: the map's")).toBe('Voxel size the sweep ran at');
    expect(labelOfDescription('fdr', 'the false discovery rate level, 0.01')).toBe('False discovery rate level');
  });
});

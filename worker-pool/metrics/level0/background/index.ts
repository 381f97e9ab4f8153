/** 0.c Background analysis: is the background flat, zero-mean and free of outliers. */
import { float, list, object } from '../../record-schema.js';
import { IMAGE, sectionSchema } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { BackgroundAnalysis } from './record.js';
import { BACKGROUND_TITLE } from './texts.js';
import { dimsOf, masksOf, putter } from '../support.js';
import { BACKGROUND_VERSION, computeBackground } from './compute.js';

export const backgroundSection: SectionDeclaration<BackgroundAnalysis> = {
  field: 'background',
  id: '0.c',
  title: BACKGROUND_TITLE,
  description: '0.c',
  record: sectionSchema<BackgroundAnalysis>()('BackgroundAnalysis', { description: '0.c Background analysis' }, {
    tStatistic: float("Student's t statistic of the background mean against 0: mean / (s/√n), s with ddof 1 (one-sample t test); dimensionless"),
    pValue: float('two-sided p-value of that t test (n − 1 degrees of freedom), in [0, 1]'),
    mean: float('map units, mean of the background voxels'),
    standardDeviation: float('population standard deviation (ddof 0), map units'),
    backgroundVoxels: float('voxels in the background (outside the mask)'),
    percentBeyond5Sigma: float('% of background voxels with |v| > 5σ'),
    percentGaussian: float('% expected for a Gaussian: 100·2Φ(−5)'),
    ratio: float('excess of outliers beyond 5σ over a Gaussian: percentBeyond5Sigma / percentGaussian; dimensionless (a warning above 20)'),
    outlierSlices: list(object(IMAGE), 'slices of the background voxels with |v| > 5σ'),
  }),
  metric: {
    name: 'level0.background',
    version: BACKGROUND_VERSION,
    cost: 0.04, // CPU-s per million voxels (bench level0 at 200³: 0.29 CPU-s)
    memory: 4, // the figure's map of 5σ outliers (float32): 3.8 B/voxel measured at 256³
    dependsOn: ['level0.masks'],
    keyParams: ['threshold', 'voxelSize', 'profile'],
    compute(ctx) {
      const m = masksOf(ctx);
      return computeBackground(ctx.volume.data, dimsOf(ctx), m.hard, putter(ctx));
    },
  } satisfies MetricDefinition<BackgroundAnalysis>,
  empty: (status, reason) => emptySectionBase('0.c', BACKGROUND_TITLE, status, reason),
  abstract: { ok: 'There is no problem with its background.', warn: (n) => `There seems to be a problem with the map's background (see Sec. ${n}).` },
  ranked: [{ path: 'tStatistic', label: '0.c Background t', unit: '', better: null }, { path: 'ratio', label: '0.c 5σ outlier ratio', unit: '', better: 'lower' }],
};

/**
 * E.a Map-value distribution (EMDB va): 128 equal bins between the map's minimum and maximum,
 * counts below 1 shown as 1 on a log10 axis, the contour level marked.
 */
import { float, int, list, object, recordSchema } from '../../record-schema.js';
import { sectionSchema, type SectionBase } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { levelSectionBase } from '../../level0/section.js';
import { histogram, summaryStats } from '../../../kernels/stats/index.js';
import { ARCHIVE_CRITERIA } from '../texts.js';

export const DISTRIBUTION_TITLE = 'E.a Map-value distribution';
export const DISTRIBUTION_VERSION = '1';
/** va's bin count. */
export const DISTRIBUTION_BINS = 128;

export interface DistributionBin {
  /** map units, the bin's centre */
  value: number;
  count: number;
  /** log10(max(count, 1)), as va plots it */
  log10Count: number;
}

export interface MapValueDistribution extends SectionBase {
  bins: DistributionBin[];
  minimum: number;
  maximum: number;
  mean: number;
  /** population standard deviation */
  standardDeviation: number;
  /** map units, the contour marked on the plot */
  contour: number;
  /** fraction of the voxels at or above the contour */
  fractionAboveContour: number;
}

const BIN = recordSchema<DistributionBin>()('DistributionBin', { description: 'One bin of the map-value histogram' }, {
  value: float("map units, the bin's centre"),
  count: int('voxels in the bin'),
  log10Count: float('log10(max(count, 1)), as EMDB plots it'),
});

export function computeDistribution(data: Float32Array, contour: number): MapValueDistribution {
  const h = histogram(data, DISTRIBUTION_BINS);
  const s = summaryStats(data);
  let above = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! >= contour) above++;
  const bins = Array.from(h.counts, (count, k) => ({ value: (h.edges[k]! + h.edges[k + 1]!) / 2, count, log10Count: Math.log10(Math.max(count, 1)) }));
  return {
    ...levelSectionBase('E.a', {
      title: DISTRIBUTION_TITLE,
      explanation: 'The distribution of the map values: a map with a large, narrow peak near zero and a long positive tail is typical; ' +
        'several peaks, a truncated tail or a distribution cut at a value suggest masking, clipping or a changed scale.',
      criteria: ARCHIVE_CRITERIA,
      algorithm: `Histogram of ${DISTRIBUTION_BINS} equal bins between the minimum and maximum (numpy.histogram), log10 counts`,
      algorithmVersion: DISTRIBUTION_VERSION,
    }, []),
    bins,
    minimum: h.edges[0]!,
    maximum: h.edges[DISTRIBUTION_BINS]!,
    mean: s.mean,
    standardDeviation: s.stdPopulation,
    contour,
    fractionAboveContour: above / data.length,
  };
}

export const distributionSection: SectionDeclaration<MapValueDistribution> = {
  field: 'distribution',
  id: 'E.a',
  title: DISTRIBUTION_TITLE,
  description: 'E.a map-value distribution (log10 voxel counts in 128 bins, contour marked)',
  record: sectionSchema<MapValueDistribution>()('MapValueDistribution', { description: DISTRIBUTION_TITLE }, {
    bins: list(object(BIN), '128 bins between the minimum and maximum'),
    minimum: float('map units, smallest map value'),
    maximum: float('map units, largest map value'),
    mean: float('map units, mean map value'),
    standardDeviation: float('map units, population standard deviation'),
    contour: float('map units, the contour marked on the plot'),
    fractionAboveContour: float('fraction of the voxels at or above the contour'),
  }),
  metric: {
    name: 'archive.distribution',
    version: DISTRIBUTION_VERSION,
    dependsOn: [],
    keyParams: ['threshold'],
    cost: 0.05,
    memory: 1, // a histogram: 0.0 B/voxel measured at 256³ and 400³
    compute: (ctx) => computeDistribution(ctx.volume.data, ctx.params.threshold),
  } satisfies MetricDefinition<MapValueDistribution>,
  empty: (status, reason) => ({ bins: [], ...emptySectionBase('E.a', DISTRIBUTION_TITLE, status, reason) }),
  withoutCriteria: true,
};

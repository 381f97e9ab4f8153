/** 1.b FSC permutation test (SPOC): resolution at 1 % FDR. */
import { boolean, float, list, object, recordSchema } from '../../record-schema.js';
import { sectionSchema } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { FscPermutation, PermutationPoint } from './record.js';
import { FSC_PERMUTATION_TITLE } from './texts.js';
import { dimsOf } from '../../level0/support.js';
import { halvesOf } from '../half-maps.js';
import { FSC_PERMUTATION_VERSION, computeFscPermutation } from './compute.js';

const PERMUTATION_POINT = recordSchema<PermutationPoint>()('PermutationPoint', { description: 'One Fourier shell of the FSC permutation test' }, {
  frequency: float('1/Å, shell centre'),
  resolution: float('Å; null at shell 0').orNull(),
  fsc: float('FSC of the circularly masked half maps over the stored coefficients of the shell'),
  pValue: float('one-sided p-value of the permutation test'),
  qValue: float('Benjamini–Yekutieli adjusted p-value'),
  significant: boolean('true when qValue ≤ fdr'),
  permuted: boolean('true when the p-value came from 1000 real permutations (shells of up to 4000 coefficients); false: from the normal limit of the permutation distribution'),
});

export const fscPermutationSection: SectionDeclaration<FscPermutation> = {
  field: 'fscPermutation',
  id: '1.b',
  title: FSC_PERMUTATION_TITLE,
  description: '1.b',
  record: sectionSchema<FscPermutation>()('FscPermutation', { description: '1.b FSC permutation test (SPOC, Beckers & Sachse 2020)' }, {
    curve: list(object(PERMUTATION_POINT), 'one point per Fourier shell, from 0 to Nyquist'),
    resolution: float('Å: the last shell before the first one not significant at the FDR level (SPOC); null when already shell 1 is not').orNull(),
    fdr: float('the false discovery rate level, 0.01'),
    maskRadius: float("Å, radius of SPOC's circular mask (half the smallest side minus 4 voxels; Gaussian edge σ = 2 voxels)"),
  }),
  metric: {
    name: 'level1.fscPermutation',
    version: FSC_PERMUTATION_VERSION,
    cost: 0.09, // CPU-s per million voxels (bench level1 at 400³: 5.2 CPU-s)
    dependsOn: [],
    keyParams: ['voxelSize', 'resolution'],
    inputs: ['map', 'half1', 'half2'],
    compute(ctx) {
      const { half1, half2 } = halvesOf(ctx, 'level1.fscPermutation');
      return computeFscPermutation({ half1, half2, dims: dimsOf(ctx), voxelSize: ctx.params.voxelSize, resolution: ctx.params.resolution });
    },
  } satisfies MetricDefinition<FscPermutation>,
  empty: (status, reason) => ({ curve: [], fdr: 0.01, maskRadius: 0, ...emptySectionBase('1.b', FSC_PERMUTATION_TITLE, status, reason) }),
  abstract: {
    ok: null,
    warn: (n) => `The reported resolution seems finer than the FSC permutation test supports (see Sec. ${n}).`,
  },
};

/**
 * A toy section (test of issue 11: a section is one folder + a report file + one list entry):
 * the map's maximum and mean, with a criterion (warn when the maximum is below 1). Its record,
 * texts, compute and "does not apply" record, all here.
 */
import { float, int } from '../../../metrics/record-schema.js';
import { sectionSchema, type SectionBase } from '../../../metrics/section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../../metrics/levels.js';
import type { MetricDefinition } from '../../../metrics/types.js';

export interface ToyCheck extends SectionBase {
  /** map units */
  maximum: number;
  /** map units */
  mean: number;
  /** voxels */
  voxels: number;
}

const TITLE = 'T.a Toy check';
const TEXTS = { explanation: 'The toy check reads the map\'s largest value and its mean.', criteria: 'The validation is OK if the maximum is at least 1.' };

export const toyCheckSection: SectionDeclaration<ToyCheck> = {
  field: 'check',
  id: 'T.a',
  title: TITLE,
  description: 'T.a (a toy section of the tests)',
  record: sectionSchema<ToyCheck>()('ToyCheck', { description: 'T.a Toy check' }, {
    maximum: float('map units'),
    mean: float('map units'),
    voxels: int('voxels'),
  }),
  metric: {
    name: 'toy.check',
    version: '1',
    dependsOn: [],
    keyParams: [],
    compute(ctx) {
      const d = ctx.volume.data;
      let max = -Infinity;
      let sum = 0;
      for (let i = 0; i < d.length; i++) {
        if (d[i]! > max) max = d[i]!;
        sum += d[i]!;
      }
      const warnings = max < 1 ? ['The maximum is below 1.'] : [];
      return {
        id: 'T.a', title: TITLE, status: warnings.length ? 'WARNING' : 'OK', warnings, ...TEXTS,
        algorithm: 'toy', algorithmVersion: '1', computeMillis: null, statusReason: null,
        maximum: max, mean: sum / d.length, voxels: d.length,
      };
    },
  } satisfies MetricDefinition<ToyCheck>,
  empty: (status, reason) => emptySectionBase('T.a', TITLE, status, reason),
  abstract: { ok: 'The toy check passed.', warn: (n) => `The toy check warns (see Sec. ${n}).` },
};

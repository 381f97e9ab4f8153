/** Report file of the tests' toy section T.a (worker-pool/testing/toy-level): its selection and template. */
import type { SectionBase } from '../../types.js';
import { fx, int } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

interface ToyCheck extends SectionBase {
  maximum: number;
  mean: number;
  voxels: number;
}

function render(t: ToyCheck, ctx: SectionContext): string {
  return guard(t, ctx, () =>
    `<div class="blk"><h4>Results:</h4><p>The toy maximum is ${fx(t.maximum, 4)} and the toy mean ${fx(t.mean, 6)}, over ${int(t.voxels)} voxels.</p></div>`);
}

export default {
  fragment: `${SECTION_FIELDS} maximum mean voxels`,
  render,
} satisfies SectionModule<ToyCheck>;

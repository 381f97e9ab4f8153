/** Report file of 1.b (FSC permutation test): the FSC with the shells significant at 1 % FDR, and the resolution. */
import type { FscPermutation } from '../../types.js';
import { permutationPlot } from '../../svg/fsc-plot.js';
import { figRef, figure } from '../../templates/figures.js';
import { fx } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(p: FscPermutation, ctx: SectionContext): string {
  return guard(p, ctx, () => {
    const n = ctx.figs.next();
    const significant = p.curve.filter((x) => x.significant).length;
    const res = p.resolution === null ? 'no shell is significant' : `the resolution at ${fx(100 * p.fdr, 0)} % FDR is <b>${fx(p.resolution, 2)} Å</b>`;
    return `<div class="blk"><h4>Results:</h4><p>${figRef(n)} shows the FSC of the half maps (circular mask of radius ${fx(p.maskRadius, 1)} Å) and the ${significant} shells ` +
      `whose correlation is significant at ${fx(100 * p.fdr, 0)} % FDR; ${res}.</p></div>` +
      figure(n, [{ svg: permutationPlot(p.curve, p.resolution), label: '' }], 'FSC of the half maps; shells significant at 1 % FDR (Benjamini–Yekutieli) are marked.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} resolution fdr maskRadius curve { frequency resolution fsc pValue qValue significant permuted }`,
  render,
} satisfies SectionModule<FscPermutation>;

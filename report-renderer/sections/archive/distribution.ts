/** Report file of E.a (map-value distribution): log10 counts per bin, the contour marked. */
import type { SectionBase } from '../../types.js';
import { linePlot } from '../../svg/archive-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { fx } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

interface Distribution extends SectionBase {
  bins: { value: number; count: number; log10Count: number }[];
  minimum: number; maximum: number; mean: number; standardDeviation: number; contour: number; fractionAboveContour: number;
}

function render(r: Distribution, ctx: SectionContext): string {
  return guard(r, ctx, () => {
    const n = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>${figRef(n)} shows the distribution of the map values in ${r.bins.length} bins between ${fx(r.minimum, 4)} and ${fx(r.maximum, 4)} ` +
      `(mean ${fx(r.mean, 4)}, standard deviation ${fx(r.standardDeviation, 4)}). ${fx(100 * r.fractionAboveContour, 2)} % of the voxels are at or above the contour ${fx(r.contour, 4)}.</p></div>` +
      figure(n, [{ svg: linePlot([{ points: r.bins.map((b) => [b.value, b.log10Count]), label: 'voxels' }], 'Map value (map units)', 'log10(number of voxels)', { value: r.contour, label: 'contour' }, true), label: '' }],
        'Map-value distribution (log10 of the voxel count per bin; counts below 1 shown as 1). The dashed line is the contour level.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} bins { value count log10Count } minimum maximum mean standardDeviation contour fractionAboveContour`,
  render,
} satisfies SectionModule<Distribution>;

/** Report file of A.d Map–model Guinier: the two profiles and their correlation. */
import type { MapModelGuinierAnalysis } from '../../types.js';
import { mapModelGuinierPlot } from '../../svg/model-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { fx, int } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(g: MapModelGuinierAnalysis, ctx: SectionContext): string {
  return guard(g, ctx, () => {
    const n = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>Over ${int(g.points.length)} shells, from the first to ${fx(g.resolution, 2)} Å, the Guinier profiles ` +
      `of the map and of the model map correlate with R = ${fx(g.correlation, 3)} (the model map's ln|F| was shifted by ${fx(g.offset, 3)} to the map's mean); ` +
      `${figRef(n)} shows both.</p></div>` +
      figure(n, [{ svg: mapModelGuinierPlot(g.points), label: '' }], 'Guinier profiles (ln of the mean |F| per shell) of the map and of the model map, means equalised.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} resolution correlation offset shift { x y z } points { inverseResolutionSquared lnAmplitudeMap lnAmplitudeModel }`,
  render,
} satisfies SectionModule<MapModelGuinierAnalysis>;

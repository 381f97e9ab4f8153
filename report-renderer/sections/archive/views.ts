/** Report file of E.d (central slices and orthogonal projections of the map at its contour). */
import type { Image, SectionBase } from '../../types.js';
import { figRef, figure, imageSubs } from '../../templates/figures.js';
import { fx } from '../../templates/format.js';
import { guard, IMAGE_FIELDS, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

interface ContourViews extends SectionBase {
  contour: number;
  centralSlices: Image[];
  projections: Image[];
}

function render(r: ContourViews, ctx: SectionContext): string {
  return guard(r, ctx, () => {
    const s = ctx.figs.next();
    const p = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>The map at its contour ${fx(r.contour, 4)}: central slices with the values below the contour dimmed in ${figRef(s)}, ` +
      `orthogonal projections of the values at or above it in ${figRef(p)}.</p></div>` +
      figure(s, imageSubs(r.centralSlices, ctx.images, 'slice'), 'Central slices of the map; the values below the contour are dimmed (bright: at or above the contour)') +
      figure(p, imageSubs(r.projections, ctx.images, 'projection'), 'Orthogonal projections (sums) of the map at the contour (values below it set to 0)');
  });
}

export default {
  fragment: `${SECTION_FIELDS} contour centralSlices { ${IMAGE_FIELDS} } projections { ${IMAGE_FIELDS} }`,
  images: (r) => [...(r.centralSlices ?? []), ...(r.projections ?? [])],
  render,
} satisfies SectionModule<ContourViews>;

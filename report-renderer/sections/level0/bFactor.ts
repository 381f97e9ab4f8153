/** Report file of 0.d (B-factor): its selection, figures (Guinier plot, sharpened slices) and template. */
import type { BFactorAnalysis } from '../../types.js';
import { guinierPlot } from '../../svg/plots.js';
import { figRef, figure, imageSubs } from '../../templates/figures.js';
import { fx, int, num } from '../../templates/format.js';
import { guard, IMAGE_FIELDS, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(b: BFactorAnalysis, ctx: SectionContext): string {
  return guard(b, ctx, () => {
    const g = ctx.figs.next();
    const s = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>${figRef(g)} shows the natural logarithm of the mean amplitude |F| of the Fourier transform in each resolution shell ` +
      `of the experimental map, its fitted line (between ${num(b.fitLowResolution)} Å and ${num(b.fitHighResolution)} Å, ${int(b.fitPoints)} shells), and the corrected map. ` +
      `The estimated B-factor was ${fx(b.bFactor, 1)} Å². The fitted line was ln(mean |F|) = ${fx(b.slope, 1)}/R² + (${fx(b.intercept, 1)}).</p></div>` +
      figure(g, [{ svg: guinierPlot(b.guinier, b.slope, b.intercept, b.fitLowResolution, b.fitHighResolution), label: '' }],
        'Guinier plot. The X-axis is the square of the inverse of the resolution (1/Å²); the top axis gives the resolution in Å; the shaded band is the fit range.') +
      `<div class="blk"><p>The slices of the B-factor corrected map are in ${figRef(s)}.</p></div>` +
      figure(s, imageSubs(b.sharpenedSlices, ctx.images, 'slice'), 'Slices of maximum variation in the three dimensions of the B-factor corrected map');
  });
}

export default {
  fragment: `${SECTION_FIELDS} bFactor slope intercept fitLowResolution fitHighResolution fitPoints
    guinier { inverseResolutionSquared lnAmplitude lnAmplitudeCorrected inFit }
    sharpenedSlices { ${IMAGE_FIELDS} }`,
  images: (b) => b.sharpenedSlices ?? [],
  render,
} satisfies SectionModule<BFactorAnalysis>;

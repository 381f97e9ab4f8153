/** Report file of 0.c (background): its selection, figure (slices beyond 5σ) and template. */
import type { BackgroundAnalysis } from '../../types.js';
import { figRef, figure, imageSubs } from '../../templates/figures.js';
import { fx } from '../../templates/format.js';
import { guard, IMAGE_FIELDS, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(b: BackgroundAnalysis, ctx: SectionContext): string {
  return guard(b, ctx, () => {
    const f = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>The null hypothesis that the background mean is 0 was tested with a one-sample Student's t-test. ` +
      `The resulting t-statistic and p-value were ${fx(b.tStatistic, 2)} and ${fx(b.pValue, 6)}, respectively.</p>` +
      `<p>The mean and standard deviation (sigma) of the background were ${fx(b.mean, 6)} and ${fx(b.standardDeviation, 6)}. ` +
      `The percentage of background voxels whose absolute value is larger than 5 times the standard deviation is ${fx(b.percentBeyond5Sigma, 2)} % (see ${figRef(f)}). ` +
      `The same percentage from a Gaussian would be ${fx(b.percentGaussian, 6)}% (ratio between the two percentages: ${fx(b.ratio, 6)}).</p></div>` +
      figure(f, imageSubs(b.outlierSlices, ctx.images, 'slice'), 'Maximum variance slices in the three dimensions of the parts of the background beyond 5σ');
  });
}

export default {
  fragment: `${SECTION_FIELDS} tStatistic pValue mean standardDeviation backgroundVoxels
    percentBeyond5Sigma percentGaussian ratio outlierSlices { ${IMAGE_FIELDS} }`,
  images: (b) => b.outlierSlices ?? [],
  render,
} satisfies SectionModule<BackgroundAnalysis>;

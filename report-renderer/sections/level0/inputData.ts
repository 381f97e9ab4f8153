/**
 * Report file of the Level 0 input figures (ungraded, printed in chapter 1 "Input data"):
 * slices, projections, isosurface views and masks of the input map.
 */
import type { InputData } from '../../types.js';
import { figRef, figure, imageSubs, type SubFigure } from '../../templates/figures.js';
import { esc, fx } from '../../templates/format.js';
import { IMAGE_FIELDS, VIEW_CAPTION, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(d: InputData, ctx: SectionContext): string {
  const { figs, images, views } = ctx;
  const l = { threshold: ctx.threshold };
  let out = '';
  const block = (title: string, explanation: string | null, subs: SubFigure[], caption: string) => {
    const n = figs.next();
    return `<div class="blk keep"><h3>${esc(title)}</h3>${explanation ? `<h4>Explanation:</h4><p>${esc(explanation)}</p>` : ''}<h4>Results:</h4><p>See ${figRef(n)}.</p></div>` +
      figure(n, subs, caption);
  };
  out += block('Orthogonal slices of the input map',
    'In the orthogonal slices of the map, the noise outside the protein should not have any structure (stripes going out, small blobs, particularly high or low densities, ...)',
    imageSubs(d.centralSlices, images, 'slice'), 'Central slices of the input map in the three dimensions');
  out += block('Orthogonal slices of maximum variance of the input map', null,
    imageSubs(d.maxVarianceSlices, images, 'slice'), 'Slices of maximum variation in the three dimensions');
  out += block('Orthogonal projections of the input map',
    'In the projections there should not be stripes (this is an indication of directional overweighting, or angular attraction), and there should not be a dark halo around or inside the structure (this is an indication of incorrect CTF correction or the reconstruction of a biased map).',
    imageSubs(d.projections, images, 'projection'), 'Projections in the three dimensions');
  const fromQuery = imageSubs(d.isosurfaceViews, images, 'view');
  const rendered = (views.plain ?? []).map((src, k) => ({ src, label: `View ${k + 1}`, width: 640, height: 512 }));
  out += block('Isosurface views of the input map',
    'An isosurface is the surface of all points that have the same gray value. In these views there should not be many artifacts or noise blobs around the map.',
    fromQuery.length ? fromQuery : rendered.length ? rendered : [0, 1, 2].map((k) => ({ src: null, label: `View ${k + 1}` })),
    `Isosurface at threshold=${fx(l.threshold, 6)}, rendered with three.js from a marching-cubes mesh. ${VIEW_CAPTION}`);
  const dil = 'the largest connected component was selected, and then dilated by 2 Å.';
  out += block('Orthogonal slices of maximum variance of the mask with hard borders',
    `The mask with hard borders has been calculated at the threshold ${fx(l.threshold, 6)}, ${dil}`,
    imageSubs(d.hardMaskSlices, images, 'slice'), 'Slices of maximum variation in the three dimensions of the mask with hard borders');
  out += block('Orthogonal slices of maximum variance of the mask with soft borders',
    `The mask with soft borders has been calculated at the threshold ${fx(l.threshold, 6)}, ${dil} Its borders were then smoothed with a Gaussian filter.`,
    imageSubs(d.softMaskSlices, images, 'slice'), 'Slices of maximum variation in the three dimensions of the mask with soft borders');
  return out;
}

const LISTS = ['centralSlices', 'maxVarianceSlices', 'projections', 'hardMaskSlices', 'softMaskSlices', 'isosurfaceViews'] as const;

export default {
  fragment: LISTS.map((f) => `${f} { ${IMAGE_FIELDS} }`).join(' '),
  images: (d) => LISTS.flatMap((f) => d[f] ?? []),
  surface: (d) => ((d.isosurfaceViews ?? []).length === 0 ? 'plain' : null),
  render,
} satisfies SectionModule<InputData>;

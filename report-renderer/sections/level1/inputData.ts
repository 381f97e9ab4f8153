/** Report file of Level 1's input figures (ungraded, printed in chapter 1): slices of the half maps and of their difference. */
import type { HalfMapData } from '../../types.js';
import { figRef, figure, imageSubs } from '../../templates/figures.js';
import { esc } from '../../templates/format.js';
import { IMAGE_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(d: HalfMapData, ctx: SectionContext): string {
  const block = (title: string, explanation: string | null, pairs: [string, HalfMapData[keyof HalfMapData]][]) => {
    let out = `<div class="blk keep"><h3>${esc(title)}</h3>${explanation ? `<p>${esc(explanation)}</p>` : ''}</div>`;
    for (const [caption, images] of pairs) {
      const n = ctx.figs.next();
      out += `<div class="blk"><p>See ${figRef(n)}.</p></div>` + figure(n, imageSubs(images, ctx.images, 'slice'), caption);
    }
    return out;
  };
  return block('Half maps',
    'The two half maps should look alike; their difference should be noise without structure (a structure in it means the halves were not refined independently, or differ in scale or position).',
    [
      ['Central slices of half map 1 in the three dimensions', d.half1CentralSlices],
      ['Central slices of half map 2 in the three dimensions', d.half2CentralSlices],
      ['Central slices of half map 1 − half map 2', d.differenceCentralSlices],
      ['Slices of maximum variation of half map 1', d.half1MaxVarianceSlices],
      ['Slices of maximum variation of half map 2', d.half2MaxVarianceSlices],
      ['Slices of maximum variation of half map 1 − half map 2', d.differenceMaxVarianceSlices],
    ]);
}

const KEYS = ['half1CentralSlices', 'half1MaxVarianceSlices', 'half2CentralSlices', 'half2MaxVarianceSlices', 'differenceCentralSlices', 'differenceMaxVarianceSlices'] as const;

export default {
  fragment: KEYS.map((k) => `${k} { ${IMAGE_FIELDS} }`).join(' '),
  images: (d) => KEYS.flatMap((k) => d[k] ?? []),
  render,
} satisfies SectionModule<HalfMapData>;

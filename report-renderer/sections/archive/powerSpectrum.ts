/** Report file of E.c (rotationally averaged power spectrum: ln mean amplitude vs 1/Å). */
import type { SectionBase } from '../../types.js';
import { linePlot } from '../../svg/archive-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { fx } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

interface PowerSpectrum extends SectionBase {
  points: { frequency: number; lnAmplitude: number; count: number }[];
  nyquist: number;
}

function render(r: PowerSpectrum, ctx: SectionContext): string {
  return guard(r, ctx, () => {
    const n = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>${figRef(n)} shows the rotationally averaged amplitude spectrum of the map in ${r.points.length} shells up to Nyquist (${fx(r.nyquist, 4)} 1/Å, ${fx(1 / r.nyquist, 2)} Å).</p></div>` +
      figure(n, [{ svg: linePlot([{ points: r.points.map((p) => [p.frequency, p.lnAmplitude]), label: 'ln |F|' }], 'Spatial frequency (1/Å)', 'ln(mean |F|)'), label: '' }],
        'Rotationally averaged power spectrum: natural logarithm of the mean Fourier amplitude in each shell.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} points { frequency lnAmplitude count } nyquist`,
  render,
} satisfies SectionModule<PowerSpectrum>;

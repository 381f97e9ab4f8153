/** Report file of 1.a (Global resolution): its selection, the FSC plot and the table of estimates. */
import type { GlobalResolution } from '../../types.js';
import { fscPlot } from '../../svg/fsc-plot.js';
import { figRef, figure } from '../../templates/figures.js';
import { esc, fx } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

const angstrom = (r: number | null) => (r === null ? 'beyond Nyquist' : `${fx(r, 2)} Å`);

function render(g: GlobalResolution, ctx: SectionContext): string {
  return guard(g, ctx, () => {
    const n = ctx.figs.next();
    const rows: [string, number | null][] = [
      ['FSC = 0.143 (corrected, masked)', g.resolution0143],
      ['FSC = 0.143 (masked)', g.resolution0143Masked],
      ['FSC = 0.143 (unmasked)', g.resolution0143Unmasked],
      ['FSC = 0.5 (corrected)', g.resolution05],
      ['Half-bit (corrected)', g.resolutionHalfBit],
      ['One-bit (corrected)', g.resolutionOneBit],
      ['3σ (corrected)', g.resolutionThreeSigma],
      ['DPR = 102.9°', g.resolutionDpr],
      ['SSNR = 2', g.resolutionSsnr],
      ['FSC > 0.9 preserved up to (logistic fit, unmasked)', g.resolutionPreserved09],
    ];
    const table = `<table class="data"><thead><tr><th>Estimate</th><th>Resolution</th></tr></thead><tbody>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${angstrom(v)}</td></tr>`).join('')}</tbody></table>`;
    const randomized = g.randomizedFrom !== null
      ? `Phases were randomised beyond ${fx(g.randomizedFrom, 2)} Å (shell ${g.randomizedFromShell}); the phase-randomised FSC at the resolution is ${fx(g.phaseRandomizedAtResolution, 3)}.`
      : 'The unmasked FSC never drops below 0.8: no phase randomisation.';
    const crossings = [
      { resolution: g.resolution0143, label: '0.143 corrected' },
      { resolution: g.resolution0143Unmasked, label: '0.143 unmasked' },
      { resolution: g.resolution05, label: '0.5' },
      { resolution: g.resolutionHalfBit, label: 'half-bit' },
    ];
    const preserved = g.resolutionPreserved09 !== null ? ` The map information is well preserved (FSC > 0.9 on the logistic fit) up to ${fx(g.resolutionPreserved09, 2)} Å.` : '';
    return `<div class="blk"><h4>Results:</h4><p>${figRef(n)} shows the FSC between the half maps. The soft mask covers ${fx(100 * g.maskFraction, 1)} % of the box. ${esc(randomized)}${esc(preserved)}</p>${table}</div>` +
      figure(n, [{ svg: fscPlot(g.curve, crossings), label: '' }],
        'Fourier shell correlation of the half maps: unmasked, masked, phase-randomised and corrected curves, the logistic fit of the unmasked FSC (dashed), the 0.143 and 0.5 lines, the half-bit, one-bit and 3σ curves, and the crossings in Å.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} resolution0143 resolution0143Unmasked resolution0143Masked resolution05 resolutionHalfBit resolutionOneBit
    resolutionThreeSigma resolutionDpr resolutionSsnr resolutionPreserved09 logisticFit { a b x0 c rms } randomizedFromShell randomizedFrom phaseRandomizedAtResolution maskFraction halfMapsLookMasked
    curve { frequency resolution unmasked masked phaseRandomized corrected halfBit oneBit threeSigma dpr ssnr logisticFit count }`,
  render,
} satisfies SectionModule<GlobalResolution>;

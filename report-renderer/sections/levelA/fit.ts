/** Report file of A.a Map–model agreement: the CC table, the FSC plot, the residue-CC plot, the low-CC residues. */
import type { MapModelFit } from '../../types.js';
import { mapModelFscPlot, residueCcPlot } from '../../svg/model-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { esc, fx } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

/** Residues listed by name in the text at most (the rest are counted). */
const LISTED = 40;

const aa = (v: number | null) => (v === null ? '—' : `${fx(v, 2)} Å`);
const cc = (v: number | null) => (v === null ? '—' : fx(v, 3));

function render(f: MapModelFit, ctx: SectionContext): string {
  return guard(f, ctx, () => {
    const fscFig = ctx.figs.next();
    const resFig = ctx.figs.next();
    const rows: [string, string][] = [
      ['CC_mask', cc(f.ccMask)], ['CC_box', cc(f.ccBox)], ['CC_volume', cc(f.ccVolume)], ['CC_peaks', cc(f.ccPeaks)],
      ['FSC 0.5 (masked / unmasked)', `${aa(f.fsc05Masked)} / ${aa(f.fsc05Unmasked)}`],
      ['FSC 0.143 (masked / unmasked)', `${aa(f.fsc0143Masked)} / ${aa(f.fsc0143Unmasked)}`],
      ['d99 of the map', aa(f.d99)], ['Mask radius (atom image radius)', `${aa(f.maskRadius)} (${aa(f.atomRadius)})`],
      ['Residues with CC < 0.5', `${f.lowCcResidues.length} of ${f.residues.length}${f.lowCcFraction === null ? '' : ` (${fx(100 * f.lowCcFraction, 1)} %)`}`],
    ];
    const chains = f.chains.map((c) => `${esc(c.chain || '–')}: ${cc(c.cc)} (${c.residues} residues)`).join('; ');
    const low = f.lowCcResidues.slice(0, LISTED).map((r) => `${esc(r.chain || '–')}/${esc(r.name)} ${r.number} (${cc(r.cc)})`).join(', ');
    const more = f.lowCcResidues.length > LISTED ? ` and ${f.lowCcResidues.length - LISTED} more` : '';
    const shifted = f.shift && (f.shift.x || f.shift.y || f.shift.z) ? `<p>The model was moved by (${fx(f.shift.x, 2)}, ${fx(f.shift.y, 2)}, ${fx(f.shift.z, 2)}) Å into the map's frame (placement pre-check, chapter 1).</p>` : '';
    return `<div class="blk"><h4>Results:</h4>${shifted}<table class="data narrow"><tbody>${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</tbody></table>` +
      `<p>CC per chain: ${chains || '—'}.</p><p>${figRef(fscFig)} shows the map–model FSC and ${figRef(resFig)} the CC of each residue along the model.</p></div>` +
      figure(fscFig, [{ svg: mapModelFscPlot(f.fsc, f.resolution), label: '' }], 'Map–model FSC, over the whole box (unmasked) and with both maps multiplied by the soft mask around the atoms (masked); dashed: 0.5 and 0.143.') +
      figure(resFig, [{ svg: residueCcPlot(f.residues), label: '' }], 'CC of each residue (inside the mask around its atoms) in model order; residues below 0.5 (dashed line) in red.') +
      (low ? `<div class="blk"><p>Residues with CC < 0.5: ${low}${more}.</p></div>` : '');
  });
}

export default {
  fragment: `${SECTION_FIELDS} resolution shift { x y z } maskRadius atomRadius d99 ccMask ccBox ccVolume ccPeaks
    fsc05Unmasked fsc0143Unmasked fsc05Masked fsc0143Masked lowCcFraction
    fsc { frequency unmasked masked } chains { chain residues cc }
    residues { chain number name cc } lowCcResidues { chain number name cc }`,
  render,
} satisfies SectionModule<MapModelFit>;

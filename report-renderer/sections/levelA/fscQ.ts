/** Report file of A.b FSC-Q: the atoms' statistics, histogram of FSC-Q, FSC-Q per residue along the sequence, the worst residues. */
import type { FscQAnalysis } from '../../types.js';
import { histogramPlot } from '../../svg/plots.js';
import { residueProfilePlot } from '../../svg/model-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { esc, fx, int } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

const RESIDUE = 'chain number name fscQ';

function render(r: FscQAnalysis, ctx: SectionContext): string {
  return guard(r, ctx, () => {
    const h = ctx.figs.next();
    const p = ctx.figs.next();
    const worst = r.worstResidues.length
      ? `<table class="data"><thead><tr><th>Chain</th><th>Residue</th><th>Name</th><th>FSC-Q (Å)</th></tr></thead><tbody>` +
        r.worstResidues.map((w) => `<tr><td>${esc(w.chain || '(blank)')}</td><td>${int(w.number)}</td><td>${esc(w.name)}</td><td>${fx(w.fscQ, 2)}</td></tr>`).join('') +
        '</tbody></table>'
      : '';
    const bins = { binEdges: [...r.histogram.map((b) => b.low), r.histogram.at(-1)?.high ?? 5], counts: r.histogram.map((b) => b.atoms) };
    return `<div class="blk"><h4>Results:</h4><p>${int(r.atoms)} atoms were measured (hydrogens left out) with a box of ${fx(r.boxSize, 1)} Å ` +
      `over the voxels within ${fx(r.maskRadius, 1)} Å of an atom. At the atoms, the median local resolution is ${fx(r.medianModelResolution, 2)} Å ` +
      `for the map against the model map (FSC ${fx(r.modelThreshold, 2)}) and ${fx(r.medianHalvesResolution, 2)} Å for the half maps (FSC ${fx(r.halvesThreshold, 2)}). ` +
      `Mean FSC-Q ${fx(r.meanFscQ, 2)} Å (mean |FSC-Q| ${fx(r.meanAbsFscQ, 2)} Å), mean FSC-Qr ${fx(r.meanFscQr, 3)} (mean |FSC-Qr| ${fx(r.meanAbsFscQr, 3)}); ` +
      `${fx(r.percentAbove, 1)} % of the atoms have FSC-Q > 0.5 Å and ${fx(r.percentBelow, 1)} % FSC-Q < −0.5 Å; ` +
      `${fx(r.percentOutliers, 1)} % have |FSC-Qr| > 1.5 (at most 10 % allowed). ` +
      `${figRef(h)} shows the distribution of the atoms' FSC-Q and ${figRef(p)} the FSC-Q of each residue along the sequence; the residues of largest |FSC-Q| are listed below.</p>${worst}</div>` +
      figure(h, [{ svg: histogramPlot(bins, 'FSC-Q (Å)', { value: 0, label: '0' }, 'Number of atoms'), label: '' }], 'Histogram of the atoms\' FSC-Q (the end bins hold the values beyond ±5 Å).') +
      figure(p, [{ svg: residueProfilePlot(r.residues.map((w) => ({ chain: w.chain, number: w.number, value: w.fscQ })), 'Residue FSC-Q (Å)', [-1, 1],
        [{ value: 0.5, label: '+0.5 Å' }, { value: -0.5, label: '−0.5 Å' }]), label: '' }],
        'FSC-Q of each residue (mean of its atoms) along the sequence, chains one after another: positive = the model is not supported by the map there.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} resolution boxSize maskRadius modelThreshold halvesThreshold atoms meanFscQ meanAbsFscQ meanFscQr meanAbsFscQr
    percentAbove percentBelow percentOutliers medianModelResolution medianHalvesResolution histogram { low high atoms } residues { ${RESIDUE} } worstResidues { ${RESIDUE} }`,
  render,
} satisfies SectionModule<FscQAnalysis>;

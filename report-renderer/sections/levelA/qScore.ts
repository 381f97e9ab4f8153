/** Report file of A.e Q-score: histogram of the atoms' Q, Q per residue along the sequence, the worst residues. */
import type { QScoreAnalysis } from '../../types.js';
import { histogramPlot } from '../../svg/plots.js';
import { residueProfilePlot } from '../../svg/model-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { esc, fx, int } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

const RESIDUE = 'chain number name q';

function render(q: QScoreAnalysis, ctx: SectionContext): string {
  return guard(q, ctx, () => {
    const h = ctx.figs.next();
    const p = ctx.figs.next();
    const expected = q.expectedQ === null ? 'No resolution was given, so no Q is expected.'
      : `At ${fx(q.resolution, 2)} Å a well-fitted protein model is expected to have Q ≈ ${fx(q.expectedQ, 3)} (MapQ's line −0.1775·d + 1.1192, ±0.1).`;
    const worst = q.worstResidues.length
      ? `<table class="data"><thead><tr><th>Chain</th><th>Residue</th><th>Name</th><th>Q</th></tr></thead><tbody>` +
        q.worstResidues.map((r) => `<tr><td>${esc(r.chain || '(blank)')}</td><td>${int(r.number)}</td><td>${esc(r.name)}</td><td>${fx(r.q, 3)}</td></tr>`).join('') +
        '</tbody></table>'
      : '';
    const bins = { binEdges: [...q.histogram.map((b) => b.low), q.histogram.at(-1)?.high ?? 1], counts: q.histogram.map((b) => b.atoms) };
    const marker = q.expectedQ === null ? undefined : { value: q.expectedQ, label: `expected ${fx(q.expectedQ, 2)}` };
    return `<div class="blk"><h4>Results:</h4><p>${int(q.atoms)} atoms were scored (hydrogens left out)` +
      `${q.undefinedAtoms ? `; ${int(q.undefinedAtoms)} have no Q (the map does not vary around them)` : ''}. ` +
      `The median Q is ${fx(q.medianAtomQ, 3)} over the atoms and ${fx(q.medianResidueQ, 3)} over the residues (mean over the atoms ${fx(q.meanAtomQ, 3)}). ` +
      `${expected} The reference Gaussian has σ = ${fx(q.sigma, 1)} Å, height ${fx(q.referenceHeight, 4)} and offset ${fx(q.referenceOffset, 4)} (map units). ` +
      `${figRef(h)} shows the distribution of the atoms' Q and ${figRef(p)} the Q of each residue along the sequence; the residues of lowest Q are listed below.</p>${worst}</div>` +
      figure(h, [{ svg: histogramPlot(bins, 'Q-score', marker, 'Number of atoms'), label: '' }], 'Histogram of the atoms\' Q-scores; the dashed line is the Q expected at the reported resolution.') +
      figure(p, [{ svg: residueProfilePlot(q.residues.map((r) => ({ chain: r.chain, number: r.number, value: r.q })), 'Residue Q-score', [0, 1],
        [{ value: 0.1, label: 'VRS threshold 0.1' }, ...(q.expectedQ === null ? [] : [{ value: q.expectedQ, label: 'expected', colour: '#2e8b3a' }])]), label: '' }],
        'Q-score of each residue (mean of its atoms) along the sequence, chains one after another.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} resolution sigma referenceHeight referenceOffset atoms undefinedAtoms medianAtomQ meanAtomQ medianResidueQ expectedQ
    shift { x y z } histogram { low high atoms } residues { ${RESIDUE} } worstResidues { ${RESIDUE} }`,
  render,
} satisfies SectionModule<QScoreAnalysis>;

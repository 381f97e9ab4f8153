/** Report file of atom inclusion: the figures at the contour, the curve over levels (all atoms and backbone), per residue. */
import type { AtomInclusionAnalysis } from '../../types.js';
import { inclusionCurvePlot, residueProfilePlot } from '../../svg/model-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { fx, int, num } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

const pct = (v: number | null) => (v === null ? '—' : `${fx(100 * v, 1)} %`);

function render(a: AtomInclusionAnalysis, ctx: SectionContext): string {
  return guard(a, ctx, () => {
    const c = ctx.figs.next();
    const p = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>At the contour level ${num(a.contour)}, ${int(a.includedAtoms)} of ${int(a.atoms)} atoms (${pct(a.includedFraction)}) ` +
      `and ${int(a.includedBackboneAtoms)} of ${int(a.backboneAtoms)} backbone atoms (${pct(a.backboneIncludedFraction)}) lie inside the map's contour; ` +
      `${int(a.poorlyIncludedResidues)} of ${int(a.residues.length)} residues have fewer than half of their atoms inside. ` +
      `${figRef(c)} shows the inclusion at every level, ${figRef(p)} the inclusion of each residue.</p></div>` +
      figure(c, [{ svg: inclusionCurvePlot(a.curve, a.contour), label: '' }], 'Atom inclusion as a function of the contour level, for all atoms and for the backbone; the dashed line is the contour level.') +
      figure(p, [{ svg: residueProfilePlot(a.residues.map((r) => ({ chain: r.chain, number: r.number, value: r.fraction })), 'Atoms inside (fraction)', [0, 1],
        [{ value: 0.5, label: 'half of the atoms' }]), label: '' }], 'Fraction of each residue\'s atoms inside the contour, along the sequence.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} contour atoms includedAtoms includedFraction backboneAtoms includedBackboneAtoms backboneIncludedFraction
    poorlyIncludedResidues shift { x y z } curve { level all backbone } residues { chain number name fraction }`,
  render,
} satisfies SectionModule<AtomInclusionAnalysis>;

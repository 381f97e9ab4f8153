/** Report file of 0.b (mask): its selection, figures (raw mask slices, mass plot) and template. */
import type { MaskAnalysis } from '../../types.js';
import { massPlot } from '../../svg/plots.js';
import { figRef, figure, imageSubs } from '../../templates/figures.js';
import { fx, int } from '../../templates/format.js';
import { guard, IMAGE_FIELDS, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

/**
 * The components as a table that may run over pages (a .blk.split: the paginator repeats its
 * header row): two components per row, numbered, so that a hundred take fifty rows.
 */
function componentTable(components: MaskAnalysis['components']): string {
  const groups = components.length > 8 ? 2 : 1;
  const perRow = Math.ceil(components.length / groups);
  const head = '<th>No.</th><th>Voxels</th><th>Volume (Å³)</th><th>%</th><th>Cumulated %</th>';
  const cells = (k: number) => {
    const c = components[k];
    return c ? `<td>${k + 1}</td><td>${int(c.voxels)}</td><td>${fx(c.volume, 2)}</td><td>${fx(c.percentage, 2)}</td><td>${fx(c.cumulativePercentage, 2)}</td>` : '<td></td>'.repeat(5);
  };
  let rows = '';
  // row-major: components 1 and 2 on the first row, 3 and 4 on the second …, so a page break keeps the order
  for (let row = 0; row < perRow; row++) {
    rows += `<tr>${Array.from({ length: groups }, (_, g) => cells(row * groups + g)).join('<td class="gap"></td>')}</tr>`;
  }
  return `<div class="blk split"><table class="data components"><thead><tr>${Array(groups).fill(head).join('<th class="gap"></th>')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function render(m: MaskAnalysis, ctx: SectionContext): string {
  return guard(m, ctx, () => {
    const rawFig = ctx.figs.next();
    let out = `<div class="blk"><h4>Results:</h4><p>Raw mask: At threshold ${fx(ctx.threshold, 6)}, there are ${int(m.connectedComponents)} connected components ` +
      `with a total number of voxels of ${int(m.totalVoxels)} and a volume of ${fx(m.totalVolume, 2)} Å³ (see ${figRef(rawFig)}). ` +
      `The size and percentage of the total number of voxels for the raw mask are listed below (up to 95% of the mass or the first 100 clusters, whatever happens first), ` +
      `the table gives each component's number of voxels, volume, percentage and cumulated percentage:</p></div>`;
    out += componentTable(m.components);
    out += `<div class="blk"><p>Number of components to reach 95% of the mass: ${int(m.componentsTo95)}</p>`;
    out += m.remainingComponents > 0
      ? `<p>The average size of the remaining ${int(m.remainingComponents)} components is ${fx(m.remainingAverageVoxels, 2)} voxels (${fx(m.remainingAverageVolume, 2)} Å³). ` +
        `Their size go from ${int(m.remainingMaxVoxels)} voxels (${fx(m.remainingMaxVolume, 2)} Å³) to ${int(m.remainingMinVoxels)} voxels (${fx(m.remainingMinVolume, 2)} Å³).</p>`
      : '<p>No component remains outside those.</p>';
    out += `<p>${fx(m.percentOutsideLargest, 2)}% of the thresholded mass lies outside the largest component.</p>`;
    out += `<p>The slices of the raw mask can be seen in ${figRef(rawFig)}.</p></div>`;
    out += figure(rawFig, imageSubs(m.rawMaskSlices, ctx.images, 'slice'), 'Maximum variance slices in the three dimensions of the raw mask');
    const massFig = ctx.figs.next();
    const rows = m.massTable.map((r) => `<tr><td>${fx(r.threshold, 4)}</td><td>${fx(r.voxels, 2)}</td><td>${fx(r.molecularMassKDa, 2)}</td><td>${fx(r.aminoAcids, 2)}</td></tr>`).join('');
    out += `<div class="blk split"><p>The following table shows the variation of the mass enclosed at different thresholds (see ${figRef(massFig)}):</p>` +
      `<table class="data"><thead><tr><th>Threshold</th><th>Voxel mass</th><th>Molecular mass (kDa)</th><th># Aminoacids</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    out += figure(massFig, [{ svg: massPlot(m.massTable, ctx.threshold), label: '' }], 'Voxel mass as a function of the gray level (log scale); the dashed line marks the threshold.');
    out += `<div class="blk"><p>Constructed mask: After keeping the largest component of the previous mask and dilating it by 2 Å, there is a total number of voxels of ` +
      `${int(m.hardMaskVoxels)} and a volume of ${fx(m.hardMaskVolume, 2)} Å³. The overlap between the raw and constructed mask is ${fx(m.overlap, 2)}.</p></div>`;
    return out;
  });
}

export default {
  fragment: `${SECTION_FIELDS} connectedComponents totalVoxels totalVolume
    components { voxels volume percentage cumulativePercentage }
    componentsTo95 remainingComponents remainingAverageVoxels remainingAverageVolume
    remainingMaxVoxels remainingMinVoxels remainingMaxVolume remainingMinVolume percentOutsideLargest
    massTable { threshold voxels molecularMassKDa aminoAcids }
    hardMaskVoxels hardMaskVolume overlap rawMaskSlices { ${IMAGE_FIELDS} }`,
  images: (m) => m.rawMaskSlices ?? [],
  render,
} satisfies SectionModule<MaskAnalysis>;

/**
 * Sections 2.1–2.8 of the report (Level 0.a–0.h), laid out like the VRS report: heading and
 * explanation, results with the numbers, numbered figures, automatic criteria, then STATUS or
 * the WARNINGS list. A section that does not apply says so and why.
 * Every number is a field of the GraphQL answer, only formatted here.
 */
import type {
  BackgroundAnalysis, BFactorAnalysis, HandAnalysis, LocalAnalysis, MaskAnalysis, MassAnalysis, SectionBase,
} from '../../worker-pool/metrics/level0/types.js';
import { colourBar, guinierPlot, histogramPlot, massPlot } from '../svg/plots.js';
import { figRef, figure, imageSubs, type Figures, type ImageSources, type SubFigure } from './figures.js';
import { esc, fx, headingId, int, num, sectionLabel, sectionNumber } from './format.js';

export interface SectionContext {
  figs: Figures;
  images: ImageSources;
  /** painted-surface views by local section key ('localResolution', …): 3 data URLs each */
  views: Record<string, string[]>;
  threshold: number;
  resolution: number | null;
  voxelSize: number;
}

export const VIEW_CAPTION = 'Views at the following X, Y, Z rotation angles: View 1 (0, −90, −90), View 2 (−90, 0, −90), View 3 (0, 0, 0).';

export function sectionHeading(s: SectionBase): string {
  const n = sectionNumber(s.id);
  return `<h2 id="${headingId(n)}" data-toc="${n}">${n} Level ${esc(sectionLabel(s))}</h2>`;
}

function head(s: SectionBase): string {
  return `<div class="blk keep">${sectionHeading(s)}<h4>Explanation:</h4><p>${esc(s.explanation)}</p>` +
    `<p class="method">Method: ${esc(s.algorithm)} (version ${esc(s.algorithmVersion)})</p></div>`;
}

/** Criteria + STATUS / WARNINGS, as one block (VRS prints them together at the section's end). */
export function verdict(s: SectionBase): string {
  const criteria = s.status === 'NOT_APPLICABLE' ? '' : `<p><b>Automatic criteria:</b> ${esc(s.criteria)}</p>`;
  let status: string;
  switch (s.status) {
    case 'OK':
      status = '<p class="status ok"><b>STATUS:</b> OK</p>';
      break;
    case 'WARNING':
      status = `<p class="status warn"><b>WARNINGS:</b> ${s.warnings.length} warnings</p><ol class="warnings">${s.warnings.map((w) => `<li><b>${esc(w)}</b></li>`).join('')}</ol>`;
      break;
    case 'NOT_APPLICABLE':
      status = '<p class="status na"><b>STATUS:</b> Does not apply</p>';
      break;
    default:
      status = `<p class="status failed"><b>STATUS:</b> Could not be measured${s.statusReason ? ': ' + esc(s.statusReason) : ''}</p>`;
  }
  return `<div class="blk verdict">${criteria}${status}</div>`;
}

function notApplicable(s: SectionBase): string {
  return `<div class="blk"><h4>Results:</h4><p>${s.statusReason ? esc(s.statusReason) : 'This section does not apply.'}</p></div>` + verdict(s);
}

function failed(s: SectionBase): string {
  return `<div class="blk"><h4>Results:</h4><p>This analysis could not be measured${s.statusReason ? ': ' + esc(s.statusReason) : '.'}</p></div>` + verdict(s);
}

function guard(s: SectionBase, body: () => string): string {
  if (s.status === 'NOT_APPLICABLE') return head(s) + notApplicable(s);
  if (s.status === 'FAILED') return head(s) + failed(s);
  return head(s) + body() + verdict(s);
}

export function massSection(m: MassAnalysis): string {
  return guard(m, () => {
    const axis = (a: 'x' | 'y' | 'z') =>
      `<p>The space from the left and right in ${a.toUpperCase()} are ${fx(m.leftSpace[a], 2)} and ${fx(m.rightSpace[a], 2)} Å, respectively. ` +
      `There is a decentering ratio (abs(Right−Left)/Size)% of ${fx(m.decenteringRatio[a], 2)}%</p>`;
    return `<div class="blk"><h4>Results:</h4>${axis('x')}${axis('y')}${axis('z')}` +
      `<p>The center of mass is at (x,y,z)=(${fx(m.centerOfMass.x, 2)},${fx(m.centerOfMass.y, 2)},${fx(m.centerOfMass.z, 2)}). ` +
      `The decentering of the center of mass (abs(Center)/Size)% is ${fx(m.centerOfMassDecentering.x, 2)}, ${fx(m.centerOfMassDecentering.y, 2)}, and ${fx(m.centerOfMassDecentering.z, 2)}, respectively.</p></div>`;
  });
}

export function maskSection(m: MaskAnalysis, ctx: SectionContext): string {
  return guard(m, () => {
    const rawFig = ctx.figs.next();
    const list = m.components.map((c) => `(${int(c.voxels)} (${fx(c.volume, 2)}), ${fx(c.percentage, 2)}, ${fx(c.cumulativePercentage, 2)})`).join(' ');
    let out = `<div class="blk"><h4>Results:</h4><p>Raw mask: At threshold ${fx(ctx.threshold, 6)}, there are ${int(m.connectedComponents)} connected components ` +
      `with a total number of voxels of ${int(m.totalVoxels)} and a volume of ${fx(m.totalVolume, 2)} Å³ (see ${figRef(rawFig)}). ` +
      `The size and percentage of the total number of voxels for the raw mask are listed below (up to 95% of the mass or the first 100 clusters, whatever happens first), ` +
      `the list contains (No. voxels (volume in Å³), percentage, cumulated percentage):</p></div>`;
    out += `<div class="blk"><p class="complist">${list}</p><p>Number of components to reach 95% of the mass: ${int(m.componentsTo95)}</p>`;
    out += m.remainingComponents > 0
      ? `<p>The average size of the remaining ${int(m.remainingComponents)} components is ${fx(m.remainingAverageVoxels, 2)} voxels (${fx(m.remainingAverageVolume, 2)} Å³). ` +
        `Their size go from ${int(m.remainingMaxVoxels)} voxels (${fx(m.remainingMaxVolume, 2)} Å³) to ${int(m.remainingMinVoxels)} voxels (${fx(m.remainingMinVolume, 2)} Å³).</p>`
      : '<p>No component remains outside those.</p>';
    out += `<p>${fx(m.percentOutsideLargest, 2)}% of the thresholded mass lies outside the largest component.</p>`;
    out += `<p>The slices of the raw mask can be seen in ${figRef(rawFig)}.</p></div>`;
    out += figure(rawFig, imageSubs(m.rawMaskSlices, ctx.images, 'slice'), 'Maximum variance slices in the three dimensions of the raw mask');
    const massFig = ctx.figs.next();
    const rows = m.massTable.map((r) => `<tr><td>${fx(r.threshold, 4)}</td><td>${fx(r.voxels, 2)}</td><td>${fx(r.molecularMassKDa, 2)}</td><td>${fx(r.aminoAcids, 2)}</td></tr>`).join('');
    out += `<div class="blk"><p>The following table shows the variation of the mass enclosed at different thresholds (see ${figRef(massFig)}):</p>` +
      `<table class="data"><thead><tr><th>Threshold</th><th>Voxel mass</th><th>Molecular mass (kDa)</th><th># Aminoacids</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    out += figure(massFig, [{ svg: massPlot(m.massTable, ctx.threshold), label: '' }], 'Voxel mass as a function of the gray level (log scale); the dashed line marks the threshold.');
    out += `<div class="blk"><p>Constructed mask: After keeping the largest component of the previous mask and dilating it by 2 Å, there is a total number of voxels of ` +
      `${int(m.hardMaskVoxels)} and a volume of ${fx(m.hardMaskVolume, 2)} Å³. The overlap between the raw and constructed mask is ${fx(m.overlap, 2)}.</p></div>`;
    return out;
  });
}

export function backgroundSection(b: BackgroundAnalysis, ctx: SectionContext): string {
  return guard(b, () => {
    const f = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>The null hypothesis that the background mean is 0 was tested with a one-sample Student's t-test. ` +
      `The resulting t-statistic and p-value were ${fx(b.tStatistic, 2)} and ${fx(b.pValue, 6)}, respectively.</p>` +
      `<p>The mean and standard deviation (sigma) of the background were ${fx(b.mean, 6)} and ${fx(b.standardDeviation, 6)}. ` +
      `The percentage of background voxels whose absolute value is larger than 5 times the standard deviation is ${fx(b.percentBeyond5Sigma, 2)} % (see ${figRef(f)}). ` +
      `The same percentage from a Gaussian would be ${fx(b.percentGaussian, 6)}% (ratio between the two percentages: ${fx(b.ratio, 6)}).</p></div>` +
      figure(f, imageSubs(b.outlierSlices, ctx.images, 'slice'), 'Maximum variance slices in the three dimensions of the parts of the background beyond 5σ');
  });
}

export function bFactorSection(b: BFactorAnalysis, ctx: SectionContext): string {
  return guard(b, () => {
    const g = ctx.figs.next();
    const s = ctx.figs.next();
    return `<div class="blk"><h4>Results:</h4><p>${figRef(g)} shows the natural logarithm of the mean amplitude |F| of the Fourier transform in each resolution shell ` +
      `of the experimental map, its fitted line (between ${num(b.fitLowResolution)} Å and ${num(b.fitHighResolution)} Å, ${int(b.fitPoints)} shells), and the corrected map. ` +
      `The estimated B-factor was ${fx(b.bFactor, 1)} Å². The fitted line was ln(mean |F|) = ${fx(b.slope, 1)}/R² + (${fx(b.intercept, 1)}).</p></div>` +
      figure(g, [{ svg: guinierPlot(b.guinier, b.slope, b.intercept, b.fitLowResolution, b.fitHighResolution), label: '' }],
        'Guinier plot. The X-axis is the square of the inverse of the resolution (1/Å²); the top axis gives the resolution in Å; the shaded band is the fit range.') +
      `<div class="blk"><p>The slices of the B-factor corrected map are in ${figRef(s)}.</p></div>` +
      figure(s, imageSubs(b.sharpenedSlices, ctx.images, 'slice'), 'Slices of maximum variation in the three dimensions of the B-factor corrected map');
  });
}

const LOCAL_TEXT: Record<string, { quantity: string; column: string }> = {
  localResolution: { quantity: 'local resolution', column: 'Resolution (Å)' },
  localBFactor: { quantity: 'local B-factor', column: 'Local B-factor (Å²)' },
  localOccupancy: { quantity: 'local occupancy', column: 'Local Occupancy [0-1]' },
};

export function localSection(key: 'localResolution' | 'localBFactor' | 'localOccupancy', l: LocalAnalysis, ctx: SectionContext): string {
  return guard(l, () => {
    const t = LOCAL_TEXT[key]!;
    const h = ctx.figs.next();
    const v = ctx.figs.next();
    const p = l.percentiles;
    const rows = p
      ? ([['2.5%', p.p2_5], ['25%', p.p25], ['50%', p.p50], ['75%', p.p75], ['97.5%', p.p97_5]] as const).map(([k, x]) => `<tr><td>${k}</td><td>${fx(x, 2)}</td></tr>`).join('')
      : '';
    let out = `<div class="blk"><h4>Results:</h4><p>${figRef(h)} shows the histogram of the ${t.quantity} according to ${esc(l.method)} (${int(l.voxels)} voxels). Some representative percentiles are:</p>` +
      `<table class="data narrow"><thead><tr><th>Percentile</th><th>${esc(t.column)}</th></tr></thead><tbody>${rows}</tbody></table>`;
    if (key === 'localResolution' && l.reportedResolutionPercentile !== null) {
      out += `<p>The reported resolution, ${fx(ctx.resolution, 2)} Å, is at the percentile ${fx(l.reportedResolutionPercentile, 1)}. `;
    } else out += '<p>';
    out += `${figRef(v)} shows some representative views of the ${t.quantity}.</p></div>`;
    const marker = key === 'localResolution' && ctx.resolution !== null ? { value: ctx.resolution, label: `reported ${num(ctx.resolution)} Å` } : undefined;
    const xTitle = l.unit ? `${t.quantity[0]!.toUpperCase()}${t.quantity.slice(1)} (${l.unit})` : `${t.quantity[0]!.toUpperCase()}${t.quantity.slice(1)}`;
    out += figure(h, [{ svg: l.histogram ? histogramPlot(l.histogram, xTitle, marker) : '', label: '' }], `Histogram of the ${t.quantity} according to ${l.method}.`);
    const fromQuery = imageSubs(l.views, ctx.images, 'view');
    const rendered: SubFigure[] = (ctx.views[key] ?? []).map((src, k) => ({ src, label: `View ${k + 1}`, width: 640, height: 512 }));
    const subs = fromQuery.length ? fromQuery : rendered.length ? rendered : [0, 1, 2].map((k) => ({ src: null, label: `View ${k + 1}` }));
    const bar = p ? colourBar(fx(p.p2_5, 2), fx(p.p97_5, 2), `${t.column}: jet colour map, 11 colours from the 2.5 to the 97.5 percentile`) : '';
    const grey = key === 'localResolution' && !fromQuery.length ? ' Grey: outside the region the method measured.' : '';
    out += figure(v, subs, `${t.quantity[0]!.toUpperCase()}${t.quantity.slice(1)} according to ${l.method}, painted on the isosurface at threshold ${fx(ctx.threshold, 6)}.${grey} ${VIEW_CAPTION}`)
      .replace('</div><figcaption>', `</div><div class="bar">${bar}</div><figcaption>`);
    return out;
  });
}

export function handSection(h: HandAnalysis): string {
  return guard(h, () => {
    const evidence = h.evidence.length ? `<ul>${h.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '';
    return `<div class="blk"><h4>Results:</h4><p>The hand score is ${fx(h.score, 2)} (0 = correct hand, 1 = mirrored), measured on ${int(h.helicesFound)} helices.</p>${evidence}</div>`;
  });
}

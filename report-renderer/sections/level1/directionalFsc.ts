/** Report file of 1.h (directional FSC, 3DFSC-like): numbers, the directional FSC curves, the histogram and the sphericity figure. */
import type { DirectionalFscAnalysis } from '../../types.js';
import { guard, SECTION_FIELDS, type SectionModule } from '../../templates/sections.js';
import { figRef, figure } from '../../templates/figures.js';
import { esc, fx, num } from '../../templates/format.js';
import { histogramPlot } from '../../svg/plots.js';
import { directionalFscPlot, directionMap } from '../../svg/directional.js';

export default {
  fragment: `${SECTION_FIELDS} coneAngle fscThreshold sphericityThreshold globalResolution meanResolution sdResolution
    minResolution maxResolution uncrossedAxes sphericity directions { x y z resolution }
    curve { frequency resolution global mean sd min max } histogram { binEdges counts }`,
  render: (r, ctx) => guard(r, ctx, () => {
    const c = ctx.figs.next(), h = ctx.figs.next();
    const rows = ([
      ['Global resolution (FSC 0.143, unmasked)', r.globalResolution === null ? 'not reached' : `${fx(r.globalResolution, 2)} Å`],
      ['Directional resolution: mean ± sd', `${fx(r.meanResolution, 2)} ± ${fx(r.sdResolution, 2)} Å`],
      ['Best / worst direction', `${fx(r.minResolution, 2)} / ${fx(r.maxResolution, 2)} Å`],
      [`Sphericity (surface at FSC ${fx(r.sphericityThreshold, 1)})`, fx(r.sphericity, 3)],
      ['Directions (cone half-angle)', `${r.directions.length} (${fx(r.coneAngle, 0)}°)`],
    ] as const).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('');
    let out = `<div class="blk"><h4>Results:</h4><table class="data"><tbody>${rows}</tbody></table>` +
      `<p>${figRef(c)} shows the global FSC and the spread of the FSCs in the ${r.directions.length} cones; ${figRef(h)} the distribution of the ` +
      `per-direction resolutions and their map over the directions (a sphericity of 1 means an isotropic map).</p></div>`;
    out += figure(c, [{ svg: directionalFscPlot(r.curve, r.fscThreshold ?? 0.143, r.globalResolution), label: '' }], 'Directional FSC: global curve, directional mean ± 1 standard deviation and range.');
    const marker = ctx.resolution !== null ? { value: ctx.resolution, label: `reported ${num(ctx.resolution)} Å` } : undefined;
    out += figure(h, [
      { svg: r.histogram ? histogramPlot(r.histogram, 'Directional resolution (Å)', marker, 'Number of directions') : '', label: 'Histogram of the per-direction resolutions' },
      { svg: directionMap(r.directions, r.sphericity), label: 'Resolution by direction' },
    ], 'Per-direction resolution (FSC 0.143 in each cone): histogram, and map over the upper hemisphere (equal-area projection from +z).');
    return out;
  }),
} satisfies SectionModule<DirectionalFscAnalysis>;

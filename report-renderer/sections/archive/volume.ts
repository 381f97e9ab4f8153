/** Report file of E.b (volume and surface area vs contour level, expected volume from the mass). */
import type { SectionBase } from '../../types.js';
import { linePlot } from '../../svg/archive-plots.js';
import { figRef, figure } from '../../templates/figures.js';
import { esc, fx } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

interface VolumeCurve extends SectionBase {
  points: { level: number; volume: number; surfaceArea: number | null }[];
  contour: number; enclosedVolume: number; surfaceArea: number;
  molecularMass: number | null; expectedVolume: number | null; volumeRatio: number | null; expectedVolumeNote: string;
}

function render(r: VolumeCurve, ctx: SectionContext): string {
  return guard(r, ctx, () => {
    const v = ctx.figs.next();
    const a = ctx.figs.next();
    const expected = r.expectedVolume !== null && r.volumeRatio !== null
      ? ` The molecular mass implies ${fx(r.expectedVolume, 1)} nm³: the contour encloses ${fx(r.volumeRatio, 2)} times that.`
      : '';
    const marker = { value: r.contour, label: 'contour' };
    return `<div class="blk"><h4>Results:</h4><p>At the contour ${fx(r.contour, 4)} (map units) the isosurface encloses ${fx(r.enclosedVolume, 1)} nm³ and its area is ${fx(r.surfaceArea, 1)} nm² ` +
      `(${figRef(v)}, ${figRef(a)}).${expected} ${esc(r.expectedVolumeNote)}</p></div>` +
      figure(v, [{ svg: linePlot([{ points: r.points.map((p) => [p.level, p.volume]), label: 'volume' }], 'Contour level (map units)', 'Volume (nm³)', marker, false,
        r.expectedVolume !== null ? { value: r.expectedVolume, label: 'expected from the molecular mass' } : undefined), label: '' }],
        `Volume enclosed by the isosurface vs the contour level (voxels at or above the level × voxel volume)${r.expectedVolume !== null ? '; the horizontal line is the volume the molecular mass implies' : ''}.`) +
      figure(a, [{ svg: linePlot([{ points: r.points.filter((p) => p.surfaceArea !== null).map((p) => [p.level, p.surfaceArea!]), label: 'area' }], 'Contour level (map units)', 'Surface area (nm²)', marker), label: '' }],
        'Area of the isosurface (marching cubes) vs the contour level.');
  });
}

export default {
  fragment: `${SECTION_FIELDS} points { level volume surfaceArea } contour enclosedVolume surfaceArea molecularMass expectedVolume volumeRatio expectedVolumeNote`,
  render,
} satisfies SectionModule<VolumeCurve>;

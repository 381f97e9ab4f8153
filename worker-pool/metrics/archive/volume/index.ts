/**
 * E.b Volume and surface area vs contour level (EMDB va's volume estimate): at 129 levels
 * linspace(min, max), volume = voxels ≥ level × voxel³ (nm³), and the isosurface's area
 * (marching cubes, nm²) at every 4th of those levels; the recommended contour's enclosed
 * volume is compared with the volume the entry's molecular mass implies (added by the
 * services from the EMDB header, which the worker does not see: `withMap`).
 */
import { float, list, object, recordSchema, string } from '../../record-schema.js';
import { sectionSchema, type SectionBase } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import { levelSectionBase } from '../../level0/section.js';
import { histogram, linspace, summaryStats } from '../../../kernels/stats/index.js';
import { isosurfaceAreas, stepForSize } from '../../../kernels/marching-cubes.js';
import type { Dims } from '../../../volume.js';
import { dimsOf } from '../../level0/support.js';
import { ARCHIVE_CRITERIA, CUBIC_A_PER_DALTON, PROTEIN_DENSITY } from '../texts.js';

export const VOLUME_TITLE = 'E.b Volume and surface area vs contour level';
export const VOLUME_VERSION = '2';
export const VOLUME_LEVELS = 129;
/** The area is computed at every AREA_STRIDE-th level (marching cubes per level is the cost). */
export const AREA_STRIDE = 16;

export interface VolumePoint {
  /** map units */
  level: number;
  /** nm³ */
  volume: number;
  /** nm², null at levels where it was not computed */
  surfaceArea: number | null;
}

export interface VolumeCurve extends SectionBase {
  points: VolumePoint[];
  /** map units */
  contour: number;
  /** nm³, voxels ≥ contour */
  enclosedVolume: number;
  /** nm², the isosurface at the contour */
  surfaceArea: number;
  /** Da, the molecular mass of the EMDB header (sample, theoretical else experimental); null when not given */
  molecularMass: number | null;
  /** nm³, molecularMass at the protein density; null without a mass */
  expectedVolume: number | null;
  /** enclosedVolume / expectedVolume; null without a mass */
  volumeRatio: number | null;
  /** where the expected volume came from, or why there is none, in words */
  expectedVolumeNote: string;
}

const POINT = recordSchema<VolumePoint>()('VolumePoint', { description: 'Volume and surface area at one contour level' }, {
  level: float('map units'),
  volume: float('nm³, voxels at or above the level × voxel volume'),
  surfaceArea: float('nm², marching-cubes isosurface area; null where not computed').orNull(),
});

export const NO_MASS_NOTE = 'The EMDB header gives no molecular mass (or the map has no EMDB header): the expected volume is not computed.';

/** Expected volume of a protein of mass M (Da) at PROTEIN_DENSITY, nm³. */
export function expectedVolumeNm3(daltons: number): number {
  return (daltons * CUBIC_A_PER_DALTON) / 1000;
}

/** The record's expected-volume fields for a mass (Da) or none. */
export function withMolecularMass(r: VolumeCurve, daltons: number | null): VolumeCurve {
  if (daltons === null || !(daltons > 0)) return { ...r, molecularMass: null, expectedVolume: null, volumeRatio: null, expectedVolumeNote: NO_MASS_NOTE };
  const expected = expectedVolumeNm3(daltons);
  return {
    ...r,
    molecularMass: daltons,
    expectedVolume: expected,
    volumeRatio: r.enclosedVolume / expected,
    expectedVolumeNote: `From the EMDB header's molecular mass (${(daltons / 1e3).toFixed(1)} kDa) at a protein density of ${PROTEIN_DENSITY} g/cm³ ` +
      `(${CUBIC_A_PER_DALTON.toFixed(4)} Å³/Da).`,
  };
}

/** Isosurface areas in nm² at `levels`; above 160 voxels per axis on a grid sampled every `step` voxels (the cost is the cells'). */
function areasNm2(data: Float32Array, d: Dims, levels: number[], voxelSize: number, progress: (f: number) => void): number[] {
  const v = { x: voxelSize, y: voxelSize, z: voxelSize };
  return Array.from(isosurfaceAreas(data, d, levels, { voxelSize: v, step: stepForSize(d), progress }), (a) => a / 100);
}

/**
 * Voxels at or above each of linspace(min, max, levels) in one pass: the histogram kernel's
 * bins are numpy's [e_k, e_k+1) on exactly those edges, so a suffix sum of its counts is the
 * count at or above e_k; the last level (the maximum) counts the voxels equal to it.
 */
function countsAtOrAbove(data: Float32Array, min: number, max: number, levels: Float64Array): Float64Array {
  const out = new Float64Array(levels.length);
  if (min === max) return out.fill(data.length);
  const h = histogram(data, levels.length - 1, { range: [min, max] });
  let top = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === max) top++;
  out[levels.length - 1] = top;
  let acc = 0;
  for (let k = levels.length - 2; k >= 0; k--) out[k] = acc += h.counts[k]!;
  return out;
}

export function computeVolumeCurve(data: Float32Array, d: Dims, voxelSize: number, contour: number, progress: (f: number) => void = () => {}): VolumeCurve {
  const { min, max } = summaryStats(data);
  const levels = linspace(min, max, VOLUME_LEVELS);
  const counts = countsAtOrAbove(data, min, max, levels);
  let atContour = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! >= contour) atContour++;
  const nm3 = voxelSize ** 3 / 1000;
  // the areas at every AREA_STRIDE-th level and at the contour, in one pass over the cells
  const areaLevels = [...Array.from(levels).filter((_, k) => k % AREA_STRIDE === 0), contour];
  const areas = areasNm2(data, d, areaLevels, voxelSize, progress);
  const points: VolumePoint[] = [];
  for (let k = 0; k < VOLUME_LEVELS; k++) {
    points.push({ level: levels[k]!, volume: counts[k]! * nm3, surfaceArea: k % AREA_STRIDE === 0 ? areas[k / AREA_STRIDE]! : null });
  }
  const base: VolumeCurve = {
    ...levelSectionBase('E.b', {
      title: VOLUME_TITLE,
      explanation: 'The volume enclosed by the isosurface and the isosurface area as the contour level changes. At the recommended contour, ' +
        'the enclosed volume should be near the volume the molecular mass implies: much more suggests noise or a too low contour, much less a too high one or a partial map.',
      criteria: ARCHIVE_CRITERIA,
      algorithm: `Voxels at or above ${VOLUME_LEVELS} levels between the minimum and maximum (volume); marching-cubes area at every ${AREA_STRIDE}th level and at the contour`,
      algorithmVersion: VOLUME_VERSION,
    }, []),
    points,
    contour,
    enclosedVolume: atContour * nm3,
    surfaceArea: areas[areaLevels.length - 1]!,
    molecularMass: null,
    expectedVolume: null,
    volumeRatio: null,
    expectedVolumeNote: NO_MASS_NOTE,
  };
  return base;
}

export const volumeSection: SectionDeclaration<VolumeCurve> = {
  field: 'volume',
  id: 'E.b',
  title: VOLUME_TITLE,
  description: 'E.b volume and surface area vs contour level, and the contour\'s volume vs the molecular mass',
  record: sectionSchema<VolumeCurve>()('VolumeCurve', { description: VOLUME_TITLE }, {
    points: list(object(POINT), `${VOLUME_LEVELS} levels between the minimum and maximum`),
    contour: float('map units, contour level the volume is enclosed by'),
    enclosedVolume: float('nm³, volume at or above the contour'),
    surfaceArea: float('nm², isosurface area at the contour'),
    molecularMass: float("Da, the EMDB header's molecular mass (sample: theoretical, else experimental); null when not given").orNull(),
    expectedVolume: float(`nm³, volume expected from the mass: molecularMass at ${PROTEIN_DENSITY} g/cm³; null without a mass`).orNull(),
    volumeRatio: float('ratio of the enclosed to the expected volume: enclosedVolume / expectedVolume; null without a mass').orNull(),
    expectedVolumeNote: string('where the expected volume came from, or why there is none'),
  }),
  metric: {
    name: 'archive.volume',
    version: VOLUME_VERSION,
    dependsOn: [],
    keyParams: ['threshold', 'voxelSize'],
    cost: 4,
    // no per-voxel buffer (isosurfaceAreas sums the areas cell by cell, the counts are a histogram):
    // a token quarter byte a voxel
    memory: 0.25,
    compute: (ctx) => computeVolumeCurve(ctx.volume.data, dimsOf(ctx), ctx.params.voxelSize, ctx.params.threshold, (f) => ctx.progress(f)),
  } satisfies MetricDefinition<VolumeCurve>,
  empty: (status, reason) => ({ points: [], expectedVolumeNote: NO_MASS_NOTE, ...emptySectionBase('E.b', VOLUME_TITLE, status, reason) }),
  withMap: (r, map) => withMolecularMass(r, map.molecularMass),
  withoutCriteria: true,
  ranked: [{ path: 'volumeRatio', label: 'E.b Volume / expected', unit: '', better: null }],
};

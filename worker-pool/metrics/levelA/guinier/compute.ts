/**
 * A.d Map–model Guinier (higher-levels.md §5 A.d): the Guinier profiles of the map and of the
 * model map with 0.d's code (level0/bfactor: guinierShells, guinierPoints), the model's shifted
 * to the map's mean, and their Pearson correlation; a warning below 0.5.
 */
import type { Dims, Vec3 } from '../../../volume.js';
import { rfft3d } from '../../../kernels/fft/fft3d.js';
import { pearson } from '../../../kernels/stats/correlation.js';
import { guinierPoints, guinierShells } from '../../../kernels/fourier/guinier.js';
import { levelSectionBase } from '../../level0/section.js';
import type { MapModelGuinierAnalysis, MapModelGuinierPoint } from './record.js';
import { GUINIER_ALGORITHM, GUINIER_CRITERIA, GUINIER_EXPLANATION, GUINIER_NOT_MEASURED, GUINIER_TITLE, guinierWarnings, MIN_GUINIER_CORRELATION } from './texts.js';

export const GUINIER_VERSION = '1';
const TEXTS = { title: GUINIER_TITLE, explanation: GUINIER_EXPLANATION, criteria: GUINIER_CRITERIA, algorithm: GUINIER_ALGORITHM, algorithmVersion: GUINIER_VERSION };
const MIN_SHELLS = 3;

export function emptyGuinier(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): MapModelGuinierAnalysis {
  return { ...levelSectionBase('A.d', TEXTS, [], { status, reason }), resolution: null, shift: null, correlation: null, offset: null, points: [] };
}

/** ln mean |F| per shell (0.d's points: x = 1/d², shells with d ≥ resolution; DC and empty shells dropped). */
export function guinierProfile(data: Float32Array, d: Dims, voxelSize: number, resolution: number): Map<number, number> {
  const points = guinierPoints(guinierShells(rfft3d(data, d, { normalize: 'forward' }), d), d.nx, voxelSize, resolution);
  const out = new Map<number, number>();
  points.forEach((p, i) => {
    if (i > 0 && p.y !== 0) out.set(p.x, p.y);
  });
  return out;
}

/** The map (data on grid d, cubic voxels of `voxelSize` Å) against the model map on the same grid. */
export function computeMapModelGuinier(
  map: Float32Array, modelMap: Float32Array, d: Dims, voxelSize: number, resolution: number, shift: Vec3,
): MapModelGuinierAnalysis {
  const ofMap = guinierProfile(map, d, voxelSize, resolution), ofModel = guinierProfile(modelMap, d, voxelSize, resolution);
  const xs = [...ofMap.keys()].filter((x) => ofModel.has(x));
  if (xs.length < MIN_SHELLS) return { ...emptyGuinier('FAILED', GUINIER_NOT_MEASURED), resolution, shift };
  const y = xs.map((x) => ofMap.get(x)!), m = xs.map((x) => ofModel.get(x)!);
  const offset = (y.reduce((s, v) => s + v, 0) - m.reduce((s, v) => s + v, 0)) / xs.length;
  // Pearson R of the two profiles (none when one is constant)
  const correlation = pearson(m, y);
  const points: MapModelGuinierPoint[] = xs.map((x, k) => ({ inverseResolutionSquared: x, lnAmplitudeMap: y[k]!, lnAmplitudeModel: m[k]! + offset }));
  const warnings = correlation !== null && correlation < MIN_GUINIER_CORRELATION ? [guinierWarnings.lowCorrelation(correlation)] : [];
  const forced = correlation === null ? { status: 'FAILED' as const, reason: GUINIER_NOT_MEASURED } : undefined;
  return { ...levelSectionBase('A.d', TEXTS, warnings, forced), resolution, shift, correlation, offset, points };
}

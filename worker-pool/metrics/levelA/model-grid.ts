/**
 * What the Level A sections share: the map's grid as the model map needs it, the mask radius,
 * the model map at a placement, and the placement the pre-check chose (its result, read from the
 * `levelA.placement` dependency).
 */
import type { Vec3 } from '../../volume.js';
import type { Level0Params, MetricContext, ModelInput } from '../types.js';
import { lowPassToResolution, modelDensity, DEFAULT_B_FACTOR, effectiveB, type GridGeometry } from '../../kernels/model-map/model-map.js';
import { electronScattering } from '../../kernels/model-map/scattering-factors.js';
import type { Placement } from './placement/record.js';

export const PLACEMENT_METRIC = 'levelA.placement';

/** The map's grid with the analyses' (cubic) voxel size and the map's origin. */
export function mapGrid(ctx: Pick<MetricContext, 'volume' | 'params'>): GridGeometry {
  const v = ctx.volume, s = ctx.params.voxelSize;
  return { nx: v.nx, ny: v.ny, nz: v.nz, voxelSize: { x: s, y: s, z: s }, origin: v.origin };
}

/** The model map at a placement (shift in Å added to the atoms), limited to `resolution` (Å) unless null. */
export function modelMapAt(model: ModelInput, grid: GridGeometry, shift: Vec3, resolution: number | null): Float32Array {
  const sharp = modelDensity(model, grid, { shift });
  return resolution === null ? sharp : lowPassToResolution(sharp, grid, grid.voxelSize.x, resolution);
}

/** Median B of the model (Å²), atoms without a positive B counted at the default. */
export function medianB(model: ModelInput): number {
  if (model.atomCount === 0) return DEFAULT_B_FACTOR;
  const b = Float64Array.from(model.bFactor, (v) => effectiveB(v)).sort();
  return b[b.length >> 1]!;
}

/**
 * The radius (Å) of a carbon atom's image: where its density (five Gaussians at the model's
 * median B) falls to 1 % of its centre value.
 */
export function atomImageRadius(model: ModelInput): number {
  const B = medianB(model);
  const { a, b } = electronScattering(6);
  const rho = (r: number) => a.reduce((s, ai, i) => s + ai * Math.pow(4 * Math.PI / (b[i]! + B), 1.5) * Math.exp(-4 * Math.PI * Math.PI * r * r / (b[i]! + B)), 0);
  const target = 0.01 * rho(0);
  let lo = 0, hi = 20;
  for (let k = 0; k < 50; k++) { const mid = (lo + hi) / 2; if (rho(mid) > target) lo = mid; else hi = mid; }
  return hi;
}

/** mtriage's mask radius around the atoms: max(3, min(10, max(d_min, d99, atom image radius))) Å. */
export function maskRadius(resolution: number, d99: number | null, atomRadius: number): number {
  return Math.max(3, Math.min(10, Math.max(resolution, d99 ?? 0, atomRadius)));
}

/** The placement chosen by the pre-check (the fit sections' dependency). */
export function placementOf(ctx: Pick<MetricContext<Level0Params>, 'deps'>): Placement {
  return ctx.deps[PLACEMENT_METRIC] as Placement;
}

/**
 * The placement pre-check: CC_mask of the map and the model map as given; below 0.8, the
 * alternative origins VRS tries (header origin, its negative, zero, box centre, its negative),
 * keeping the best that reaches 0.8 and beats the original.
 *
 * The map's voxel (0, 0, 0) is at `origin` (the header's, as the map reader chose it). Putting it
 * at another origin O' instead moves every voxel by O' − origin, which is the same as moving the
 * model by origin − O' in the map's frame: that is the trial's `shift`.
 */
import type { Vec3, Volume } from '../../../volume.js';
import { VrsError } from '../../../errors.js';
import type { ModelInput } from '../../types.js';
import { atomDistances, binaryMask } from '../../../kernels/model-map/model-mask.js';
import { atomsInsideBox, type GridGeometry } from '../../../kernels/model-map/model-map.js';
import { pearson } from '../../../kernels/stats/correlation.js';
import { atomImageRadius, maskRadius, modelMapAt } from '../model-grid.js';
import { LEVEL_A_NO_RESOLUTION_REASON, notPlacedReason } from '../texts.js';
import type { Placement, PlacementTrial } from './record.js';
import { PLACEMENT_METHOD, PLACEMENT_THRESHOLD, placedSentence } from './texts.js';

export const PLACEMENT_VERSION = '1';

const ZERO: Vec3 = { x: 0, y: 0, z: 0 };
const minus = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const fmt = (a: Vec3) => `(${[a.x, a.y, a.z].map((v) => v.toFixed(1)).join(', ')})`;
const neg = (a: Vec3): Vec3 => ({ x: -a.x, y: -a.y, z: -a.z });

/** The origins VRS tries, by name (the first is the map's own). */
export function candidateOrigins(grid: GridGeometry): { name: string; origin: Vec3 }[] {
  const o = grid.origin;
  const centre = { x: (grid.nx * grid.voxelSize.x) / 2, y: (grid.ny * grid.voxelSize.y) / 2, z: (grid.nz * grid.voxelSize.z) / 2 };
  const list = [
    { name: 'AS_GIVEN', origin: o },
    { name: 'HEADER_ORIGIN_NEGATED', origin: neg(o) },
    { name: 'ZERO', origin: ZERO },
    { name: 'BOX_CENTRE', origin: centre },
    { name: 'BOX_CENTRE_NEGATED', origin: neg(centre) },
  ];
  // the same origin twice (e.g. an origin at zero) is tried once
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = [c.origin.x, c.origin.y, c.origin.z].map((v) => v.toFixed(3)).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** CC_mask of the map and the model map with the model moved by `shift`. */
export function ccMaskAt(map: Float32Array, model: ModelInput, grid: GridGeometry, shift: Vec3, resolution: number, radius: number): { ccMask: number | null; atomsInside: number } {
  const atomsInside = atomsInsideBox(model, grid, shift);
  if (atomsInside === 0) return { ccMask: null, atomsInside };
  const modelMap = modelMapAt(model, grid, shift, resolution);
  const mask = binaryMask(atomDistances(model, grid, radius, shift), radius);
  return { ccMask: pearson(map, modelMap, mask), atomsInside };
}

export function computePlacement(map: Volume, model: ModelInput, grid: GridGeometry, resolution: number | null): Placement {
  const base = { atoms: model.atomCount, explanation: PLACEMENT_METHOD };
  if (resolution === null) {
    return { ...base, status: 'NOT_APPLICABLE', statusReason: LEVEL_A_NO_RESOLUTION_REASON, placed: false, chosen: null, shift: ZERO, ccMaskAsGiven: null, ccMask: null, maskRadius: null, trials: [] };
  }
  const radius = maskRadius(resolution, null, atomImageRadius(model));
  const trials: PlacementTrial[] = [];
  for (const c of candidateOrigins(grid)) {
    const shift = minus(grid.origin, c.origin);
    trials.push({ name: c.name, origin: c.origin, shift, ...ccMaskAt(map.data, model, grid, shift, resolution, radius) });
    // as VRS: the alternatives are tried only when the model does not fit as given
    if (c.name === 'AS_GIVEN' && (trials[0]!.ccMask ?? -1) >= PLACEMENT_THRESHOLD) break;
  }
  if (trials.every((t) => t.atomsInside === 0)) {
    throw new VrsError('MODEL_OUTSIDE_MAP', `No atom of the model (${model.atomCount} atoms) lies inside the map's box (${grid.nx}×${grid.ny}×${grid.nz} voxels from ${fmt(grid.origin)} Å), with the map's origin or any of the ${trials.length - 1} alternatives tried; fit the model into this map first.`);
  }
  const asGiven = trials[0]!.ccMask;
  let best: PlacementTrial | null = null;
  for (const t of trials) {
    if (t.ccMask === null || t.ccMask < PLACEMENT_THRESHOLD) continue;
    if (t.name !== 'AS_GIVEN' && asGiven !== null && t.ccMask <= asGiven) continue;
    if (!best || t.ccMask > best.ccMask!) best = t;
  }
  if (!best) {
    const bestCc = trials.reduce<number | null>((m, t) => (t.ccMask !== null && (m === null || t.ccMask > m) ? t.ccMask : m), null);
    return { ...base, status: 'NOT_APPLICABLE', statusReason: notPlacedReason(bestCc), placed: false, chosen: null, shift: ZERO, ccMaskAsGiven: asGiven, ccMask: bestCc, maskRadius: radius, trials };
  }
  return {
    ...base,
    status: best.name === 'AS_GIVEN' ? 'OK' : 'WARNING',
    statusReason: placedSentence(best.name, best.ccMask!, asGiven),
    placed: true, chosen: best.name, shift: best.shift, ccMaskAsGiven: asGiven, ccMask: best.ccMask, maskRadius: radius, trials,
  };
}

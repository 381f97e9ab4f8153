/**
 * The placement pre-check: CC_mask of the map and the model map as given; below 0.8, the
 * alternative origins VRS tries (header origin, its negative, zero, box centre, its negative),
 * keeping the best that reaches 0.8 and beats the original; when none does, a translation search
 * (any shift) says by how much the model is off, without applying it (the model is not placed).
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
import { translationSearch } from '../../../kernels/translation-search.js';
import { atomImageRadius, maskRadius, modelMapAt } from '../model-grid.js';
import { LEVEL_A_NO_RESOLUTION_REASON, notPlacedReason } from '../texts.js';
import type { Placement, PlacementTrial } from './record.js';
import { PLACEMENT_METHOD, PLACEMENT_THRESHOLD, placedSentence, translationSentence } from './texts.js';

export const PLACEMENT_VERSION = '3';

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

/**
 * The translation that fits the model best, by FFT cross-correlation of the map with the model
 * map rendered at the box centre (kernels/translation-search.ts, sub-voxel), and its CC_mask.
 */
export function searchTranslation(map: Float32Array, model: ModelInput, grid: GridGeometry, resolution: number, radius: number): PlacementTrial {
  const c = { x: 0, y: 0, z: 0 };
  for (let i = 0; i < model.atomCount; i++) { c.x += model.x[i]!; c.y += model.y[i]!; c.z += model.z[i]!; }
  const v = grid.voxelSize, o = grid.origin, n = Math.max(1, model.atomCount);
  const centre = { x: o.x + (grid.nx * v.x) / 2, y: o.y + (grid.ny * v.y) / 2, z: o.z + (grid.nz * v.z) / 2 };
  const toCentre = { x: centre.x - c.x / n, y: centre.y - c.y / n, z: centre.z - c.z / n };
  const t = translationSearch(map, modelMapAt(model, grid, toCentre, resolution), grid).shift;
  const shift = { x: toCentre.x + t.x * v.x, y: toCentre.y + t.y * v.y, z: toCentre.z + t.z * v.z };
  return { name: 'TRANSLATION_SEARCH', origin: minus(o, shift), shift, ...ccMaskAt(map, model, grid, shift, resolution, radius) };
}

/** CC_mask of the map and the model map with the model moved by `shift`. */
export function ccMaskAt(map: Float32Array, model: ModelInput, grid: GridGeometry, shift: Vec3, resolution: number, radius: number): { ccMask: number | null; atomsInside: number } {
  const atomsInside = atomsInsideBox(model, grid, shift);
  if (atomsInside === 0) return { ccMask: null, atomsInside };
  const modelMap = modelMapAt(model, grid, shift, resolution);
  const mask = binaryMask(atomDistances(model, grid, radius, shift), radius);
  return { ccMask: pearson(map, modelMap, mask), atomsInside };
}

/**
 * The model's Cα (and nucleotide P) trace moved by `shift`, in Å from the map's first voxel (the
 * frame of the isosurface mesh): flat x, y, z and the chains' first points.
 */
export function modelTrace(model: ModelInput, shift: Vec3, origin: Vec3): { trace: number[]; traceChainStarts: number[] } {
  const names = new Set(model.atomNames.flatMap((n, i) => (n === 'CA' || n === 'P' ? [i] : [])));
  const trace: number[] = [], traceChainStarts: number[] = [];
  let chain = -1;
  for (let n = 0; n < model.atomCount; n++) {
    if (!names.has(model.atomName[n]!) || model.hetero[n]) continue;
    const c = model.residueChain[model.residue[n]!]!;
    if (c !== chain) { traceChainStarts.push(trace.length / 3); chain = c; }
    trace.push(model.x[n]! + shift.x - origin.x, model.y[n]! + shift.y - origin.y, model.z[n]! + shift.z - origin.z);
  }
  return { trace, traceChainStarts };
}

export function computePlacement(map: Volume, model: ModelInput, grid: GridGeometry, resolution: number | null): Placement {
  const base = { atoms: model.atomCount, explanation: PLACEMENT_METHOD, trace: [] as number[], traceChainStarts: [] as number[] };
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
    // not applied (VRS applies only its origins): a diagnosis of how far the model is off, told to the user
    const found = searchTranslation(map.data, model, grid, resolution, radius);
    trials.push(found);
    const reason = notPlacedReason(bestCc) + (found.ccMask !== null && found.ccMask >= PLACEMENT_THRESHOLD ? ' ' + translationSentence(found.shift, found.ccMask) : '');
    return { ...base, ...modelTrace(model, ZERO, grid.origin), status: 'NOT_APPLICABLE', statusReason: reason, placed: false, chosen: null, shift: ZERO, ccMaskAsGiven: asGiven, ccMask: bestCc, maskRadius: radius, trials };
  }
  return {
    ...base,
    ...modelTrace(model, best.shift, grid.origin),
    status: best.name === 'AS_GIVEN' ? 'OK' : 'WARNING',
    statusReason: placedSentence(best.name, best.ccMask!, asGiven),
    placed: true, chosen: best.name, shift: best.shift, ccMaskAsGiven: asGiven, ccMask: best.ccMask, maskRadius: radius, trials,
  };
}

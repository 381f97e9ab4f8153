/**
 * Atom inclusion as EMDB's validation analysis (va) reports it (spec higher-levels.md §7.1): the
 * map interpolated trilinearly at each atom; an atom is included when its value is above the
 * contour level; a residue's inclusion is the fraction of its atoms included; the curves give
 * the fraction of all atoms and of backbone atoms included at 129 levels from the map's minimum
 * to its maximum, the contour level inserted among them. Hydrogens are left out (as in the
 * Q-score): cryo-EM models rarely have them, and where they do they are not resolved.
 */
import type { Volume } from '../../volume.js';
import { linspace } from '../stats/histogram.js';
import { summaryStats } from '../stats/summary.js';
import { sampleAt } from '../trilinear.js';
import { isHydrogen, residueCount, type ModelAtoms } from './atoms.js';

export const INCLUSION_LEVELS = 129;

export interface InclusionCount {
  included: number;
  total: number;
  /** included / total; NaN when total is 0. */
  fraction: number;
}

export interface InclusionCurve {
  /** map units, increasing; the contour level is one of them. */
  levels: number[];
  /** fraction of all (non-hydrogen) atoms above each level */
  all: number[];
  /** fraction of backbone atoms above each level (NaN without backbone atoms) */
  backbone: number[];
}

export interface AtomInclusion {
  /** map value at each atom (NaN for hydrogens) */
  values: Float64Array;
  all: InclusionCount;
  backbone: InclusionCount;
  /** per residue: fraction of its non-hydrogen atoms included; NaN when it has none */
  residue: Float64Array;
  curve: InclusionCurve;
}

/** Values sorted ascending; counts how many are strictly above a level (binary search). */
function countAbove(sorted: Float64Array, level: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > level) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

function count(sorted: Float64Array, level: number): InclusionCount {
  const included = countAbove(sorted, level);
  return { included, total: sorted.length, fraction: sorted.length > 0 ? included / sorted.length : NaN };
}

/** `backbone[i]` = 1 for backbone atoms (atoms.ts backboneFlags). */
export function atomInclusion(map: Volume, atoms: ModelAtoms, backbone: ArrayLike<number>, contour: number): AtomInclusion {
  const n = atoms.x.length;
  const values = new Float64Array(n).fill(NaN);
  const all: number[] = [], main: number[] = [];
  const r = residueCount(atoms);
  const inResidue = new Float64Array(r), inResidueIncluded = new Float64Array(r);
  for (let i = 0; i < n; i++) {
    if (isHydrogen(atoms, i)) continue;
    const v = sampleAt(map, atoms.x[i]!, atoms.y[i]!, atoms.z[i]!);
    values[i] = v;
    all.push(v);
    if (backbone[i]) main.push(v);
    inResidue[atoms.residue[i]!]!++;
    if (v > contour) inResidueIncluded[atoms.residue[i]!]!++;
  }
  const allSorted = Float64Array.from(all).sort(), mainSorted = Float64Array.from(main).sort();
  const s = summaryStats(map.data);
  const levels = [...linspace(s.min, s.max, INCLUSION_LEVELS)];
  if (!levels.includes(contour)) levels.push(contour);
  levels.sort((a, b) => a - b);
  return {
    values,
    all: count(allSorted, contour),
    backbone: count(mainSorted, contour),
    residue: inResidueIncluded.map((k, j) => (inResidue[j]! > 0 ? k / inResidue[j]! : NaN)),
    curve: {
      levels,
      all: levels.map((l) => count(allSorted, l).fraction),
      backbone: levels.map((l) => count(mainSorted, l).fraction),
    },
  };
}

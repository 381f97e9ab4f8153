/**
 * 0.a Mass analysis (level0.md §4.3): empty space on each side of the hard mask, its
 * decentering, and the decentering of the centre of mass of the whole (signed) map.
 */
import type { Axis, Dims, Vec3 } from '../../../volume.js';
import type { CriteriaProfile } from '../../types.js';
import type { MassAnalysis } from './record.js';
import { MASS_CRITERIA, MASS_EXPLANATION, MASS_TITLE, massWarnings } from './texts.js';
import { sectionBase } from '../section.js';
import { centreOfMass } from '../../../kernels/stats/index.js';

export const MASS_VERSION = '1';
const AXES: Axis[] = ['x', 'y', 'z'];

/** First and last index along each axis where the mask has a voxel; null for an empty mask. */
export function maskExtent(mask: Uint8Array, d: Dims): { first: Vec3; last: Vec3 } | null {
  const first = { x: Infinity, y: Infinity, z: Infinity };
  const last = { x: -1, y: -1, z: -1 };
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    for (let y = 0; y < d.ny; y++) {
      let rowFirst = -1;
      let rowLast = -1;
      for (let x = 0; x < d.nx; x++, i++) {
        if (mask[i]) {
          if (rowFirst < 0) rowFirst = x;
          rowLast = x;
        }
      }
      if (rowFirst < 0) continue;
      if (rowFirst < first.x) first.x = rowFirst;
      if (rowLast > last.x) last.x = rowLast;
      if (y < first.y) first.y = y;
      if (y > last.y) last.y = y;
      if (z < first.z) first.z = z;
      if (z > last.z) last.z = z;
    }
  }
  return last.x < 0 ? null : { first, last };
}

export interface CenteringNumbers {
  leftSpace: Vec3;
  rightSpace: Vec3;
  decenteringRatio: Vec3;
  centerOfMass: Vec3;
  centerOfMassDecentering: Vec3;
  warnings: string[];
}

/**
 * The section's arithmetic. `extent` from maskExtent of the hard mask, `com` the centre of
 * mass of the whole map in voxel units. Right space: standard = empty voxels after the mask
 * × Ts; vrs-2024 = Ts·(N − lastIndex), one voxel more (Decision 1).
 */
export function centering(
  extent: { first: Vec3; last: Vec3 } | null,
  d: Dims,
  Ts: number,
  com: Vec3,
  profile: CriteriaProfile,
): CenteringNumbers {
  const zero = (): Vec3 => ({ x: 0, y: 0, z: 0 });
  const out: CenteringNumbers = {
    leftSpace: zero(),
    rightSpace: zero(),
    decenteringRatio: zero(),
    centerOfMass: { ...com },
    centerOfMassDecentering: zero(),
    warnings: [],
  };
  const size: Vec3 = { x: d.nx, y: d.ny, z: d.nz };
  if (!extent) {
    out.warnings.push(massWarnings.emptyMask);
    return out;
  }
  for (const a of AXES) {
    const n = size[a];
    out.leftSpace[a] = Ts * extent.first[a];
    out.rightSpace[a] = profile === 'vrs-2024' ? Ts * (n - extent.last[a]) : Ts * (n - 1 - extent.last[a]);
    out.decenteringRatio[a] = (Math.abs(out.rightSpace[a] - out.leftSpace[a]) / (Ts * n)) * 100;
    out.centerOfMassDecentering[a] = (Math.abs(com[a] - n / 2) / n) * 100;
  }
  // VRS order: decentering x,y,z; left x,y,z; right x,y,z; centre of mass x,y,z.
  for (const a of AXES) if (out.decenteringRatio[a] > 20) out.warnings.push(massWarnings.decentered(a));
  for (const a of AXES) if (out.leftSpace[a] < 20) out.warnings.push(massWarnings.leftSpace(a));
  for (const a of AXES) if (out.rightSpace[a] < 20) out.warnings.push(massWarnings.rightSpace(a));
  for (const a of AXES) if (out.centerOfMassDecentering[a] > 20) out.warnings.push(massWarnings.centerOfMass(a));
  return out;
}

export function massSection(numbers: CenteringNumbers): MassAnalysis {
  const { warnings, ...values } = numbers;
  return {
    ...sectionBase(
      '0.a',
      {
        title: MASS_TITLE,
        explanation: MASS_EXPLANATION,
        criteria: MASS_CRITERIA,
        algorithm: 'Hard-mask bounding box (empty space per side) and centre of mass of the whole map',
        algorithmVersion: MASS_VERSION,
      },
      warnings,
    ),
    ...values,
  };
}

/** 0.a from the map and its hard mask. */
export function computeMass(data: Float32Array, d: Dims, hard: Uint8Array, Ts: number, profile: CriteriaProfile): MassAnalysis {
  return massSection(centering(maskExtent(hard, d), d, Ts, centreOfMass(data, d), profile));
}

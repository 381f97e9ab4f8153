/**
 * Masks around atoms and correlations per group of atoms (residue, chain), on a map's grid.
 * Each atom visits only the voxels within its radius (a cube clipped to the sphere), never the
 * whole box per atom.
 */
import type { Vec3 } from '../../volume.js';
import { addPair, correlationOf, emptySums } from '../stats/correlation.js';
import type { AtomArrays, GridGeometry } from './model-map.js';

const NO_SHIFT: Vec3 = { x: 0, y: 0, z: 0 };

/** Calls fn(voxel index, distance²) for every voxel within `radius` Å of atom n. */
function forVoxelsNear(atoms: Pick<AtomArrays, 'x' | 'y' | 'z'>, n: number, grid: GridGeometry, radius: number, shift: Vec3, fn: (i: number, d2: number) => void): void {
  const v = grid.voxelSize, o = grid.origin, r2 = radius * radius;
  const px = atoms.x[n]! + shift.x, py = atoms.y[n]! + shift.y, pz = atoms.z[n]! + shift.z;
  const x0 = Math.max(0, Math.ceil((px - radius - o.x) / v.x)), x1 = Math.min(grid.nx - 1, Math.floor((px + radius - o.x) / v.x));
  const y0 = Math.max(0, Math.ceil((py - radius - o.y) / v.y)), y1 = Math.min(grid.ny - 1, Math.floor((py + radius - o.y) / v.y));
  const z0 = Math.max(0, Math.ceil((pz - radius - o.z) / v.z)), z1 = Math.min(grid.nz - 1, Math.floor((pz + radius - o.z) / v.z));
  for (let z = z0; z <= z1; z++) {
    const dz = o.z + z * v.z - pz, dz2 = dz * dz;
    for (let y = y0; y <= y1; y++) {
      const dy = o.y + y * v.y - py, dyz2 = dy * dy + dz2;
      if (dyz2 > r2) continue;
      const row = (z * grid.ny + y) * grid.nx;
      for (let x = x0; x <= x1; x++) {
        const dx = o.x + x * v.x - px, d2 = dx * dx + dyz2;
        if (d2 <= r2) fn(row + x, d2);
      }
    }
  }
}

/** Distance² (Å²) from every voxel within `reach` Å of an atom to its nearest atom; Infinity elsewhere. */
export function atomDistances(atoms: AtomArrays, grid: GridGeometry, reach: number, shift: Vec3 = NO_SHIFT): Float32Array {
  const out = new Float32Array(grid.nx * grid.ny * grid.nz).fill(Infinity);
  for (let n = 0; n < atoms.atomCount; n++) {
    forVoxelsNear(atoms, n, grid, reach, shift, (i, d2) => { if (d2 < out[i]!) out[i] = d2; });
  }
  return out;
}

/** 1 where a voxel is within `radius` Å of an atom. */
export function binaryMask(distances2: Float32Array, radius: number): Uint8Array {
  const r2 = radius * radius;
  const out = new Uint8Array(distances2.length);
  for (let i = 0; i < out.length; i++) out[i] = distances2[i]! <= r2 ? 1 : 0;
  return out;
}

/** 1 within `radius`, a raised cosine to 0 over the next `edge` Å, 0 beyond (the masked FSC's mask). */
export function softMask(distances2: Float32Array, radius: number, edge: number): Float32Array {
  const out = new Float32Array(distances2.length);
  for (let i = 0; i < out.length; i++) {
    const d = Math.sqrt(distances2[i]!);
    out[i] = d <= radius ? 1 : d < radius + edge ? 0.5 * (1 + Math.cos((Math.PI * (d - radius)) / edge)) : 0;
  }
  return out;
}

/**
 * The CC of two maps over the voxels within `radius` Å of each group's atoms (group = residue or
 * chain: `groupOf[atom]`, 0 … groups−1). A voxel near several atoms of a group counts once.
 * NaN for a group with fewer than two voxels or a constant map there.
 */
export function groupCorrelations(a: Float32Array, b: Float32Array, atoms: AtomArrays, groupOf: ArrayLike<number>, groups: number, grid: GridGeometry, radius: number, shift: Vec3 = NO_SHIFT): Float64Array {
  // atoms by group (counting sort), so each group's voxels are gathered in one run
  const start = new Int32Array(groups + 1);
  for (let n = 0; n < atoms.atomCount; n++) start[groupOf[n]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const order = new Int32Array(atoms.atomCount), fill = start.slice(0, groups);
  for (let n = 0; n < atoms.atomCount; n++) order[fill[groupOf[n]!]!++] = n;
  const stamp = new Int32Array(a.length).fill(-1);
  const cc = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const s = emptySums();
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      forVoxelsNear(atoms, order[k]!, grid, radius, shift, (i) => {
        if (stamp[i] === g) return;
        stamp[i] = g;
        addPair(s, a[i]!, b[i]!);
      });
    }
    cc[g] = correlationOf(s) ?? NaN;
  }
  return cc;
}

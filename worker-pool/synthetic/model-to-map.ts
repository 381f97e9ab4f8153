/**
 * An atomic model rendered as a map: each atom a Gaussian of σ = 0.225·R weighted by its atomic
 * number (Chimera molmap's convention, as the phantoms), on a cubic box that holds the model
 * plus a margin. Values are scaled so that the peak is 1. Reuses the phantom's splatting.
 */
import { sharedFloat32, type Volume } from '../volume.js';
import { atomicNumber, type ModelAtom } from '../io/pdb.js';
import { splatAtoms, type Atom } from './phantom.js';

export interface ModelMapOptions {
  /** Å per voxel */
  voxelSize: number;
  /** Å */
  resolution: number;
  /** Å of empty space around the model (default 10) */
  margin?: number;
}

/** The map, with `origin` = model coordinates (Å) of voxel (0, 0, 0). */
export function modelToMap(atoms: readonly ModelAtom[], o: ModelMapOptions): Volume {
  const margin = o.margin ?? 10;
  let lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (const a of atoms) {
    lo = [Math.min(lo[0]!, a.x), Math.min(lo[1]!, a.y), Math.min(lo[2]!, a.z)];
    hi = [Math.max(hi[0]!, a.x), Math.max(hi[1]!, a.y), Math.max(hi[2]!, a.z)];
  }
  const extent = Math.max(hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!) + 2 * margin;
  const size = 2 * Math.ceil(extent / o.voxelSize / 2);
  // centre the model in the box
  const origin = [0, 1, 2].map((k) => (lo[k]! + hi[k]!) / 2 - (size * o.voxelSize) / 2) as [number, number, number];
  const local: Atom[] = atoms.map((a) => ({ x: a.x - origin[0], y: a.y - origin[1], z: a.z - origin[2], weight: atomicNumber(a.element) }));
  const data = sharedFloat32(size ** 3);
  splatAtoms(local, data, size, o.voxelSize, 0.225 * o.resolution);
  let peak = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > peak) peak = data[i]!;
  if (peak > 0) for (let i = 0; i < data.length; i++) data[i] = data[i]! / peak;
  return {
    nx: size, ny: size, nz: size, data,
    voxelSize: { x: o.voxelSize, y: o.voxelSize, z: o.voxelSize },
    origin: { x: origin[0], y: origin[1], z: origin[2] },
  };
}

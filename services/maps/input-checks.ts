/**
 * The checks a file passes before it is linked to a map in a role (pure functions: the maps
 * service and `vrs validate` both use them, the CLI before it opens the store).
 *
 * Half maps must lie on the map's grid: the same dimensions (exactly), the same voxel size
 * (each axis within 0.01 % relative) and the same origin (each axis within 0.01 voxel); and
 * be two different files, neither of them the map itself. A model must parse (io/model.ts).
 */
import { VrsError } from '../../worker-pool/errors.js';

export interface Xyz {
  x: number;
  y: number;
  z: number;
}

/** Where a volume lies: voxels along x, y, z; Å per voxel; Å position of voxel (0, 0, 0). */
export interface GridGeometry {
  dimensions: Xyz;
  voxelSize: Xyz;
  origin: Xyz;
}

/** Tolerances of the half-map grid check. */
export const HALF_MAP_TOLERANCE = {
  /** |Δ voxel size| ≤ this × the map's voxel size, per axis (float32 header round-off is ~1e-7). */
  voxelSizeRelative: 1e-4,
  /** |Δ origin| ≤ this × the map's voxel size (Å), per axis. */
  originVoxels: 0.01,
} as const;

/** Dimensions as the reader ({nx, ny, nz}) or the GraphQL record ({x, y, z}) spell them. */
export function gridOf(geometry: Record<string, unknown>): GridGeometry {
  const d = (geometry.dimensions ?? {}) as Record<string, number>;
  return {
    dimensions: { x: d.nx ?? d.x ?? NaN, y: d.ny ?? d.y ?? NaN, z: d.nz ?? d.z ?? NaN },
    voxelSize: geometry.voxelSize as Xyz,
    origin: geometry.origin as Xyz,
  };
}

export interface HalfMapCandidate {
  role: 'half1' | 'half2';
  sha256: string;
  name: string;
  grid: GridGeometry;
}

const fmt = (v: Xyz, digits = 4) => `(${[v.x, v.y, v.z].map((n) => Number(n.toFixed(digits))).join(', ')})`;
const dimsText = (v: Xyz) => `${v.x}×${v.y}×${v.z}`;

/** One half map against the map's grid (HALF_MAPS_MISMATCH saying what differs and by how much). */
export function checkHalfMapGrid(map: GridGeometry, half: HalfMapCandidate): void {
  const refuse = (what: string) =>
    new VrsError('HALF_MAPS_MISMATCH', `${half.role} (${half.name}) does not lie on the map's grid: ${what}; pass the two half maps of this map's reconstruction, as written by the refinement (same box, voxel size and origin).`, { role: half.role });
  const axes = ['x', 'y', 'z'] as const;
  if (axes.some((a) => half.grid.dimensions[a] !== map.dimensions[a])) {
    throw refuse(`its dimensions are ${dimsText(half.grid.dimensions)} voxels, the map's ${dimsText(map.dimensions)}`);
  }
  const sizeOff = axes.find((a) => !(Math.abs(half.grid.voxelSize[a] - map.voxelSize[a]) <= HALF_MAP_TOLERANCE.voxelSizeRelative * Math.abs(map.voxelSize[a])));
  if (sizeOff) {
    throw refuse(`its voxel size is ${fmt(half.grid.voxelSize, 5)} Å, the map's ${fmt(map.voxelSize, 5)} Å (tolerance ${HALF_MAP_TOLERANCE.voxelSizeRelative * 100} %)`);
  }
  const originOff = axes.find((a) => !(Math.abs(half.grid.origin[a] - map.origin[a]) <= HALF_MAP_TOLERANCE.originVoxels * Math.abs(map.voxelSize[a])));
  if (originOff) {
    const shift = { x: half.grid.origin.x - map.origin.x, y: half.grid.origin.y - map.origin.y, z: half.grid.origin.z - map.origin.z };
    throw refuse(`its origin is ${fmt(half.grid.origin, 3)} Å, the map's ${fmt(map.origin, 3)} Å (shifted by ${fmt(shift, 3)} Å; tolerance ${HALF_MAP_TOLERANCE.originVoxels} voxel)`);
  }
}

/** Both half maps: different files, neither the map, each on the map's grid. */
export function checkHalfMaps(map: { id: string; grid: GridGeometry }, half1: HalfMapCandidate, half2: HalfMapCandidate): void {
  if (half1.sha256 === half2.sha256) {
    throw new VrsError('HALF_MAPS_DUPLICATE', `half1 (${half1.name}) and half2 (${half2.name}) are the same file (SHA-256 ${half1.sha256.slice(0, 12)}…); pass the two independent half maps of the reconstruction.`);
  }
  for (const half of [half1, half2]) {
    if (half.sha256 === map.id) {
      throw new VrsError('HALF_MAPS_DUPLICATE', `${half.role} (${half.name}) is the map itself (SHA-256 ${map.id.slice(0, 12)}…); pass the two half maps, not the full map.`, { role: half.role });
    }
  }
  checkHalfMapGrid(map.grid, half1);
  checkHalfMapGrid(map.grid, half2);
}

/** A reader's error about one input, its code kept, the message saying which input it is. */
export function inputReadError(role: string, name: string, error: unknown): unknown {
  if (error instanceof VrsError) return new VrsError(error.code, `${role} (${name}): ${error.message}`, { ...(error.details ?? {}), role });
  return error;
}

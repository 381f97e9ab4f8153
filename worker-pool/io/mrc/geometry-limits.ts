/**
 * What a cryo-EM map's geometry can plausibly be, checked before any analysis runs. A header
 * can say anything: MX = 2³¹−1 over a 200 Å cell makes the voxel size 9.4e-8 Å, and every count
 * the analyses derive from lengths in Å then explodes (the hard mask's ⌈2/Ts⌉ dilations become
 * ~21 million passes over the map). Refusing such a header up front, with the value and the
 * range, costs nothing; letting it run takes a worker thread until its time limit.
 */
import { VrsError } from '../../errors.js';

/**
 * Smallest voxel size accepted, Å: below any detector's super-resolution pixel (≈ 0.3 Å). It
 * bounds what the analyses derive from Ts: the hard mask's ⌈2 Å / Ts⌉ dilations are at most 20.
 */
export const MIN_VOXEL_SIZE = 0.1;
/** Largest voxel size accepted, Å (a 50 Å voxel resolves nothing of a macromolecule). */
export const MAX_VOXEL_SIZE = 50;
/** Longest box edge accepted, Å (1 µm: more than any single-particle box). */
export const MAX_BOX_EDGE = 10_000;

const fmt = (v: number) => String(Number(v.toPrecision(4)));

function implausible(what: string, details: Record<string, unknown>): VrsError {
  return new VrsError('MAP_IMPLAUSIBLE_GEOMETRY',
    `${what}. Check CELLA and MX/MY/MZ in the header (with mrcfile: m.voxel_size = …) and register the map again, ` +
    'or give the voxel size to use (vrs validate --voxel-size, GraphQL voxelSize).', details);
}

/**
 * Refuses a voxel size `Ts` (Å, the one the analyses would use) outside [MIN_VOXEL_SIZE,
 * MAX_VOXEL_SIZE] and a box edge (voxels × Ts) over MAX_BOX_EDGE (MAP_IMPLAUSIBLE_GEOMETRY,
 * with the value, the range and, for a tiny Ts, the hard mask's dilation count it would make).
 */
export function checkPlausibleGeometry(Ts: number, dimensions?: readonly number[]): void {
  if (!(Ts >= MIN_VOXEL_SIZE && Ts <= MAX_VOXEL_SIZE)) {
    const dilations = Ts > 0 && Ts < MIN_VOXEL_SIZE ? ` (the hard mask alone would take ⌈2 Å / Ts⌉ = ${Math.ceil(2 / Ts)} dilation passes)` : '';
    throw implausible(`The voxel size ${fmt(Ts)} Å is outside the range of cryo-EM maps, ${MIN_VOXEL_SIZE}–${MAX_VOXEL_SIZE} Å${dilations}`,
      { voxelSize: Ts, min: MIN_VOXEL_SIZE, max: MAX_VOXEL_SIZE });
  }
  const longest = Math.max(0, ...(dimensions ?? []));
  if (longest * Ts > MAX_BOX_EDGE) {
    throw implausible(`The box is ${fmt(longest * Ts)} Å long (${longest} voxels × ${fmt(Ts)} Å), longer than ${MAX_BOX_EDGE} Å`,
      { voxelSize: Ts, voxels: longest, boxEdge: longest * Ts, max: MAX_BOX_EDGE });
  }
}

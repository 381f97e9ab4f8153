/**
 * Painting the 3D view with a local map (0.e local resolution, 0.f local B, 0.g occupancy), as
 * the report's painted views do: the local map (an MRC artifact the pool wrote, float32) sampled
 * at the mesh vertices with the pool's own trilinear kernel, binned into matplotlib's jet at 11
 * colours over the section's p2.5 … p97.5; unmeasured vertices (0 in 0.e's map) grey.
 */
import { sampleAtVertices } from '../../worker-pool/kernels/marching-cubes.js';

export const JET11: [number, number, number][] = Array.from({ length: 11 }, (_, k) => {
  const x = k / 10;
  const c = (v: number) => Math.min(1, Math.max(0, v));
  return [c(1.5 - Math.abs(4 * x - 3)), c(1.5 - Math.abs(4 * x - 2)), c(1.5 - Math.abs(4 * x - 1))];
});
const GREY: [number, number, number] = [170 / 255, 170 / 255, 170 / 255];

/** A float32 (mode 2) MRC file as the pool writes it: dims, voxel size, data (x fastest). */
export function readLocalMrc(buf: ArrayBuffer): { nx: number; ny: number; nz: number; voxelSize: { x: number; y: number; z: number }; data: Float32Array } {
  const v = new DataView(buf);
  const [nx, ny, nz, mode] = [0, 4, 8, 12].map((o) => v.getInt32(o, true)) as [number, number, number, number];
  if (mode !== 2) throw new Error(`local map of MRC mode ${mode}, not 2 (float32)`);
  const [mx, my, mz] = [28, 32, 36].map((o) => v.getInt32(o, true)) as [number, number, number];
  const [cx, cy, cz] = [40, 44, 48].map((o) => v.getFloat32(o, true)) as [number, number, number];
  const ext = v.getInt32(92, true);
  const data = new Float32Array(buf.slice(1024 + ext, 1024 + ext + 4 * nx * ny * nz));
  return { nx, ny, nz, voxelSize: { x: cx / mx, y: cy / my, z: cz / mz }, data };
}

/**
 * Per-vertex RGB (0…1). The mesh is in Å at the analysis voxel size ts, voxel (0,0,0) at 0; the
 * local map may sit on another grid sharing the centre voxel (N/2), as
 * worker-pool/metrics/level0/isosurface.ts localValuesAtVertices places it.
 */
export function paintVertices(positions: Float32Array, mapDims: { x: number; y: number; z: number }, ts: number,
  local: ReturnType<typeof readLocalMrc>, lo: number, hi: number, zeroIsUnmeasured: boolean): Float32Array {
  const origin = {
    x: Math.floor(mapDims.x / 2) * ts - Math.floor(local.nx / 2) * local.voxelSize.x,
    y: Math.floor(mapDims.y / 2) * ts - Math.floor(local.ny / 2) * local.voxelSize.y,
    z: Math.floor(mapDims.z / 2) * ts - Math.floor(local.nz / 2) * local.voxelSize.z,
  };
  const values = sampleAtVertices({ positions, normals: positions, indices: new Uint32Array(0) }, local.data, local, local.voxelSize, origin);
  const out = new Float32Array(values.length * 3);
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const c = zeroIsUnmeasured && value === 0 ? GREY : JET11[Math.min(10, Math.max(0, Math.floor(((value - lo) / span) * 11)))]!;
    out.set(c, 3 * i);
  }
  return out;
}

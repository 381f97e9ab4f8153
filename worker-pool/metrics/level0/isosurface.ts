/**
 * level0.isosurface: the surface of the map at the threshold, as a mesh artifact that the
 * report renderer draws (isosurface views of "1 Input data", painted views of 0.e–0.g).
 * Computed with the other analyses, so the PDF only fetches it. Big maps are sampled every
 * step-th voxel (≤ 160 grid points per axis): a picture, not a measurement.
 *
 * Mesh artifact layout (little-endian): "VRSMESH1", u32 vertices, u32 indices,
 * f32 positions[3·V] (Å, voxel (0,0,0) at 0), f32 normals[3·V], u32 indices[I].
 */
import { marchingCubes, sampleAtVertices, stepForSize, type Mesh } from '../../kernels/marching-cubes.js';
import { VrsError } from '../../errors.js';
import { viewMapBuffer } from '../../io/mrc/view.js';
import type { Dims, Vec3, Volume } from '../../volume.js';
import type { ArtifactRef, MetricDefinition } from '../types.js';

export const ISOSURFACE_VERSION = '1';
export const MESH_MEDIA_TYPE = 'application/x-vrs-mesh';
const MAGIC = 'VRSMESH1';
/** Above this the views cost seconds each in SwiftShader (measured: ~390k triangles ≈ 7× the time of 80k). */
export const MAX_TRIANGLES = 150_000;

export interface IsosurfaceResult {
  /** map units */
  threshold: number;
  /** voxels between grid samples (1 = full resolution) */
  step: number;
  vertices: number;
  triangles: number;
  mesh: ArtifactRef;
}

export function encodeMesh(mesh: Mesh): Uint8Array {
  const nv = mesh.positions.length / 3;
  const ni = mesh.indices.length;
  const out = new Uint8Array(16 + 24 * nv + 4 * ni);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(8, nv, true);
  view.setUint32(12, ni, true);
  out.set(new Uint8Array(mesh.positions.buffer, mesh.positions.byteOffset, 12 * nv), 16);
  out.set(new Uint8Array(mesh.normals.buffer, mesh.normals.byteOffset, 12 * nv), 16 + 12 * nv);
  out.set(new Uint8Array(mesh.indices.buffer, mesh.indices.byteOffset, 4 * ni), 16 + 24 * nv);
  return out;
}

export function decodeMesh(bytes: Uint8Array): Mesh {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new VrsError('BAD_PARAMETER', `Not a VRS mesh artifact (magic "${magic}").`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nv = view.getUint32(8, true);
  const ni = view.getUint32(12, true);
  if (bytes.byteLength !== 16 + 24 * nv + 4 * ni) throw new VrsError('BAD_PARAMETER', 'The mesh artifact is truncated.');
  const copy = new Uint8Array(bytes.subarray(16)); // aligned copy (Buffer#slice would be a view)
  return {
    positions: new Float32Array(copy.buffer, 0, 3 * nv),
    normals: new Float32Array(copy.buffer, 12 * nv, 3 * nv),
    indices: new Uint32Array(copy.buffer, 24 * nv, ni),
  };
}

/**
 * Values of a local map at the mesh vertices. The local map may sit on another grid (0.f/0.g
 * work on the map resampled to Ts' = R/2): both grids share their centre voxel (N/2), as
 * Xmipp's resize does, so the local origin is N/2·Ts − N'/2·Ts' along each axis.
 */
export function localValuesAtVertices(mesh: Mesh, mapDims: Dims, mapVoxel: Vec3, local: Volume): Float32Array {
  const origin = {
    x: Math.floor(mapDims.nx / 2) * mapVoxel.x - Math.floor(local.nx / 2) * local.voxelSize.x,
    y: Math.floor(mapDims.ny / 2) * mapVoxel.y - Math.floor(local.ny / 2) * local.voxelSize.y,
    z: Math.floor(mapDims.nz / 2) * mapVoxel.z - Math.floor(local.nz / 2) * local.voxelSize.z,
  };
  return sampleAtVertices(mesh, local.data, local, local.voxelSize, origin);
}

/**
 * For the reports service: the values of a local map (an MRC artifact, e.g. LocalAnalysis.mapSha256)
 * at the vertices of the stored mesh, to paint the surface (report-renderer SurfaceProvider.vertexValues).
 */
export function localMapValuesAtVertices(mesh: Mesh, mapDims: Dims, mapVoxel: Vec3, localMrc: Uint8Array): Float32Array {
  return localValuesAtVertices(mesh, mapDims, mapVoxel, viewMapBuffer(localMrc));
}

export const isosurfaceMetric: MetricDefinition<IsosurfaceResult> = {
  name: 'level0.isosurface',
  version: ISOSURFACE_VERSION,
  cost: 0.12, // CPU-s per million voxels (at 160³ 0.48 CPU-s; sampled to ≤ 160 points per axis, so less per voxel above)
  memory: 2, // the surface's triangles: 0.2 B/voxel measured
  dependsOn: [],
  keyParams: ['threshold', 'voxelSize'],
  compute(ctx) {
    const v = ctx.volume;
    const { threshold, voxelSize } = ctx.params;
    ctx.progress(0, 'isosurface');
    // coarser steps until the mesh is small enough to draw fast in software WebGL
    let step = stepForSize(v);
    let mesh = marchingCubes(v.data, v, threshold, { step, voxelSize: { x: voxelSize, y: voxelSize, z: voxelSize } });
    while (mesh.indices.length / 3 > MAX_TRIANGLES && step < 16) {
      step++;
      ctx.progress(0.1 * step, 'isosurface');
      mesh = marchingCubes(v.data, v, threshold, { step, voxelSize: { x: voxelSize, y: voxelSize, z: voxelSize } });
    }
    const ref = ctx.putArtifact(encodeMesh(mesh), MESH_MEDIA_TYPE, 'isosurfaceMesh');
    ctx.progress(1, 'isosurface');
    return { threshold, step, vertices: mesh.positions.length / 3, triangles: mesh.indices.length / 3, mesh: ref };
  },
};

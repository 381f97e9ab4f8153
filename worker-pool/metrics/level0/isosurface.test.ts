import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { meshAreaVolume } from '../../kernels/marching-cubes.js';
import type { Volume } from '../../volume.js';
import type { ArtifactRef, Level0Params, MetricContext } from '../types.js';
import { decodeMesh, isosurfaceMetric, localValuesAtVertices, MESH_MEDIA_TYPE } from './isosurface.js';

function sphere(n: number, ts: number, r: number): Volume {
  const data = new Float32Array(n ** 3);
  const c = n / 2;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++)
    data[x + n * (y + n * z)] = r - ts * Math.hypot(x - c, y - c, z - c);
  return { nx: n, ny: n, nz: n, data, voxelSize: { x: ts, y: ts, z: ts }, origin: { x: 0, y: 0, z: 0 } };
}

function context(volume: Volume, params: Level0Params): MetricContext & { store: Map<string, Uint8Array> } {
  const store = new Map<string, Uint8Array>();
  return {
    volume, params, deps: {}, store,
    putArtifact(bytes, mediaType, role): ArtifactRef {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      store.set(sha256, bytes.slice());
      return { sha256, mediaType, role, sizeBytes: bytes.length };
    },
    readArtifact: (sha) => store.get(sha)!,
    progress: () => {},
  };
}

describe('level0.isosurface', () => {
  it('stores the threshold surface as a mesh artifact that decodes to a closed sphere', async () => {
    const v = sphere(48, 2, 30);
    const ctx = context(v, { threshold: 0, resolution: null, profile: 'standard', voxelSize: 2 });
    const r = await isosurfaceMetric.compute(ctx);
    expect(r.step).toBe(1);
    expect(r.mesh.mediaType).toBe(MESH_MEDIA_TYPE);
    const mesh = decodeMesh(ctx.store.get(r.mesh.sha256)!);
    expect(mesh.indices.length / 3).toBe(r.triangles);
    const { volume } = meshAreaVolume(mesh);
    expect(Math.abs(volume / ((4 / 3) * Math.PI * 30 ** 3) - 1)).toBeLessThan(0.02);
  });

  it('steps through big maps (400³ → every 3rd voxel) and stays within 3 % of the sphere', async () => {
    const v = sphere(400, 1, 120);
    const ctx = context(v, { threshold: 0, resolution: null, profile: 'standard', voxelSize: 1 });
    const r = await isosurfaceMetric.compute(ctx);
    expect(r.step).toBe(3);
    const { area } = meshAreaVolume(decodeMesh(ctx.store.get(r.mesh.sha256)!));
    expect(Math.abs(area / (4 * Math.PI * 120 ** 2) - 1)).toBeLessThan(0.03);
  });

  it('samples a local map on a coarser grid (same centre) at the vertices', async () => {
    const v = sphere(48, 2, 30);
    const ctx = context(v, { threshold: 0, resolution: null, profile: 'standard', voxelSize: 2 });
    const mesh = decodeMesh(ctx.store.get((await isosurfaceMetric.compute(ctx)).mesh.sha256) ?? new Uint8Array());
    // local map: 24³ at 4 Å holding its physical x coordinate relative to the box centre
    const n = 24, ts = 4;
    const local: Volume = { nx: n, ny: n, nz: n, data: new Float32Array(n ** 3), voxelSize: { x: ts, y: ts, z: ts }, origin: { x: 0, y: 0, z: 0 } };
    for (let i = 0; i < local.data.length; i++) local.data[i] = ((i % n) - n / 2) * ts;
    const vals = localValuesAtVertices(mesh, v, v.voxelSize, local);
    for (let q = 0; q < vals.length; q += 53) expect(vals[q]!).toBeCloseTo(mesh.positions[3 * q]! - 24 * 2, 3);
  });
});

import { describe, expect, it } from 'vitest';
import { isosurfaceAreas, marchingCubes, meshAreaVolume, sampleAtVertices, stepForSize } from './marching-cubes.js';

/** A grid whose value is R − distance from the centre (Å): the level-0 isosurface is a sphere of radius R. */
function sphereGrid(n: number, ts: number, radius: number): Float32Array {
  const data = new Float32Array(n * n * n);
  const c = (n - 1) / 2;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        data[x + n * (y + n * z)] = radius - ts * Math.hypot(x - c, y - c, z - c);
  return data;
}

describe('marchingCubes on an analytic sphere', () => {
  const n = 64;
  const ts = 1.5;
  const R = 30; // Å = 20 voxels
  const data = sphereGrid(n, ts, R);
  const dims = { nx: n, ny: n, nz: n };
  const vs = { x: ts, y: ts, z: ts };

  it('area and enclosed volume within 1 % of 4πR² and 4/3πR³', () => {
    const mesh = marchingCubes(data, dims, 0, { voxelSize: vs });
    const { area, volume } = meshAreaVolume(mesh);
    expect(Math.abs(area / (4 * Math.PI * R * R) - 1)).toBeLessThan(0.01);
    expect(Math.abs(volume / ((4 / 3) * Math.PI * R ** 3) - 1)).toBeLessThan(0.01);
  });

  it('vertices lie on the sphere and normals point outwards', () => {
    const mesh = marchingCubes(data, dims, 0, { voxelSize: vs });
    const c = ((n - 1) / 2) * ts;
    let worstRadius = 0;
    let worstCos = 1;
    for (let q = 0; q < mesh.positions.length; q += 3) {
      const dx = mesh.positions[q]! - c, dy = mesh.positions[q + 1]! - c, dz = mesh.positions[q + 2]! - c;
      const r = Math.hypot(dx, dy, dz);
      worstRadius = Math.max(worstRadius, Math.abs(r - R));
      const cos = (dx * mesh.normals[q]! + dy * mesh.normals[q + 1]! + dz * mesh.normals[q + 2]!) / r;
      worstCos = Math.min(worstCos, cos);
    }
    expect(worstRadius).toBeLessThan(0.05 * ts); // linear interpolation of a distance field is nearly exact
    expect(worstCos).toBeGreaterThan(0.99);
  });

  it('shares vertices: a closed surface has V − E + F = 2 (Euler characteristic of a sphere)', () => {
    const mesh = marchingCubes(data, dims, 0, { voxelSize: vs });
    const edges = new Set<string>();
    const ix = mesh.indices;
    for (let t = 0; t < ix.length; t += 3)
      for (const [a, b] of [[ix[t]!, ix[t + 1]!], [ix[t + 1]!, ix[t + 2]!], [ix[t + 2]!, ix[t]!]] as const)
        edges.add(a < b ? `${a},${b}` : `${b},${a}`);
    const V = mesh.positions.length / 3, F = ix.length / 3;
    expect(V - edges.size + F).toBe(2);
  });

  it('a coarser step still gives the sphere within 3 %', () => {
    const mesh = marchingCubes(data, dims, 0, { voxelSize: vs, step: 3 });
    const { area, volume } = meshAreaVolume(mesh);
    expect(Math.abs(area / (4 * Math.PI * R * R) - 1)).toBeLessThan(0.03);
    expect(Math.abs(volume / ((4 / 3) * Math.PI * R ** 3) - 1)).toBeLessThan(0.03);
  });

  it('without normals: the same vertices and triangles (so the same area), on a non-cubic box and a step', () => {
    const d = { nx: 23, ny: 17, nz: 12 };
    const noisy = Float32Array.from({ length: d.nx * d.ny * d.nz }, (_, i) => Math.sin(i * 0.61) + Math.cos(i * 0.17));
    for (const step of [1, 2]) {
      const full = marchingCubes(noisy, d, 0.3, { voxelSize: vs, step });
      const bare = marchingCubes(noisy, d, 0.3, { voxelSize: vs, step, normals: false });
      expect(full.indices.length).toBeGreaterThan(300);
      expect(bare.positions).toEqual(full.positions);
      expect(bare.indices).toEqual(full.indices);
      expect(bare.normals).toHaveLength(0);
      expect(meshAreaVolume(bare)).toEqual(meshAreaVolume(full));
    }
  });

  it('isosurfaceAreas: every level\'s area equals the mesh\'s to the bit, in one pass, without a mesh', () => {
    const d = { nx: 23, ny: 17, nz: 12 };
    const noisy = Float32Array.from({ length: d.nx * d.ny * d.nz }, (_, i) => Math.sin(i * 0.61) + Math.cos(i * 0.17));
    let min = Infinity, max = -Infinity;
    for (const x of noisy) { min = Math.min(min, x); max = Math.max(max, x); }
    // the extremes (no cell, or cells with one corner at the level), a tie with a voxel, ordinary levels, unsorted
    const levels = [0.3, min, max, noisy[100]!, -0.8, 1.2, 0, 1e6];
    const ts = { x: 1.3, y: 0.9, z: 1.1 }, origin = { x: -4, y: 2.5, z: 7 };
    for (const step of [1, 2, 3]) {
      const fractions: number[] = [];
      const areas = isosurfaceAreas(noisy, d, levels, { voxelSize: ts, origin, step, progress: (f) => fractions.push(f) });
      const expected = levels.map((l) => meshAreaVolume(marchingCubes(noisy, d, l, { voxelSize: ts, origin, step, normals: false })).area);
      expect(Array.from(areas)).toEqual(expected);
      expect(expected[0]).toBeGreaterThan(100);
      expect(expected[7]).toBe(0);
      expect(fractions.at(-1)).toBe(1);
    }
    // and the analytic sphere: 4πR² within 3 %
    expect(Math.abs(isosurfaceAreas(data, dims, [0], { voxelSize: vs })[0]! / (4 * Math.PI * R * R) - 1)).toBeLessThan(0.03);
  });

  it('a level nothing reaches gives an empty mesh', () => {
    const mesh = marchingCubes(data, dims, 1e6, { voxelSize: vs });
    expect(mesh.indices.length).toBe(0);
    expect(mesh.positions.length).toBe(0);
  });

  it('samples a linear field exactly at the vertices, and picks a step for big maps', () => {
    const mesh = marchingCubes(data, dims, 0, { voxelSize: vs });
    const ramp = new Float32Array(n * n * n);
    for (let i = 0; i < ramp.length; i++) ramp[i] = (i % n) * 2; // 2 per voxel along x
    const vals = sampleAtVertices(mesh, ramp, dims, vs, { x: 0, y: 0, z: 0 });
    for (let q = 0; q < vals.length; q += 97) expect(vals[q]!).toBeCloseTo((mesh.positions[3 * q]! / ts) * 2, 3);
    expect(stepForSize({ nx: 400, ny: 400, nz: 400 })).toBe(3);
    expect(stepForSize({ nx: 100, ny: 100, nz: 100 })).toBe(1);
  });
});

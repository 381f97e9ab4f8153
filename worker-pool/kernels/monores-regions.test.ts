/**
 * cliffRadius / noiseRegions against the direct formulas they were written from (a square root
 * and a rounding per voxel): the shell table and the r² comparisons must give the same radius
 * and the same regions, on boxes where the cliff is found (a flattened shell beyond the protein)
 * and where it is not (default: half the smallest side), even and odd, non-cubic.
 */
import { describe, expect, it } from 'vitest';
import type { Dims } from '../volume.js';
import { cliffRadius, noiseRegions } from './monores.js';

function referenceCliff(v: Float32Array, d: Dims, mask: Uint8Array): number {
  const cx = d.nx >> 1, cy = d.ny >> 1, cz = d.nz >> 1;
  const half = Math.min(cx, cy, cz);
  const shells = Math.ceil(Math.sqrt(cx * cx + cy * cy + cz * cz)) + 2;
  const s1 = new Float64Array(shells), s2 = new Float64Array(shells), cnt = new Float64Array(shells);
  let protein = 0;
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < d.nx; x++, i++) {
        const r = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2);
        const k = Math.round(r);
        s1[k]! += v[i]!;
        s2[k]! += v[i]! * v[i]!;
        cnt[k]!++;
        if (mask[i] && r > protein) protein = r;
      }
  let prev = NaN;
  for (let k = Math.ceil(protein); k <= half; k++) {
    if (cnt[k]! < 2) continue;
    const mean = s1[k]! / cnt[k]!;
    const variance = s2[k]! / cnt[k]! - mean * mean;
    if (prev > 0 && variance / prev < 0.01) return k - 1;
    prev = variance;
  }
  return half;
}

/** Noise everywhere, scaled by 1e-3 beyond `flatFrom` voxels from the centre; a ball of radius `ball` as the mask. */
function phantom(d: Dims, ball: number, flatFrom: number, seed: number): { v: Float32Array; mask: Uint8Array } {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  const n = d.nx * d.ny * d.nz;
  const v = new Float32Array(n), mask = new Uint8Array(n);
  const cx = d.nx >> 1, cy = d.ny >> 1, cz = d.nz >> 1;
  let i = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++)
      for (let x = 0; x < d.nx; x++, i++) {
        const r = Math.hypot(x - cx, y - cy, z - cz);
        v[i] = rand() * (r > flatFrom ? 1e-3 : 1);
        mask[i] = r <= ball ? 1 : 0;
      }
  return { v, mask };
}

describe('MonoRes noise regions', () => {
  const cases: [Dims, number, number][] = [
    [{ nx: 40, ny: 40, nz: 40 }, 8, 14],
    [{ nx: 41, ny: 36, nz: 45 }, 6.5, 12.2],
    [{ nx: 32, ny: 32, nz: 32 }, 9, 99],
    [{ nx: 33, ny: 30, nz: 28 }, 0, 99],
  ];
  for (const [d, ball, flat] of cases) {
    it(`same radius and regions as the per-voxel formulas (${d.nx}×${d.ny}×${d.nz}, ball ${ball}, flat beyond ${flat})`, () => {
      const { v, mask } = phantom(d, ball, flat, d.nx * 7 + d.nz);
      const want = referenceCliff(v, d, mask);
      expect(cliffRadius(v, d, mask)).toBe(want);
      if (flat < 50) expect(want).toBeLessThan(Math.min(d.nx, d.ny, d.nz) >> 1); // the cliff was found
      const { regions, radius } = noiseRegions(v, d, mask);
      expect(radius).toBe(want);
      const cx = d.nx >> 1, cy = d.ny >> 1, cz = d.nz >> 1;
      let i = 0, mismatches = 0;
      for (let z = 0; z < d.nz; z++)
        for (let y = 0; y < d.ny; y++)
          for (let x = 0; x < d.nx; x++, i++) {
            const r2 = (x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2;
            const expected = mask[i] ? 1 : r2 <= want * want ? 0 : -1;
            if (regions[i] !== expected) mismatches++;
          }
      expect(mismatches).toBe(0);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { keepLargestComponent, labelComponents, thresholdMask, type Connectivity } from './labels.js';
import { loadReference, readRealMap, sha256, type Json } from './fixtures/reference.js';
import type { Dims } from '../volume.js';
import { mulberry32 as rng } from '../synthetic/random.js';

const ref = loadReference();

/** Independent truth for small cases: breadth-first flood fill in raster order. */
function floodFill(mask: Uint8Array, d: Dims, conn: Connectivity): Int32Array {
  const lab = new Int32Array(mask.length);
  let c = 0;
  const stack: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || lab[i]) continue;
    lab[i] = ++c;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      const x = j % d.nx, y = Math.floor(j / d.nx) % d.ny, z = Math.floor(j / (d.nx * d.ny));
      for (let dz = -1; dz <= 1; dz++)
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const a = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
            if (a === 0 || (conn === 6 && a > 1)) continue;
            const X = x + dx, Y = y + dy, Z = z + dz;
            if (X < 0 || Y < 0 || Z < 0 || X >= d.nx || Y >= d.ny || Z >= d.nz) continue;
            const k = X + d.nx * (Y + d.ny * Z);
            if (mask[k] && !lab[k]) {
              lab[k] = c;
              stack.push(k);
            }
          }
    }
  }
  return lab;
}

describe('thresholdMask', () => {
  it('≥ and > differ exactly at the threshold', () => {
    const v = Float32Array.from([0.5, 1, 1.5, -2]);
    expect([...thresholdMask(v, 1, 'ge')]).toEqual([0, 1, 1, 0]);
    expect([...thresholdMask(v, 1, 'gt')]).toEqual([0, 0, 1, 0]);
  });
});

describe('labelComponents on random masks equals a flood fill', () => {
  for (const conn of [6, 26] as const) {
    for (const [dims, p, seed] of [
      [{ nx: 37, ny: 20, nz: 15 }, 0.2, 1],
      [{ nx: 33, ny: 1, nz: 40 }, 0.45, 2],
      [{ nx: 1, ny: 17, nz: 9 }, 0.5, 3],
      [{ nx: 64, ny: 9, nz: 7 }, 0.6, 4],
    ] as const) {
      it(`${conn}-connectivity ${dims.nx}×${dims.ny}×${dims.nz} p=${p}`, () => {
        const rand = rng(seed);
        const n = dims.nx * dims.ny * dims.nz;
        const mask = new Uint8Array(n);
        for (let i = 0; i < n; i++) mask[i] = rand() < p ? 1 : 0;
        const truth = floodFill(mask, dims, conn);
        const r = labelComponents(mask, dims, conn, new Int32Array(n));
        expect(r.labels).toEqual(truth);
        const sizes = new Float64Array(r.count + 1);
        for (let i = 0; i < n; i++) sizes[truth[i]!]++;
        expect([...r.sizes]).toEqual([...sizes]);
        for (let k = 1; k < r.order.length; k++) expect(sizes[r.order[k - 1]!]).toBeGreaterThanOrEqual(sizes[r.order[k]!]!);
      });
    }
  }

  it('empty and full masks', () => {
    const d = { nx: 4, ny: 3, nz: 2 };
    expect(labelComponents(new Uint8Array(24), d, 26).count).toBe(0);
    const full = labelComponents(new Uint8Array(24).fill(1), d, 6);
    expect(full.count).toBe(1);
    expect(full.sizes[1]).toBe(24);
    const out = new Uint8Array(24);
    expect(keepLargestComponent(new Uint8Array(24), d, 26, out)).toEqual({ label: 0, size: 0, count: 0 });
  });
});

describe('labelComponents equals scipy.ndimage.label on real maps', () => {
  const maps = new Map<string, ReturnType<typeof readRealMap>>();
  for (const c of ref.labels as Json[]) {
    it(`${c.map} ≥ ${c.threshold} (${c.connectivity}-connectivity): ${c.count} components`, () => {
      if (!maps.has(c.map)) maps.set(c.map, readRealMap(c.map));
      const { data, dims } = maps.get(c.map)!;
      const mask = thresholdMask(data, c.threshold, 'ge');
      const n = mask.length;
      const r = labelComponents(mask, dims, c.connectivity, new Int32Array(n));
      expect(r.count).toBe(c.count);
      const sorted = [...r.order].map((l) => r.sizes[l]!);
      if (c.sortedSizes) expect(sorted).toEqual(c.sortedSizes);
      expect(sorted.slice(0, 50)).toEqual(c.sortedSizesHead);
      expect(sorted.reduce((a, b) => a + b, 0)).toBe(c.sortedSizesSum);
      expect([...r.sizes.subarray(1, 51)]).toEqual(c.sizesByLabelHead);
      // Same numbering as scipy, voxel for voxel.
      expect(sha256(r.labels!)).toBe(c.labelImageSha256);
      const largest = new Uint8Array(n);
      keepLargestComponent(mask, dims, c.connectivity, largest);
      expect(sha256(largest)).toBe(c.largestSha256);
    });
  }
});

describe('masks that are views', () => {
  it('a mask at an odd byte offset (no word view) labels the same', () => {
    const d = { nx: 29, ny: 13, nz: 11 };
    const n = d.nx * d.ny * d.nz;
    const rand = rng(99);
    const backing = new Uint8Array(n + 1);
    for (let i = 1; i <= n; i++) backing[i] = rand() < 0.3 ? 1 : 0;
    const view = backing.subarray(1);
    const copy = view.slice();
    expect(labelComponents(view, d, 26, new Int32Array(n)).labels).toEqual(floodFill(copy, d, 26));
  });
});

describe('labelComponents largestOut', () => {
  it('paints the largest component (ties: lowest label) as the flood fill finds it, without a label image', () => {
    const d = { nx: 23, ny: 17, nz: 11 };
    const n = d.nx * d.ny * d.nz;
    for (const [seed, density] of [[3, 0.3], [4, 0.5], [5, 0.05]] as const) {
      const r = rng(seed);
      const mask = new Uint8Array(n).map(() => (r() < density ? 1 : 0));
      const truth = floodFill(mask, d, 26);
      const sizes = new Map<number, number>();
      for (const l of truth) if (l) sizes.set(l, (sizes.get(l) ?? 0) + 1);
      let best = 0;
      for (const [l, s] of sizes) if (best === 0 || s > sizes.get(best)! || (s === sizes.get(best)! && l < best)) best = l;
      const largest = new Uint8Array(n).fill(7);
      labelComponents(mask, d, 26, null, largest);
      expect(Array.from(largest)).toEqual(Array.from(truth, (l) => (l === best && best > 0 ? 1 : 0)));
    }
  });

  it('two components of the same size: the first in raster order; an empty mask gives zeros', () => {
    const d = { nx: 8, ny: 3, nz: 3 };
    const mask = new Uint8Array(72);
    mask[0] = mask[1] = 1; // label 1
    mask[5] = mask[6] = 1; // label 2, same size
    const largest = new Uint8Array(72).fill(9);
    labelComponents(mask, d, 26, null, largest);
    expect([largest[0], largest[1], largest[5], largest[6]]).toEqual([1, 1, 0, 0]);
    expect(largest.reduce((a, b) => a + b, 0)).toBe(2);
    labelComponents(new Uint8Array(72), d, 26, null, largest);
    expect(largest.every((v) => v === 0)).toBe(true);
  });
});

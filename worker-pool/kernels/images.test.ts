import { describe, expect, it } from 'vitest';
import pngjs from 'pngjs';
import { centralSliceIndices, extractSlice, maxVarianceSliceIndices, projection, sparseMaxVarianceSliceIndices, sparseSlice, toVrsGrey, vrsPng } from './images.js';
import { loadReference, readRealMap, sha256, type Json } from './fixtures/reference.js';
import type { Axis } from '../volume.js';

const ref = loadReference();

function decode(png: Uint8Array): { width: number; height: number; grey: number[] } {
  const img = pngjs.PNG.sync.read(Buffer.from(png));
  const grey: number[] = [];
  for (let i = 0; i < img.width * img.height; i++) grey.push(img.data[4 * i]!);
  return { width: img.width, height: img.height, grey };
}

// A 3×2×2 volume (nx 3, ny 2, nz 2) with value v(x, y, z) = x + 10y + 100z.
const dims = { nx: 3, ny: 2, nz: 2 };
const vol = new Float32Array(12);
for (let z = 0; z < 2; z++) for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) vol[x + 3 * (y + 2 * z)] = x + 10 * y + 100 * z;

describe('slices and projections follow numpy V[z, y, x] orientation', () => {
  it('central indices are floor(N/2)', () => {
    expect(centralSliceIndices({ nx: 5, ny: 4, nz: 1 })).toEqual({ x: 2, y: 2, z: 0 });
  });
  it('Z = V[iz, :, :], Y = V[:, iy, :], X = V[:, :, ix]', () => {
    expect(extractSlice(vol, dims, 'z', 1)).toEqual({ width: 3, height: 2, values: Float64Array.from([100, 101, 102, 110, 111, 112]) });
    expect(extractSlice(vol, dims, 'y', 1)).toEqual({ width: 3, height: 2, values: Float64Array.from([10, 11, 12, 110, 111, 112]) });
    expect(extractSlice(vol, dims, 'x', 2)).toEqual({ width: 2, height: 2, values: Float64Array.from([2, 12, 102, 112]) });
  });
  it('projections are sums over axis 0, 1, 2', () => {
    expect([...projection(vol, dims, 'z').values]).toEqual([100, 102, 104, 120, 122, 124]);
    expect([...projection(vol, dims, 'y').values]).toEqual([10, 12, 14, 210, 212, 214]);
    expect([...projection(vol, dims, 'x').values]).toEqual([3, 33, 303, 333]);
  });
});

describe('VRS 8-bit encoding and PNG', () => {
  it('min → 0, max → 255, truncation, rows flipped', () => {
    // values 0, 1, 2 / 3, 4, 5: (v·255/5) = 0, 51, 102 / 153, 204, 255; flipped rows
    const img = { width: 3, height: 2, values: Float64Array.from([10, 11, 12, 13, 14, 15]) };
    const enc = vrsPng(img, 'z');
    expect(decode(enc.png)).toEqual({ width: 3, height: 2, grey: [153, 204, 255, 0, 51, 102] });
    // truncation: 0, 1, 3 → 0, 85, 255; 1·255/3 = 85 exactly; 2 → 170
    expect([...toVrsGrey({ width: 4, height: 1, values: Float64Array.from([0, 1, 2, 3]) }).pixels]).toEqual([0, 85, 170, 255]);
    // 1·255/7 = 36.43 → 36
    expect([...toVrsGrey({ width: 2, height: 1, values: Float64Array.from([0, 1 / 7]) }).pixels]).toEqual([0, 255]);
    expect([...toVrsGrey({ width: 3, height: 1, values: Float64Array.from([0, 1, 7]) }).pixels]).toEqual([0, 36, 255]);
  });
  it('the Y image is flipped then turned 90° clockwise (PIL rotate(−90, expand))', () => {
    // 2 rows × 3 columns: a b c / d e f. Flipped: d e f / a b c. Turned clockwise: a d / b e / c f.
    const img = { width: 3, height: 2, values: Float64Array.from([0, 1, 2, 3, 4, 5]) };
    const enc = vrsPng(img, 'y');
    expect(decode(enc.png)).toEqual({ width: 2, height: 3, grey: [0, 153, 51, 204, 102, 255] });
  });
  it('a constant slice gives a uniform image, not NaN', () => {
    const enc = vrsPng({ width: 2, height: 2, values: new Float64Array(4).fill(3.5) }, 'x');
    expect(decode(enc.png).grey).toEqual([0, 0, 0, 0]);
  });
});

describe('real map emd_1997: same pixels as numpy + PIL', () => {
  const { data, dims: d } = readRealMap('emd_1997.map');
  const im = ref.images;
  it('largest-variance slice indices', () => {
    expect(maxVarianceSliceIndices(data, d)).toEqual(im.maxVariance);
  });
  for (const s of im.slices as Json[]) {
    it(`${s.projection ? 'projection' : 'central slice'} ${s.axis}`, () => {
      const axis = s.axis as Axis;
      const img = s.projection ? projection(data, d, axis) : extractSlice(data, d, axis, s.index);
      const grey = toVrsGrey(img, axis === 'y');
      expect({ width: grey.width, height: grey.height, sha256: sha256(grey.pixels) }).toEqual({ width: s.width, height: s.height, sha256: s.sha256 });
      const png = decode(vrsPng(img, axis).png);
      expect(png.grey).toEqual([...grey.pixels]);
    });
  }
});

describe('sparse maps (0.c outliers): the same slices as the dense map', () => {
  const d = { nx: 23, ny: 17, nz: 11 };
  const n = d.nx * d.ny * d.nz;
  function sparseAndDense(seed: number, count: number, sign: 'mixed' | 'positive'): { indices: number[]; values: number[]; dense: Float32Array } {
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const dense = new Float32Array(n);
    for (let k = 0; k < count; k++) dense[Math.floor(rand() * n)] = (sign === 'mixed' && rand() < 0.5 ? -1 : 1) * (5 + 20 * rand());
    const indices: number[] = [], values: number[] = [];
    dense.forEach((v, i) => v !== 0 && (indices.push(i), values.push(v)));
    return { indices, values, dense };
  }
  it('slice indices equal maxVarianceSliceIndices of the dense box (40 random maps, 1 to 60 voxels, signed and positive)', () => {
    let decidedByOutliers = 0;
    for (let t = 0; t < 40; t++) {
      const { indices, values, dense } = sparseAndDense(11 + t, 1 + ((t * 7) % 60), t % 2 ? 'mixed' : 'positive');
      const at = sparseMaxVarianceSliceIndices({ indices, values }, d);
      expect(at).toEqual(maxVarianceSliceIndices(dense, d));
      if (at.x + at.y + at.z > 0) decidedByOutliers++;
    }
    expect(decidedByOutliers).toBeGreaterThan(35);
  });
  it('an empty map gives slice 0 on every axis, as np.argmax of equal variances', () => {
    expect(sparseMaxVarianceSliceIndices({ indices: [], values: [] }, d)).toEqual({ x: 0, y: 0, z: 0 });
  });
  it('a slice with one large and a slice with many small outliers: the variance, not the count or the sum, decides', () => {
    // slice z = 2: one voxel of 10 (variance ≈ 100/N); slice z = 7: 30 voxels of 1 (variance ≈ 30/N)
    const indices = [2 * d.nx * d.ny + 5, ...Array.from({ length: 30 }, (_, k) => 7 * d.nx * d.ny + k)];
    const values = [10, ...Array(30).fill(1)];
    expect(sparseMaxVarianceSliceIndices({ indices, values }, d).z).toBe(2);
  });
  it("the zeros count: a half-filled slice of 1s (variance ≈ ¼) beats one voxel of 8.84 (≈ 0.2), as on the dense box", () => {
    const per = d.nx * d.ny; // 391 voxels per z slice
    const indices = [...Array.from({ length: 200 }, (_, k) => 2 * per + k), 7 * per + 3];
    const values = [...Array(200).fill(1), 8.84];
    const dense = new Float32Array(n);
    indices.forEach((i, k) => (dense[i] = values[k]!));
    expect(maxVarianceSliceIndices(dense, d).z).toBe(2);
    expect(sparseMaxVarianceSliceIndices({ indices, values }, d).z).toBe(2);
  });
  it('slices holding the same values in another order (a symmetric map) tie: the first wins, dense and sparse, as np.argmax of the exact variances', () => {
    // z = 3 and z = 8 hold the same 40 values at mirrored positions; float sums in the two orders round differently
    const per = d.nx * d.ny;
    const vals = Array.from({ length: 40 }, (_, k) => Math.fround(0.1 + Math.sqrt(k + 7) * 1e-3 * (k % 3 ? 1 : -7)));
    const indices = [...vals.map((_, k) => 3 * per + 5 * k), ...vals.map((_, k) => 8 * per + (per - 1 - 5 * k))];
    const values = [...vals, ...vals];
    const dense = new Float32Array(n);
    indices.forEach((i, k) => (dense[i] = values[k]!));
    expect(sparseMaxVarianceSliceIndices({ indices, values }, d).z).toBe(3);
    expect(maxVarianceSliceIndices(dense, d).z).toBe(3);
  });
  it('its slices equal extractSlice of the dense box on every axis', () => {
    const { indices, values, dense } = sparseAndDense(5, 50, 'mixed');
    for (const axis of ['x', 'y', 'z'] as Axis[]) {
      const at = sparseMaxVarianceSliceIndices({ indices, values }, d)[axis];
      expect(Array.from(sparseSlice({ indices, values }, d, axis, at).values)).toEqual(Array.from(extractSlice(dense, d, axis, at).values));
    }
  });
  it('an index outside the box is refused', () => {
    expect(() => sparseMaxVarianceSliceIndices({ indices: [n], values: [1] }, d)).toThrow(RangeError);
  });
});

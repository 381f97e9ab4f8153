/** Figure plumbing: orientation and size of each axis's PNG, stored once per image. */
import { describe, expect, it } from 'vitest';
import pngjs from 'pngjs';
import { createHash } from 'node:crypto';
import type { ArtifactRef } from '../types.js';
import { computeInputData } from './input-data/compute.js';
import { maxVarianceSlices } from './figures.js';

describe('input-data figures on a non-cubic box', () => {
  it('central slices, max-variance slices, projections and mask slices as VRS-encoded PNGs', () => {
    const d = { nx: 12, ny: 10, nz: 8 };
    const n = d.nx * d.ny * d.nz;
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = i % 7;
    const hard = new Uint8Array(n).fill(0);
    hard[3 + 12 * (4 + 10 * 5)] = 1;
    const soft = Float32Array.from(hard);
    const stored = new Map<string, { bytes: Uint8Array; mediaType: string; role: string }>();
    const put = (bytes: Uint8Array, mediaType: string, role: string): ArtifactRef => {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      stored.set(sha256, { bytes, mediaType, role });
      return { sha256, mediaType, role, sizeBytes: bytes.byteLength };
    };
    const fig = computeInputData(data, d, hard, maxVarianceSlices(soft, d, put, 'softMaskSlice'), put);
    const sizes = fig.centralSlices.map((i) => [i.axis, i.width, i.height]);
    // x image: rows z, columns y; y image V[:, iy, :] rotated 90° clockwise → nz wide, nx high; z image: ny rows × nx columns
    expect(sizes).toEqual([['x', 10, 8], ['y', 8, 12], ['z', 12, 10]]);
    expect(fig.centralSlices.map((i) => i.index)).toEqual([6, 5, 4]);
    expect(fig.projections.map((i) => i.index)).toEqual([null, null, null]);
    expect(fig.hardMaskSlices.map((i) => i.index)).toEqual([3, 4, 5]);
    for (const img of [...fig.centralSlices, ...fig.maxVarianceSlices, ...fig.projections, ...fig.hardMaskSlices, ...fig.softMaskSlices]) {
      const a = stored.get(img.sha256)!;
      expect(a.mediaType).toBe('image/png');
      expect(img.url).toBe(`/artifacts/${img.sha256}.png`);
      const png = pngjs.PNG.sync.read(Buffer.from(a.bytes));
      expect([png.width, png.height]).toEqual([img.width, img.height]);
    }
    expect(fig.isosurfaceViews).toEqual([]);
  });
});

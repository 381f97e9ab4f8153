/**
 * E.d builds neither the dimmed nor the thresholded map (2 × 256 MB at 400³): its slices and sums
 * come from the map itself. They must be the figures of those maps, to the byte.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../synthetic/random.js';
import { centralSlices, projections, type PutArtifact } from '../../level0/figures.js';
import { createHash } from 'node:crypto';
import { atContour, computeViews, dimmedBelow } from './index.js';

function recorder(): { put: PutArtifact; bytes: Uint8Array[] } {
  const bytes: Uint8Array[] = [];
  const put: PutArtifact = (b, mediaType, role) => {
    bytes.push(b);
    return { sha256: createHash('sha256').update(b).digest('hex'), mediaType, role, sizeBytes: b.length };
  };
  return { put, bytes };
}

describe('E.d views without the dimmed and thresholded boxes', () => {
  it.each([
    ['a cube', { nx: 24, ny: 24, nz: 24 }, 0.3],
    ['an odd box with NaN voxels', { nx: 17, ny: 22, nz: 13 }, -0.2],
  ])('%s: the same PNG bytes as the figures of the copies', (_name, d, contour) => {
    const rnd = mulberry32(7);
    const data = new Float32Array(d.nx * d.ny * d.nz).map(() => rnd() * 2 - 1);
    if (d.nx % 2 === 1) for (let i = 5; i < data.length; i += 97) data[i] = NaN;
    const streamed = recorder();
    const r = computeViews(data, d, contour, streamed.put);
    const copies = recorder();
    centralSlices(dimmedBelow(data, contour), d, copies.put, 'contourCentralSlice');
    projections(atContour(data, contour), d, copies.put, 'contourProjection');
    expect(r.centralSlices).toHaveLength(3);
    expect(r.projections).toHaveLength(3);
    expect(streamed.bytes).toHaveLength(6);
    streamed.bytes.forEach((b, i) => expect(Buffer.from(b).equals(Buffer.from(copies.bytes[i]!))).toBe(true));
  });
});

/**
 * viewMapBuffer against the full reader: the same voxels, dimensions, voxel size and origin on
 * every real map (EMD-3001 has axis order 3,1,2 and takes the full path) and on small maps in
 * other modes, gzip and big-endian; a truncated map fails like the full read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR } from '../../paths.js';
import type { Volume } from '../../volume.js';
import { readMapBuffer } from './read.js';
import { viewMapBuffer } from './view.js';
import { writeMrc } from './write.js';

function same(a: Volume, b: Volume): void {
  expect([a.nx, a.ny, a.nz]).toEqual([b.nx, b.ny, b.nz]);
  expect(a.voxelSize).toEqual(b.voxelSize);
  expect(a.origin).toEqual(b.origin);
  expect(a.data.length).toBe(b.data.length);
  expect(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength))).toBe(true);
}

function small(): Volume {
  const nx = 5, ny = 4, nz = 3;
  const data = Float32Array.from({ length: nx * ny * nz }, (_, i) => Math.sin(i) * 10);
  return { data, nx, ny, nz, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } };
}

describe('viewMapBuffer', () => {
  const maps = readdirSync(REAL_MAPS_DIR).filter((f) => /\.(map|mrc)$/.test(f));
  it.each(maps)('reads %s like readMapBuffer', (file) => {
    const bytes = readFileSync(join(REAL_MAPS_DIR, file));
    same(viewMapBuffer(bytes), readMapBuffer(bytes).volume);
  });

  it('returns a view of the bytes (no copy) for a plain float32 map the project wrote', () => {
    const bytes = writeMrc(small());
    const v = viewMapBuffer(bytes);
    expect(v.data.buffer).toBe(bytes.buffer);
    expect(Array.from(v.data)).toEqual(Array.from(small().data));
  });

  it('falls back to the full read for gzip, integer modes and big-endian maps', () => {
    const v = small();
    const plain = writeMrc(v);
    same(viewMapBuffer(gzipSync(plain)), readMapBuffer(plain).volume);
    const int16 = writeMrc(v, { mode: 'int16' });
    same(viewMapBuffer(int16), readMapBuffer(int16).volume);
    // big-endian: swap every 4-byte word of the header and data, stamp 11 11 00 00
    const big = new Uint8Array(plain);
    for (let i = 0; i < big.length; i += 4) big.subarray(i, i + 4).reverse();
    for (let i = 224; i < 1024; i += 4) big.subarray(i, i + 4).reverse(); // labels are text, not words
    big.set([0x11, 0x11, 0, 0], 212);
    big.set([0x4d, 0x41, 0x50, 0x20], 208); // 'MAP ' is text too
    const fromBig = viewMapBuffer(big);
    expect(fromBig.data.buffer).not.toBe(big.buffer);
    same(fromBig, readMapBuffer(plain).volume);
  });

  it('refuses a truncated map with the full reader\'s error', () => {
    const cut = writeMrc(small()).subarray(0, 1024 + 20);
    expect(() => viewMapBuffer(cut)).toThrow(expect.objectContaining({ code: 'MAP_TRUNCATED' }));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../paths.js';
import { sharedFloat32, type Volume } from '../../volume.js';
import { float16Table, floatToHalfBits, halfBitsToFloat } from './float16.js';
import { decodeHeader } from './header.js';
import { readMapBuffer, readMapFile } from './read.js';
import { mrcVolumeArray, writeMrc } from './write.js';

function ramp(nx: number, ny: number, nz: number, f: (i: number) => number): Volume {
  const data = sharedFloat32(nx * ny * nz);
  for (let i = 0; i < data.length; i++) data[i] = f(i);
  return { nx, ny, nz, data, voxelSize: { x: 1.25, y: 0.8, z: 2.5 }, origin: { x: -10.5, y: 3.25, z: 100 } };
}

describe('writeMrc', () => {
  it('float32 data bytes are the little-endian float32 of every voxel (a subarray of a larger buffer too)', () => {
    const specials = [0, -0, 1.5, -2.25e-41, 3.4e38, -Infinity, Infinity, 1e-45];
    const big = sharedFloat32(4 + 6 * 5 * 4);
    const data = big.subarray(4);
    for (let i = 0; i < data.length; i++) data[i] = i < specials.length ? specials[i]! : Math.sin(i) * 1e3;
    const bytes = writeMrc({ nx: 6, ny: 5, nz: 4, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } });
    const body = new DataView(bytes.buffer, bytes.byteOffset + 1024);
    expect(body.byteLength).toBe(4 * data.length);
    for (let i = 0; i < data.length; i++) expect(Object.is(body.getFloat32(4 * i, true), data[i]!)).toBe(true);
  });

  it('a volume on mrcVolumeArray is written in its own buffer (no copy), the same bytes as a plain one', () => {
    const d = { nx: 7, ny: 5, nz: 3 }, n = 7 * 5 * 3;
    const roomy = mrcVolumeArray(n);
    for (let i = 0; i < n; i++) roomy[i] = Math.sin(i) * 10;
    const plain = sharedFloat32(n);
    plain.set(roomy);
    const at = (data: Float32Array): Volume => ({ ...d, data, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
    const inPlace = writeMrc(at(roomy), { labels: ['in place'] });
    const copied = writeMrc(at(plain), { labels: ['in place'] });
    expect(inPlace.buffer).toBe(roomy.buffer);
    expect(copied.buffer).not.toBe(plain.buffer);
    expect(Buffer.from(inPlace).equals(Buffer.from(copied))).toBe(true);
    expect(Array.from(readMapBuffer(inPlace).volume.data)).toEqual(Array.from(roomy));
    // an array that merely sits 1024 bytes into its buffer (a read file's voxels) is copied, its buffer untouched
    const file = new Uint8Array(1024 + 4 * n).fill(7);
    const view = new Float32Array(file.buffer, 1024, n);
    view.set(roomy);
    expect(writeMrc(at(view)).buffer).not.toBe(file.buffer);
    expect(file.subarray(0, 1024).every((b) => b === 7)).toBe(true);
  });

  it('round trip of a real map (EMD-3001, permuted on read) is exact', async () => {
    const a = await readMapFile(join(REAL_MAPS_DIR, 'EMD-3001.map'));
    const b = readMapBuffer(writeMrc(a.volume, { labels: ['round trip'] }));
    expect(Buffer.from(b.volume.data.buffer).equals(Buffer.from(a.volume.data.buffer))).toBe(true);
    expect(b.volume.voxelSize).toEqual({
      x: Math.fround(a.volume.voxelSize.x * a.volume.nx) / a.volume.nx,
      y: Math.fround(a.volume.voxelSize.y * a.volume.ny) / a.volume.ny,
      z: Math.fround(a.volume.voxelSize.z * a.volume.nz) / a.volume.nz,
    });
    expect(b.geometry.dimensions).toEqual(a.geometry.dimensions);
    expect(b.statistics).toEqual(a.statistics);
    // float32 origin field
    expect(b.volume.origin).toEqual({ x: Math.fround(a.volume.origin.x), y: Math.fround(a.volume.origin.y), z: 0 });
  });

  it('writes a conforming MRC2014 header (no findings but INFO)', () => {
    const v = ramp(6, 5, 4, (i) => Math.sin(i) * 3);
    const bytes = writeMrc(v, { labels: ['vrs test', 'second'] });
    expect(bytes.length).toBe(1024 + 6 * 5 * 4 * 4);
    const h = decodeHeader(bytes, true);
    expect(h.map).toBe('MAP ');
    expect(h.machst).toEqual([0x44, 0x44, 0, 0]);
    expect(h.nversion).toBe(20141);
    expect(h.ispg).toBe(1);
    expect([h.mx, h.my, h.mz]).toEqual([6, 5, 4]);
    expect(h.cellA).toEqual({ x: 7.5, y: Math.fround(4), z: 10 });
    expect(h.nlabl).toBe(2);
    expect(h.labels.slice(0, 3)).toEqual(['vrs test', 'second', '']);
    const r = readMapBuffer(bytes);
    expect(r.findings.filter((f) => f.severity !== 'INFO')).toEqual([]);
    expect(r.volume.voxelSize).toEqual({ x: 1.25, y: Math.fround(4) / 5, z: 2.5 });
    expect(r.volume.origin).toEqual({ x: -10.5, y: 3.25, z: 100 });
    expect(r.geometry.originSource).toBe('ORIGIN');
    expect(Array.from(r.volume.data)).toEqual(Array.from(v.data));
  });

  it.each([
    ['int8', (i: number) => (i % 256) - 128, 0],
    ['int16', (i: number) => i * 257 - 30000, 1],
    ['uint16', (i: number) => i * 509, 6],
    ['float16', (i: number) => (i - 60) / 8, 12],
  ] as const)('mode %s round trip gives the right values', (mode, f, modeNumber) => {
    const v = ramp(5, 4, 6, f);
    const r = readMapBuffer(writeMrc(v, { mode }));
    expect(r.geometry.mode).toBe(modeNumber);
    expect(Array.from(r.volume.data)).toEqual(Array.from(v.data));
    expect(r.findings.filter((x) => x.severity !== 'INFO')).toEqual([]);
  });

  it('integer modes refuse values out of range', () => {
    expect(() => writeMrc(ramp(2, 2, 2, () => 300), { mode: 'int8' })).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
  });

  it('matches the header mrcfile writes for the same data (modes fixture)', () => {
    const file = join(REPO_ROOT, 'worker-pool', 'io', 'fixtures', 'modes', 'mode2_float32.mrc');
    const theirs = readMapBuffer(readFileSync(file));
    const ours = readMapBuffer(writeMrc(theirs.volume));
    expect(ours.header.dmin).toBe(theirs.header.dmin);
    expect(ours.header.dmax).toBe(theirs.header.dmax);
    expect(ours.header.dmean).toBeCloseTo(theirs.header.dmean, 6);
    expect(ours.header.rms).toBeCloseTo(theirs.header.rms, 6);
    expect(ours.header.cellA).toEqual(theirs.header.cellA);
  });
});

describe('float16', () => {
  it('decodes known bit patterns', () => {
    expect(halfBitsToFloat(0x3c00)).toBe(1);
    expect(halfBitsToFloat(0xc000)).toBe(-2);
    expect(halfBitsToFloat(0x7bff)).toBe(65504);
    expect(halfBitsToFloat(0x0001)).toBe(2 ** -24);
    expect(halfBitsToFloat(0x7c00)).toBe(Infinity);
    expect(halfBitsToFloat(0x7e00)).toBeNaN();
  });
  it('encode(decode(h)) = h for every finite half', () => {
    const t = float16Table();
    for (let h = 0; h < 65536; h++) {
      if (((h >> 10) & 0x1f) === 31) continue;
      const back = floatToHalfBits(t[h]!);
      if (back !== h && !(t[h] === 0 && (back & 0x7fff) === 0)) throw new Error(`half ${h.toString(16)} → ${back.toString(16)}`);
    }
  });
  it('rounds to nearest even', () => {
    expect(halfBitsToFloat(floatToHalfBits(1 + 2 ** -11))).toBe(1); // tie → even
    expect(halfBitsToFloat(floatToHalfBits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(halfBitsToFloat(floatToHalfBits(70000))).toBe(Infinity);
  });
});

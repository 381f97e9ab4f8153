/**
 * A .gz of several members: gzip readers inflate them one after the other, so a small map in
 * its first member can be followed by gigabytes of zeros in the next ones (issue 18.2: 5.5 MB
 * that expanded to 5.37 GB were accepted under a 4 GiB limit). Every member's output counts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFloat32 } from '../../volume.js';
import { readMapBuffer, readMapFile } from './read.js';
import { writeMrc } from './write.js';

const dir = mkdtempSync(join(tmpdir(), 'vrs-gzip-members-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 16;
const plain = writeMrc({ nx: N, ny: N, nz: N, data: sharedFloat32(N ** 3).fill(0.5), voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
/** The map in one member, then `extra` members of 1 MiB of zeros each. */
const members = (extra: number) => Buffer.concat([gzipSync(plain), ...Array.from({ length: extra }, () => gzipSync(Buffer.alloc(2 ** 20)))]);

describe('multi-member gzip', () => {
  it('inflates, as gzip does, to the map followed by every member (independent truth: zlib)', () => {
    expect(gunzipSync(members(3)).length).toBe(plain.length + 3 * 2 ** 20);
  });

  it('counts every member against the limit, read from a file and from memory: MAP_TOO_LARGE', async () => {
    const limit = 2 * 2 ** 20; // the map (16 kB) is far under it; the members together are not
    const gz = members(3);
    const path = join(dir, 'members.map.gz');
    writeFileSync(path, gz);
    for (const read of [() => readMapFile(path, { maxDecompressedBytes: limit }), async () => readMapBuffer(gz, { maxDecompressedBytes: limit })]) {
      const error = await read().then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'MAP_TOO_LARGE' });
      expect((error as Error).message).toContain(`more than ${limit} bytes`);
    }
  });

  it('accepts members that fit under the limit together (the extra bytes are a finding, not a refusal)', async () => {
    const gz = members(1);
    const path = join(dir, 'fits.map.gz');
    writeFileSync(path, gz);
    const read = await readMapFile(path, { maxDecompressedBytes: plain.length + 2 ** 20 });
    expect(read.volume.data[0]).toBe(0.5);
    expect(read.findings.map((f) => f.code)).toContain('MRC_FILE_SIZE');
  });

  it('voxelsOnly (a computation\'s load) stops inflating after the map: the same voxels and the SHA-256 of the whole file', async () => {
    const gz = members(3);
    const path = join(dir, 'voxels-only.map.gz');
    writeFileSync(path, gz);
    const full = await readMapFile(path);
    const voxels = await readMapFile(path, { voxelsOnly: true, chunkBytes: 1024 }); // small chunks: the stop lands mid-file
    expect(voxels.sha256).toBe(createHash('sha256').update(gz).digest('hex'));
    expect(voxels.sha256).toBe(full.sha256);
    expect(voxels.sizeBytes).toBe(gz.length);
    expect(voxels.volume.data).toEqual(full.volume.data);
    expect(voxels.volume.voxelSize).toEqual(full.volume.voxelSize);
    // that the members after the map are not inflated shows in time: npm run bench -- io.read
  });
});

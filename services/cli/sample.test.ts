import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import { renderPhantom } from '../../worker-pool/synthetic/phantom.js';
import { writeSample } from './sample.js';

describe('vrs sample', () => {
  it('writes the seeded phantom as an MRC2014 map that the reader reads back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-sample-'));
    try {
      const out = join(dir, 's.map');
      writeSample(out, { size: 32, voxelSize: 2, resolution: 8, seed: 4 });
      const read = await readMapFile(out);
      const expected = renderPhantom({ size: 32, voxelSize: 2, resolution: 8, seed: 4 });
      expect([read.volume.nx, read.volume.ny, read.volume.nz]).toEqual([32, 32, 32]);
      expect(read.volume.voxelSize.x).toBeCloseTo(2, 6);
      expect(Buffer.from(read.volume.data.buffer, read.volume.data.byteOffset, read.volume.data.byteLength)
        .equals(Buffer.from(expected.data.buffer, expected.data.byteOffset, expected.data.byteLength))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

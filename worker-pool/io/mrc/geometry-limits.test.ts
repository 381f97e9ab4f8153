/**
 * Implausible geometry is refused before any analysis derives iteration counts from it: the
 * issue's header (MX = MY = MZ = 2³¹−1 over the cell, voxel size ≈ 9.4e-8 Å) is read by the
 * reader and refused by Level 0's voxel-size check with the value, the range and the dilation
 * count it would have made.
 */
import { describe, expect, it } from 'vitest';
import { resolveVoxelSize } from '../../metrics/level0/inputs.js';
import { sharedFloat32 } from '../../volume.js';
import { checkPlausibleGeometry, MAX_BOX_EDGE, MAX_VOXEL_SIZE, MIN_VOXEL_SIZE } from './geometry-limits.js';
import { readMapBuffer } from './read.js';
import { writeMrc } from './write.js';

/** A 16³ map with a 1.5 Å voxel, whose MX/MY/MZ (header words 8–10) are then overwritten. */
function mapWithSampling(m: number): Uint8Array {
  const n = 16;
  const bytes = writeMrc({ nx: n, ny: n, nz: n, data: sharedFloat32(n ** 3).fill(1), voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (const at of [28, 32, 36]) view.setInt32(at, m, true);
  return bytes;
}

describe('implausible geometry', () => {
  it("refuses the issue's header (MX = 2³¹−1) with the voxel size, the range and the dilations it would take", () => {
    const read = readMapBuffer(mapWithSampling(2 ** 31 - 1));
    const Ts = read.volume.voxelSize.x;
    expect(Ts).toBeCloseTo((16 * 1.5) / (2 ** 31 - 1), 15); // the reader takes the header at its word
    const map = { voxelSize: read.volume.voxelSize, formatIssues: read.findings, dimensions: { x: 16, y: 16, z: 16 } };
    let error: unknown;
    try {
      resolveVoxelSize(map);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'MAP_IMPLAUSIBLE_GEOMETRY', isInputError: true });
    const message = (error as Error).message;
    expect(message).toContain(`${MIN_VOXEL_SIZE}–${MAX_VOXEL_SIZE} Å`);
    expect(message).toContain(`= ${Math.ceil(2 / Ts)} dilation passes`);
    expect(message).toMatch(/--voxel-size/);
    // the user's own voxel size is the way out
    expect(resolveVoxelSize(map, 1.5)).toBe(1.5);
  });

  it('accepts the voxel sizes of real maps and refuses the ends of the range and too long a box', () => {
    for (const Ts of [0.3, 0.832, 1.06, 4.2, 20]) expect(() => checkPlausibleGeometry(Ts, [400, 400, 400])).not.toThrow();
    expect(() => checkPlausibleGeometry(0.099)).toThrow(expect.objectContaining({ code: 'MAP_IMPLAUSIBLE_GEOMETRY' }));
    expect(() => checkPlausibleGeometry(MIN_VOXEL_SIZE)).not.toThrow();
    expect(() => checkPlausibleGeometry(MAX_VOXEL_SIZE)).not.toThrow();
    expect(() => checkPlausibleGeometry(50.01)).toThrow(expect.objectContaining({ code: 'MAP_IMPLAUSIBLE_GEOMETRY' }));
    expect(() => checkPlausibleGeometry(10, [MAX_BOX_EDGE / 10, 10, 10])).not.toThrow();
    expect(() => checkPlausibleGeometry(10, [MAX_BOX_EDGE / 10 + 1, 10, 10]))
      .toThrow(expect.objectContaining({ code: 'MAP_IMPLAUSIBLE_GEOMETRY', message: expect.stringContaining('10010 Å long (1001 voxels × 10 Å)') }));
  });
});

/** The analysis voxel size: cubic voxels only (0.5 % tolerance), a user's size taken as stated. */
import { describe, expect, it } from 'vitest';
import { resolveVoxelSize } from './inputs.js';

const map = (x: number, y: number, z: number) => ({ voxelSize: { x, y, z } });

describe('resolveVoxelSize', () => {
  it('takes the voxel size of a cubic map, and of one whose sizes differ by rounding only', () => {
    expect(resolveVoxelSize(map(1.512, 1.512, 1.512))).toBe(1.512);
    expect(resolveVoxelSize(map(1.06, 1.0601, 1.0604))).toBe(1.06); // 0.04 %
  });

  it('refuses non-cubic voxels with MAP_ANISOTROPIC_VOXELS and the sizes in the message', () => {
    expect(() => resolveVoxelSize(map(1, 1, 1.2))).toThrow(expect.objectContaining({ code: 'MAP_ANISOTROPIC_VOXELS', message: expect.stringContaining('1.0000 × 1.0000 × 1.2000 Å') }));
    expect(() => resolveVoxelSize(map(1, 1.006, 1))).toThrow(expect.objectContaining({ code: 'MAP_ANISOTROPIC_VOXELS' })); // 0.6 %
  });

  it('takes a user-given voxel size as stated, and refuses a non-positive one', () => {
    expect(resolveVoxelSize(map(1, 1, 1.2), 1.1)).toBe(1.1);
    expect(() => resolveVoxelSize(map(1, 1, 1), 0)).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
    expect(() => resolveVoxelSize(map(0, 0, 0))).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
  });
});

/** The Level 0 input checks: voxel size (cubic, present), resolution (Nyquist), finite voxels. */
import { describe, expect, it } from 'vitest';
import { computeStatistics } from '../../io/mrc/statistics.js';
import { checkFiniteVoxels, checkResolution, resolveVoxelSize } from './inputs.js';

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

describe('resolveVoxelSize without a voxel size in the header', () => {
  const defaulted = { voxelSize: { x: 1, y: 1, z: 1 }, formatIssues: [{ code: 'MRC_VOXEL_SIZE_DEFAULTED' }] };

  it('refuses the reader\'s 1 Å stand-in with MAP_NO_VOXEL_SIZE, and says how to give it', () => {
    expect(() => resolveVoxelSize(defaulted)).toThrow(expect.objectContaining({ code: 'MAP_NO_VOXEL_SIZE', message: expect.stringContaining('voxel-size') }));
    // before the anisotropy check: one defaulted axis (1 Å among 1.5 Å) is a missing size, not non-cubic voxels
    expect(() => resolveVoxelSize({ ...defaulted, voxelSize: { x: 1.5, y: 1, z: 1.5 } })).toThrow(expect.objectContaining({ code: 'MAP_NO_VOXEL_SIZE' }));
  });

  it('takes the user\'s voxel size instead, and ignores other findings', () => {
    expect(resolveVoxelSize(defaulted, 1.5)).toBe(1.5);
    expect(resolveVoxelSize({ voxelSize: { x: 1.2, y: 1.2, z: 1.2 }, formatIssues: [{ code: 'MRC_ISPG_ZERO' }] })).toBe(1.2);
  });
});

describe('checkResolution', () => {
  it('accepts no resolution, and one at or above the Nyquist limit 2·Ts', () => {
    expect(checkResolution(null, 1.5)).toBeNull();
    expect(checkResolution(3, 1.5)).toBe(3);
    expect(checkResolution(4, 1.5)).toBe(4);
    // 2·Ts as written, with Ts from float32 header fields (339.2 Å / 320 voxels)
    expect(checkResolution(2.12, Math.fround(339.2) / 320)).toBe(2.12);
  });

  it('refuses a resolution finer than 2·Ts with RESOLUTION_BEYOND_NYQUIST naming R, Ts and 2·Ts', () => {
    const error = (() => { try { checkResolution(0.5, 1.5); } catch (e) { return e; } })();
    expect(error).toMatchObject({ code: 'RESOLUTION_BEYOND_NYQUIST', details: { resolution: 0.5, voxelSize: 1.5, limit: 3 } });
    expect((error as Error).message).toMatch(/The resolution is 0\.5 Å, finer than .* voxel size 1\.5 Å = 3 Å/);
    expect(() => checkResolution(1e-9, 1.5)).toThrow(expect.objectContaining({ code: 'RESOLUTION_BEYOND_NYQUIST' }));
    expect(() => checkResolution(2.99, 1.5)).toThrow(expect.objectContaining({ code: 'RESOLUTION_BEYOND_NYQUIST' }));
  });

  it('names the source of the resolution, and still refuses a non-positive one with BAD_PARAMETER', () => {
    expect(() => checkResolution(1, 1.5, 'The resolution in the --emdb-header file emd.xml'))
      .toThrow(expect.objectContaining({ message: expect.stringMatching(/^The resolution in the --emdb-header file emd\.xml is 1 Å/) }));
    expect(() => checkResolution(0, 1.5)).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
    expect(() => checkResolution(-2, null)).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
    expect(checkResolution(0.1, null)).toBe(0.1); // without a voxel size, only the sign is checked
  });
});

describe('checkFiniteVoxels', () => {
  const data = (...extra: number[]) => Float32Array.from([0.5, 1, 2, ...extra]);

  it('passes a finite map', () => {
    expect(() => checkFiniteVoxels(computeStatistics(data()), data())).not.toThrow();
  });

  it('refuses NaN and infinite voxels with MAP_NONFINITE_VOXELS, counting each kind, from the reader\'s statistics', () => {
    // the reader counts infinities in nanCount too: the check rests on that
    expect(computeStatistics(data(Infinity, -Infinity)).nanCount).toBe(2);
    const v = data(NaN, Infinity, -Infinity);
    expect(() => checkFiniteVoxels(computeStatistics(v), v)).toThrow(expect.objectContaining({
      code: 'MAP_NONFINITE_VOXELS', message: expect.stringContaining('The map holds 1 NaN voxel and 2 infinite voxels of 6;'),
    }));
    const inf = data(Infinity);
    expect(() => checkFiniteVoxels(computeStatistics(inf), inf)).toThrow(expect.objectContaining({ message: expect.stringContaining('1 infinite voxel of 4;') }));
  });

  it('refuses from stored statistics alone (the graph), as JSON holds them', () => {
    const stored = JSON.parse(JSON.stringify(computeStatistics(data(NaN, NaN))));
    expect(() => checkFiniteVoxels(stored)).toThrow(expect.objectContaining({ code: 'MAP_NONFINITE_VOXELS', message: expect.stringContaining('2 NaN or infinite voxels of 5') }));
    // every voxel non-finite: min/max are NaN, stored as null; nanCount still refuses
    const none = JSON.parse(JSON.stringify(computeStatistics(Float32Array.from([NaN, Infinity]))));
    expect(() => checkFiniteVoxels(none)).toThrow(expect.objectContaining({ code: 'MAP_NONFINITE_VOXELS' }));
    // a record without nanCount whose extremes are infinite
    expect(() => checkFiniteVoxels({ min: -Infinity, max: 2 })).toThrow(expect.objectContaining({ code: 'MAP_NONFINITE_VOXELS' }));
  });
});

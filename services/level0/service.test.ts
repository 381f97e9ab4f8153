/**
 * The graph's Level 0 parameters refuse the inputs `vrs validate` refuses (level0/inputs.ts),
 * from the stored map record alone and before any section runs.
 */
import { describe, expect, it } from 'vitest';
import type { ComputeOrchestrator } from '../compute/orchestrator.js';
import type { MapRecord } from '../maps/service-types.js';
import { OrchestratorLevelsService } from './service.js';
import { PRODUCT_LEVELS } from '../../worker-pool/metrics/catalogue.js';

/** A stored 16³ map with 1.5 Å voxels and a contour, as toMapRecord makes it (statistics from the reader, through jsonb). */
function record(overrides: Partial<MapRecord> & { statistics?: Record<string, unknown> } = {}): MapRecord {
  return {
    id: 'a'.repeat(64), name: 'm.map', sizeBytes: 1024 + 4 * 4096, createdAt: new Date(0), header: {},
    dimensions: { x: 16, y: 16, z: 16 }, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 },
    originSource: 'ORIGIN', axisOrder: [1, 2, 3],
    statistics: { min: 0, max: 1, mean: 0.1, std: 0.2, rms: 0.22, nanCount: 0, count: 4096 } as MapRecord['statistics'],
    formatIssues: [], contourLevel: 0.5, contourSource: 'USER', reportedResolution: null, emdb: null,
    ...overrides,
  } as MapRecord;
}

// Nothing here may reach the orchestrator: every case is decided from the record.
const service = new OrchestratorLevelsService({} as ComputeOrchestrator, PRODUCT_LEVELS);

describe('OrchestratorLevelsService.resolveParams', () => {
  it('resolves a sound map as before', async () => {
    await expect(service.resolveParams('level0', record({ reportedResolution: 3 }), {})).resolves.toEqual({
      params: { threshold: 0.5, resolution: 3, profile: 'standard', voxelSize: 1.5 }, thresholdSource: 'USER',
    });
  });

  it('refuses a map with non-finite voxels (the stored nanCount) with MAP_NONFINITE_VOXELS', async () => {
    const map = record({ statistics: { min: 0, max: 1, mean: 0.1, std: 0.2, rms: 0.22, nanCount: 3, count: 4093 } });
    await expect(service.resolveParams('level0', map, { threshold: 0.5 })).rejects.toMatchObject({
      code: 'MAP_NONFINITE_VOXELS', message: expect.stringContaining('3 NaN or infinite voxels of 4096'),
    });
  });

  it('refuses a resolution finer than 2·Ts with RESOLUTION_BEYOND_NYQUIST, from the argument or the stored metadata', async () => {
    await expect(service.resolveParams('level0', record(), { resolution: 1e-9 })).rejects.toMatchObject({
      code: 'RESOLUTION_BEYOND_NYQUIST', message: expect.stringMatching(/^The resolution argument is 1e-9 Å, .* 2 × the voxel size 1\.5 Å = 3 Å/),
    });
    await expect(service.resolveParams('level0', record({ reportedResolution: 2 }), {})).rejects.toMatchObject({
      code: 'RESOLUTION_BEYOND_NYQUIST', message: expect.stringContaining("The map's reported resolution"),
    });
    // an argument at the limit overrides a stored resolution beyond it
    await expect(service.resolveParams('level0', record({ reportedResolution: 2 }), { resolution: 3 })).resolves.toMatchObject({ params: { resolution: 3 } });
  });

  it('refuses a threshold above the map maximum with THRESHOLD_ABOVE_MAXIMUM, giving the range and the stored estimate', async () => {
    const asked: string[] = [];
    const orch = { runMetric: async (_id: string, metric: string) => { asked.push(metric); return { result: { threshold: 0.42 } }; } } as unknown as ComputeOrchestrator;
    const withEstimate = new OrchestratorLevelsService(orch, PRODUCT_LEVELS);
    await expect(withEstimate.resolveParams('level0', record(), { threshold: 1e9 })).rejects.toMatchObject({
      code: 'THRESHOLD_ABOVE_MAXIMUM', message: expect.stringMatching(/^The threshold argument is 1000000000, .*from 0 to 1\b.*e\.g\. 0\.42 /),
    });
    expect(asked).toEqual(['level0.threshold']);
    await expect(withEstimate.resolveParams('level0', record({ contourLevel: 5 }), {})).rejects.toMatchObject({
      code: 'THRESHOLD_ABOVE_MAXIMUM', message: expect.stringContaining("The map's contour level"),
    });
    // at the maximum the mask (V ≥ t) still holds the brightest voxels
    await expect(service.resolveParams('level0', record(), { threshold: 1 })).resolves.toMatchObject({ params: { threshold: 1 } });
  });

  it('refuses a map whose header gives no voxel size with MAP_NO_VOXEL_SIZE', async () => {
    const map = record({ voxelSize: { x: 1, y: 1, z: 1 }, formatIssues: [{ code: 'MRC_VOXEL_SIZE_DEFAULTED', severity: 'WARNING', message: '…' }] });
    await expect(service.resolveParams('level0', map, { threshold: 0.5 })).rejects.toMatchObject({ code: 'MAP_NO_VOXEL_SIZE' });
  });
});

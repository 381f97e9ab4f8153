/** Small builders shared by the store's tests. */
import { randomBytes } from 'node:crypto';
import type { NewMap } from './maps-repository.js';

export function randomMapId(): string {
  return randomBytes(32).toString('hex');
}

export function sampleMap(overrides: Partial<NewMap> = {}): NewMap {
  return {
    id: randomMapId(),
    name: 'sample.map',
    sizeBytes: 1024 + 4 * 8 * 8 * 8,
    header: { nx: 8, ny: 8, nz: 8, mode: 2, mapc: 1, mapr: 2, maps: 3, exttyp: 'MRCO', labels: ['made by a test'] },
    geometry: { dimensions: { x: 8, y: 8, z: 8 }, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 }, originSource: 'ORIGIN', axisOrder: [1, 2, 3] },
    statistics: { min: -1, max: 2.5, mean: 0.125, std: 0.5, rms: 0.515 },
    formatIssues: [{ code: 'MRC_ISPG_ZERO', severity: 'warning', message: 'ISPG is 0.' }],
    ...overrides,
  };
}

/** setMapMetadata's reportedResolution against the stored map's voxel size (Nyquist limit 2·Ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './index.js';
import { sampleMap } from './test-fixtures.js';
import { createScratchDatabase, type ScratchDatabase } from './testing.js';

const BLOBS = mkdtempSync(join(tmpdir(), 'vrs-test-blobs-'));
let scratch: ScratchDatabase;
let store: Store;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  store = await openStore({ url: scratch.url, blobDir: BLOBS });
});
afterAll(async () => {
  await store?.close();
  await scratch?.drop();
  rmSync(BLOBS, { recursive: true, force: true });
});

describe('maps repository: reportedResolution and the Nyquist limit', () => {
  it('refuses a resolution finer than twice the voxel size (1.5 Å voxels: below 3 Å) and keeps the stored one', async () => {
    const map = sampleMap(); // 1.5 Å voxels
    await store.maps.insert(map);
    await store.maps.updateMetadata(map.id, { reportedResolution: 3 });
    await expect(store.maps.updateMetadata(map.id, { reportedResolution: 1e-9 })).rejects.toMatchObject({
      code: 'RESOLUTION_BEYOND_NYQUIST', message: expect.stringContaining('reportedResolution is 1e-9 Å'),
    });
    await expect(store.maps.updateMetadata(map.id, { reportedResolution: 2.9 })).rejects.toMatchObject({ code: 'RESOLUTION_BEYOND_NYQUIST' });
    expect((await store.maps.get(map.id))!.reportedResolution).toBe(3);
  });

  it('leaves the check out when the header gives no voxel size (the reader\'s 1 Å says nothing)', async () => {
    const map = sampleMap({
      geometry: { ...sampleMap().geometry, voxelSize: { x: 1, y: 1, z: 1 } },
      formatIssues: [{ code: 'MRC_VOXEL_SIZE_DEFAULTED', severity: 'WARNING', message: '…' }],
    });
    await store.maps.insert(map);
    await expect(store.maps.updateMetadata(map.id, { reportedResolution: 1.2 })).resolves.toMatchObject({ reportedResolution: 1.2 });
  });
});

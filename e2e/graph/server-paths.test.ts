/**
 * No client reads the server's folders (issue 18.6): a map whose stored file went missing fails
 * its sections with MAP_NOT_FOUND, and the GraphQL error, the section's stored failure in
 * `status`, and the HTTP error of its report route name the file as `<blob store>/…`, never
 * the absolute folders (the blob store, the data folder, the temporary folder). The rule itself
 * (relative to the data root, labels for the other folders, whole names only) is
 * worker-pool/server-paths.test.ts's.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

let stack: TestStack;
let mapId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const n = 12;
  const data = sharedFloat32(n ** 3).map((_, i) => Math.cos(i / 7));
  const bytes = writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
  mapId = ((await (await fetch(`${stack.app.url}/maps/paths.map`, { method: 'PUT', body: bytes })).json()) as { id: string }).id;
  const row = await stack.app.backend.store.maps.get(mapId);
  rmSync(row!.blobPath!); // the stored file is gone: every computation fails to read it
});
afterAll(async () => {
  await stack?.stop();
});

const absolute = () => [stack.dataDir, tmpdir()];

describe('error messages name no folder of the server', () => {
  it('a section of a map whose file is gone: the GraphQL error, the stored failure and the report route', async () => {
    const r = await stack.gql(`query($id: ID!) { map(id: $id) { level0(threshold: 0.5, resolution: 5) { mass { status } } } }`, { id: mapId });
    const error = r.errors?.[0];
    expect(error?.extensions?.code).toBe('MAP_NOT_FOUND');
    expect(error.message).toMatch(/<blob store>\//); // says which file, in the server's terms
    for (const folder of absolute()) expect(JSON.stringify(r.errors)).not.toContain(folder);

    const status = await stack.gql(`query($id: ID!) { level0Status(mapId: $id, threshold: 0.5, resolution: 5) { section state error { code message } } }`, { id: mapId });
    const failed = (status.data?.level0Status ?? []).filter((s: { error: unknown }) => s.error);
    expect(failed.length).toBeGreaterThan(0);
    for (const folder of absolute()) expect(JSON.stringify(status)).not.toContain(folder);

    const pdf = await fetch(`${stack.app.url}/maps/${mapId}/report.pdf?threshold=0.5&resolution=5`);
    expect(pdf.status).toBeGreaterThanOrEqual(400);
    const body = await pdf.text();
    expect(body).toMatch(/MAP_NOT_FOUND|error/);
    for (const folder of absolute()) expect(body).not.toContain(folder);
  });
});

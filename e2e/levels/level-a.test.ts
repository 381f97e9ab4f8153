/**
 * Level A over HTTP and GraphQL: a map made from 1A8O at 6 Å (its origin in the model file's
 * frame), uploaded; the model file uploaded and attached; `Map.levelA` computes only the sections
 * asked for (and what they depend on), memoizes them, and its summary counts A.a.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../graph/app.js';
import { openStore, type Store } from '../../services/store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REAL_MODELS_DIR } from '../../worker-pool/paths.js';
import { syntheticFitCase } from '../../worker-pool/metrics/levelA/testing.js';

let db: ScratchDatabase;
let store: Store;
let app: App;
let dir: string;

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
};
const put = async (name: string, body: Uint8Array) => {
  const res = await fetch(`${app.url}/maps/${encodeURIComponent(name)}`, { method: 'PUT', body: Buffer.from(body) });
  return (await res.json()) as any;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrs-e2e-levela-'));
  db = await createScratchDatabase('vrs_e2e_levela');
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
  app = await startApp({ port: 0, host: '127.0.0.1', dataRoot: dir, store });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Map.levelA', () => {
  it('computes the sections asked for, lazily, memoized; the summary counts A.a, A.d and A.e; without a model they do not apply', async () => {
    const c = syntheticFitCase('1A8O.pdb.gz', { resolution: 6, voxelSize: 1.5, noise: 0.1 });
    const { id } = await put('a8o.mrc', writeMrc({ ...c.map, origin: c.fileFrameOrigin }));
    const model = await put('1A8O.pdb.gz', readFileSync(join(REAL_MODELS_DIR, '1A8O.pdb.gz')));
    const attach = await gql(`mutation($id: ID!, $m: ID!) { attachModel(mapId: $id, model: { uploadId: $m }) { model { atoms } } }`, { id, m: model.id });
    expect(attach.errors).toBeUndefined();

    // the placement only: A.a is not computed
    const p = await gql(`query($id: ID!) { map(id: $id) { levelA(resolution: 6) { resolution placement { status placed chosen ccMask trials { name } } } } }`, { id });
    expect(p.errors).toBeUndefined();
    expect(p.data.map.levelA.placement).toMatchObject({ status: 'OK', placed: true, chosen: 'AS_GIVEN', trials: [{ name: 'AS_GIVEN' }] });
    expect(p.data.map.levelA.placement.ccMask).toBeGreaterThan(0.8);
    const states = async () => Object.fromEntries((await gql(`query($id: ID!) { levelAStatus(mapId: $id, resolution: 6) { section state } }`, { id })).data.levelAStatus.map((s: any) => [s.section, s.state]));
    const before = await states();
    expect(before.fit).not.toBe('DONE');

    const q = `query($id: ID!) { map(id: $id) { levelA(resolution: 6) { fit { id status ccMask fsc05Unmasked fromCache residues { cc } } fscQ { status statusReason } summary { score evaluable sections { id status counted } } } } }`;
    const first = await gql(q, { id });
    expect(first.errors).toBeUndefined();
    const a = first.data.map.levelA;
    expect(a.fit).toMatchObject({ id: 'A.a', status: 'OK', fromCache: false });
    expect(a.fit.ccMask).toBeGreaterThan(0.8);
    expect(a.fit.fsc05Unmasked).toBeGreaterThan(5);
    expect(a.fit.fsc05Unmasked).toBeLessThan(7);
    expect(a.fscQ.status).toBe('NOT_APPLICABLE');
    expect(a.fscQ.statusReason).toMatch(/MAP_INPUT_MISSING.*half map/);
    // A.a, A.d and A.e count (computed here for the summary); A.b needs the half maps (none attached) and A.h (atom inclusion) has no VRS criterion
    expect(a.summary).toMatchObject({ evaluable: 3 });
    expect(a.summary.sections.map((s: any) => [s.id, s.counted])).toEqual([['A.a', true], ['A.b', false], ['A.d', true], ['A.e', true], ['A.h', false]]);
    expect((await gql(q, { id })).data.map.levelA.fit.fromCache).toBe(true);
    expect((await states()).fit).toBe('DONE');
    // startLevelA without half maps: not refused for A.b's want of them; A.b stays pending and says how to attach them
    const started = await gql(`mutation($id: ID!) { startLevelA(mapId: $id, resolution: 6) { section state error { code message } } }`, { id });
    expect(started.errors).toBeUndefined();
    const fscQ = started.data.startLevelA.find((s: any) => s.section === 'fscQ');
    expect(fscQ).toMatchObject({ state: 'NOT_STARTED', error: { code: 'MAP_INPUT_MISSING' } });
    expect(started.data.startLevelA.find((s: any) => s.section === 'fit').state).toBe('DONE');

    // without a model: the sections do not apply and say how to attach one (MAP_INPUT_MISSING)
    await gql(`mutation($id: ID!) { detachModel(mapId: $id) { id } }`, { id });
    const none = await gql(`query($id: ID!) { map(id: $id) { levelA(resolution: 6) { fit { status statusReason } } } }`, { id });
    expect(none.errors).toBeUndefined();
    expect(none.data.map.levelA.fit.status).toBe('NOT_APPLICABLE');
    expect(none.data.map.levelA.fit.statusReason).toMatch(/MAP_INPUT_MISSING.*attachModel/);
  }, 240_000);
});

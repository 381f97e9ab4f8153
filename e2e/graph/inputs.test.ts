/**
 * Inputs by role over HTTP: upload a map, its half maps and a model with PUT /maps/{filename},
 * link them with the GraphQL mutations (by upload id and by path), read them back as
 * Map.halfMaps and Map.model, see the coded refusals, and compute a metric that reads the
 * half maps: one map with two pairs keeps two results, and re-linking a pair finds its own.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../graph/app.js';
import { openStore, type Store } from '../../services/store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { sha256Hex } from '../../worker-pool/io/blob-files.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REAL_MODELS_DIR } from '../../worker-pool/paths.js';
import { syntheticHalfMaps } from '../../worker-pool/testing/half-maps.js';

const INPUT_METRICS = new URL('../../worker-pool/testing/input-test-metrics.js', import.meta.url).href;

let db: ScratchDatabase;
let store: Store;
let app: App;
let dir: string;
let mapId: string;
const ids: Record<string, string> = {};
const savedModules = process.env.VRS_METRIC_MODULES;

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
};
const put = async (name: string, body: Uint8Array) => {
  const res = await fetch(`${app.url}/maps/${encodeURIComponent(name)}`, { method: 'PUT', body: Buffer.from(body) });
  return { status: res.status, json: (await res.json()) as any };
};

const INPUTS = `halfMaps { half1 { sha256 name sizeBytes dimensions { x y z } voxelSize { x } origin { x } attachedAt } half2 { sha256 name } }
  model { sha256 name format atoms hetAtoms chains residues models alternateLocationsDropped boundsMin { x } boundsMax { x } }`;

beforeAll(async () => {
  process.env.VRS_METRIC_MODULES = INPUT_METRICS; // the app's registry and pool get the test metrics
  dir = mkdtempSync(join(tmpdir(), 'vrs-e2e-inputs-'));
  const root = join(dir, 'data');
  mkdirSync(root);
  const b = syntheticHalfMaps({ noise: 0.6, noiseSeeds: [21, 22] });
  writeFileSync(join(root, 'b1.mrc'), writeMrc(b.half1));
  writeFileSync(join(root, 'b2.mrc'), writeMrc(b.half2));
  copyFileSync(join(REAL_MODELS_DIR, '3MFP_tempy_modeller.pdb'), join(root, '3MFP.pdb'));
  db = await createScratchDatabase('vrs_e2e_inputs');
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
  app = await startApp({ port: 0, host: '127.0.0.1', dataRoot: root, store });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
  if (savedModules === undefined) delete process.env.VRS_METRIC_MODULES;
  else process.env.VRS_METRIC_MODULES = savedModules;
});

describe('half maps and models over HTTP and GraphQL', () => {
  it('PUT accepts maps and models; a model upload answers its id without registering a map', async () => {
    const a = syntheticHalfMaps({ noise: 0.2, noiseSeeds: [11, 12] });
    const map = await put('map.mrc', writeMrc(a.map));
    expect(map.status).toBe(201);
    mapId = map.json.id;
    for (const [name, v] of [['a1.mrc', a.half1], ['a2.mrc', a.half2]] as const) ids[name] = (await put(name, writeMrc(v))).json.id;
    const cif = readFileSync(join(REAL_MODELS_DIR, '1A8O.cif.gz'));
    const model = await put('1A8O.cif.gz', cif);
    expect(model.status).toBe(201);
    expect(model.json).toMatchObject({ id: sha256Hex(cif), name: '1A8O.cif.gz', dimensions: null });
    ids.model = model.json.id;
    const none = await gql(`query($id: ID!) { map(id: $id) { id } }`, { id: ids.model });
    expect(none.errors?.[0]?.extensions?.code).toBe('MAP_NOT_REGISTERED');
    const bad = await put('model.txt', Buffer.from('x'));
    expect([bad.status, bad.json.error.code]).toEqual([400, 'UPLOAD_BAD_NAME']);
    const junk = await put('junk.pdb', Buffer.from('REMARK nothing\n'));
    expect(junk.json.error.code).toBe('MODEL_UNREADABLE');
  });

  it('a map without inputs answers null for both', async () => {
    const r = await gql(`query($id: ID!) { map(id: $id) { ${INPUTS} } }`, { id: mapId });
    expect(r.errors).toBeUndefined();
    expect(r.data.map).toEqual({ halfMaps: null, model: null });
  });

  it('attachHalfMaps (by upload) and attachModel (by upload) answer the Map with its inputs', async () => {
    const h = await gql(`mutation($id: ID!, $h1: ID!, $h2: ID!) { attachHalfMaps(mapId: $id, half1: { uploadId: $h1 }, half2: { uploadId: $h2 }) { id ${INPUTS} } }`,
      { id: mapId, h1: ids['a1.mrc'], h2: ids['a2.mrc'] });
    expect(h.errors).toBeUndefined();
    expect(h.data.attachHalfMaps.halfMaps).toMatchObject({
      half1: { sha256: ids['a1.mrc'], name: 'a1.mrc', dimensions: { x: 24, y: 24, z: 24 }, sizeBytes: 1024 + 4 * 24 ** 3 },
      half2: { sha256: ids['a2.mrc'], name: 'a2.mrc' },
    });
    const m = await gql(`mutation($id: ID!, $m: ID!) { attachModel(mapId: $id, model: { uploadId: $m }) { ${INPUTS} } }`, { id: mapId, m: ids.model });
    expect(m.errors).toBeUndefined();
    expect(m.data.attachModel.model).toMatchObject({ sha256: ids.model, format: 'MMCIF', atoms: 644, hetAtoms: 88, chains: ['A'], residues: 158, models: 1 });
    const maps = await gql(`query($ids: [ID!]!) { maps(ids: $ids) { id halfMaps { half1 { name } } model { name } } }`, { ids: [mapId, ids['a1.mrc']] });
    expect(maps.data.maps).toEqual([
      { id: mapId, halfMaps: { half1: { name: 'a1.mrc' } }, model: { name: '1A8O.cif.gz' } },
      { id: ids['a1.mrc'], halfMaps: null, model: null },
    ]);
  });

  it('refusals carry their codes', async () => {
    const attach = (h1: unknown, h2: unknown) =>
      gql(`mutation($id: ID!, $h1: InputFileInput!, $h2: InputFileInput!) { attachHalfMaps(mapId: $id, half1: $h1, half2: $h2) { id } }`, { id: mapId, h1, h2 });
    const code = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;
    expect(code(await attach({ uploadId: ids['a1.mrc'] }, { uploadId: ids['a1.mrc'] }))).toBe('HALF_MAPS_DUPLICATE');
    expect(code(await attach({ uploadId: mapId }, { uploadId: ids['a2.mrc'] }))).toBe('HALF_MAPS_DUPLICATE');
    expect(code(await attach({ path: 'b1.mrc', uploadId: ids['a1.mrc'] }, { path: 'b2.mrc' }))).toBe('BAD_PARAMETER');
    expect(code(await attach({ path: '../outside.mrc' }, { path: 'b2.mrc' }))).toBe('PATH_OUTSIDE_DATA_ROOT');
    expect(code(await attach({ uploadId: 'nope' }, { path: 'b2.mrc' }))).toBe('MAP_ID_MALFORMED');
    const small = await put('small.mrc', writeMrc(syntheticHalfMaps({ n: 12 }).half1));
    expect(code(await attach({ uploadId: small.json.id }, { path: 'b2.mrc' }))).toBe('HALF_MAPS_MISMATCH');
    const model = await gql(`mutation($id: ID!) { attachModel(mapId: $id, model: { path: "b1.mrc" }) { id } }`, { id: mapId });
    expect(code(model)).toBe('MODEL_UNREADABLE');
    const unknown = await gql(`mutation { detachModel(mapId: "${'0'.repeat(64)}") { id } }`);
    expect(code(unknown)).toBe('MAP_NOT_REGISTERED');
  });

  it('one map, two pairs of half maps (by upload, then by path): two results; re-linking the first finds its own', async () => {
    const orch = app.backend.compute.orchestrator;
    const first = await orch.runMetric<{ r: number }>(mapId, 'test.halfCorrelation', {});
    expect(first.fromCache).toBe(false);
    const b = await gql(`mutation($id: ID!) { attachHalfMaps(mapId: $id, half1: { path: "b1.mrc" }, half2: { path: "b2.mrc" }) { halfMaps { half1 { name } half2 { name } } } }`, { id: mapId });
    expect(b.errors).toBeUndefined();
    expect(b.data.attachHalfMaps.halfMaps).toEqual({ half1: { name: 'b1.mrc' }, half2: { name: 'b2.mrc' } });
    const second = await orch.runMetric<{ r: number }>(mapId, 'test.halfCorrelation', {});
    expect(second.fromCache).toBe(false);
    expect(second.result.r).not.toBeCloseTo(first.result.r, 3);
    await gql(`mutation($id: ID!, $h1: ID!, $h2: ID!) { attachHalfMaps(mapId: $id, half1: { uploadId: $h1 }, half2: { uploadId: $h2 }) { id } }`,
      { id: mapId, h1: ids['a1.mrc'], h2: ids['a2.mrc'] });
    expect(await orch.runMetric(mapId, 'test.halfCorrelation', {})).toMatchObject({ fromCache: true, result: { r: first.result.r } });
  });

  it('attachModel by path replaces the model; detach unlinks', async () => {
    const m = await gql(`mutation($id: ID!) { attachModel(mapId: $id, model: { path: "3MFP.pdb" }) { model { name format atoms chains } } }`, { id: mapId });
    expect(m.errors).toBeUndefined();
    expect(m.data.attachModel.model).toEqual({ name: '3MFP.pdb', format: 'PDB', atoms: 2882, chains: ['A'] });
    const d = await gql(`mutation($id: ID!) { detachHalfMaps(mapId: $id) { halfMaps { half1 { name } } model { name } } }`, { id: mapId });
    expect(d.data.detachHalfMaps).toEqual({ halfMaps: null, model: { name: '3MFP.pdb' } });
    const e = await gql(`mutation($id: ID!) { detachModel(mapId: $id) { halfMaps { half1 { name } } model { name } } }`, { id: mapId });
    expect(e.data.detachModel).toEqual({ halfMaps: null, model: null });
  });
});

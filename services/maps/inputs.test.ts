/**
 * Linking half maps and models to a map through the maps service (real store, its own data
 * root and blob folder): by path and by upload, every check with its code, nothing linked
 * when a check fails, replacing and unlinking.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sha256Hex } from '../../worker-pool/io/blob-files.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REAL_MODELS_DIR } from '../../worker-pool/paths.js';
import { syntheticHalfMaps } from '../../worker-pool/testing/half-maps.js';
import type { Volume } from '../../worker-pool/volume.js';
import { openStore, type Store } from '../store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../store/testing.js';
import type { ModelUploadRecord } from './service-types.js';
import { HALF_MAP_TOLERANCE } from './input-checks.js';
import { StoreMapsService } from './service.js';

const dir = mkdtempSync(join(tmpdir(), 'vrs-map-inputs-'));
const ROOT = join(dir, 'data');
const BLOBS = join(dir, 'blobs');
let scratch: ScratchDatabase;
let store: Store;
let maps: StoreMapsService;
let mapId: string;
const halves = syntheticHalfMaps({ n: 16, voxelSize: 1.2, origin: { x: -9.6, y: -9.6, z: -9.6 } });

const put = (name: string, v: Volume) => writeFileSync(join(ROOT, name), writeMrc(v));
const codeOf = async (p: Promise<unknown>) => p.then(() => 'none', (e: { code?: string }) => e.code ?? String(e));
const upload = (bytes: Uint8Array, name: string) => maps.ingestUpload(Readable.from([Buffer.from(bytes)]), name, 1_000_000);

beforeAll(async () => {
  scratch = await createScratchDatabase('vrs_test_map_inputs');
  store = await openStore({ url: scratch.url, blobDir: BLOBS });
  mkdirSync(ROOT);
  maps = new StoreMapsService(store, ROOT, { maxDecompressedBytes: 1_000_000 });
  put('map.mrc', halves.map);
  put('half1.mrc', halves.half1);
  put('half2.mrc', halves.half2);
  mapId = (await maps.registerPath('map.mrc', {})).id;
});
afterAll(async () => {
  await store?.close();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('half maps', () => {
  it('by path: linked with their geometry; the map record shows them', async () => {
    const linked = await maps.attachHalfMaps(mapId, { path: 'half1.mrc' }, { path: join(ROOT, 'half2.mrc') });
    expect(linked.halfMaps?.half1).toMatchObject({
      name: 'half1.mrc', sha256: sha256Hex(readFileSync(join(ROOT, 'half1.mrc'))), dimensions: { x: 16, y: 16, z: 16 },
    });
    expect(linked.halfMaps?.half1.voxelSize.z).toBeCloseTo(1.2, 6); // float32 in the header
    expect(linked.halfMaps?.half1.origin.x).toBeCloseTo(-9.6, 4);
    expect(linked.halfMaps?.half2.name).toBe('half2.mrc');
    expect(linked.model).toBeNull();
    expect((await maps.inputsOf([mapId, 'f'.repeat(64)]))).toEqual([linked, { mapId: 'f'.repeat(64), halfMaps: null, model: null }]);
  });

  it('refuses, each with its code, and links nothing: other grid, voxel size, origin; the same file twice; the map itself', async () => {
    const before = await maps.inputsOf([mapId]);
    const variant = (name: string, change: Partial<Volume>, base = halves.half2) => put(name, { ...base, ...change });
    variant('dims.mrc', { nx: 16, ny: 16, nz: 8, data: halves.half2.data.slice(0, 16 * 16 * 8) });
    variant('voxel.mrc', { voxelSize: { x: 1.2, y: 1.2, z: 1.2 * (1 + 10 * HALF_MAP_TOLERANCE.voxelSizeRelative) } });
    variant('origin.mrc', { origin: { x: -9.6, y: -9.6 + 1.2 * 0.5, z: -9.6 } });
    variant('origin-ok.mrc', { origin: { x: -9.6, y: -9.6 + 1.2 * 0.001, z: -9.6 } });
    const mismatch = async (file: string, why: RegExp) => {
      const error = await maps.attachHalfMaps(mapId, { path: 'half1.mrc' }, { path: file }).then(() => null, (e: Error & { code: string }) => e);
      expect(error?.code, file).toBe('HALF_MAPS_MISMATCH');
      expect(error?.message).toMatch(why);
    };
    await mismatch('dims.mrc', /half2 \(dims\.mrc\).*dimensions are 16×16×8 voxels, the map's 16×16×16/);
    await mismatch('voxel.mrc', /voxel size/);
    await mismatch('origin.mrc', /origin .*shifted by \(0, 0\.6, 0\)/);
    expect(await codeOf(maps.attachHalfMaps(mapId, { path: 'half1.mrc' }, { path: 'half1.mrc' }))).toBe('HALF_MAPS_DUPLICATE');
    expect(await codeOf(maps.attachHalfMaps(mapId, { path: 'map.mrc' }, { path: 'half2.mrc' }))).toBe('HALF_MAPS_DUPLICATE');
    expect(await maps.inputsOf([mapId])).toEqual(before);
    // within the stated tolerance: accepted
    expect((await maps.attachHalfMaps(mapId, { path: 'half1.mrc' }, { path: 'origin-ok.mrc' })).halfMaps?.half2.name).toBe('origin-ok.mrc');
  });

  it('unreadable or absent files keep the reader\'s code and say which half; paths stay under the data root', async () => {
    writeFileSync(join(ROOT, 'cut.mrc'), writeMrc(halves.half2).subarray(0, 4000));
    const error = await maps.attachHalfMaps(mapId, { path: 'half1.mrc' }, { path: 'cut.mrc' }).then(() => null, (e: Error & { code: string }) => e);
    expect(error?.code).toBe('MAP_TRUNCATED');
    expect(error?.message).toMatch(/^half2 \(cut\.mrc\): /);
    expect(await codeOf(maps.attachHalfMaps(mapId, { path: 'nothing.mrc' }, { path: 'half2.mrc' }))).toBe('MAP_NOT_FOUND');
    expect(await codeOf(maps.attachHalfMaps(mapId, { path: '../blobs/x.mrc' }, { path: 'half2.mrc' }))).toBe('PATH_OUTSIDE_DATA_ROOT');
    expect(await codeOf(maps.attachHalfMaps(mapId, { path: 'half1.mrc', uploadId: mapId }, { path: 'half2.mrc' }))).toBe('BAD_PARAMETER');
    expect(await codeOf(maps.attachHalfMaps(mapId, {}, { path: 'half2.mrc' }))).toBe('BAD_PARAMETER');
    expect(await codeOf(maps.attachHalfMaps('e'.repeat(64), { path: 'half1.mrc' }, { path: 'half2.mrc' }))).toBe('MAP_NOT_REGISTERED');
  });

  it('by upload: a half map uploaded with PUT /maps/{filename} is linked by its id', async () => {
    const other = syntheticHalfMaps({ n: 16, voxelSize: 1.2, origin: { x: -9.6, y: -9.6, z: -9.6 }, noiseSeeds: [7, 8] });
    const u1 = await upload(writeMrc(other.half1), 'up_half1.mrc');
    const u2 = await upload(writeMrc(other.half2), 'up_half2.map');
    const linked = await maps.attachHalfMaps(mapId, { uploadId: u1.id }, { uploadId: u2.id });
    expect(linked.halfMaps).toMatchObject({ half1: { sha256: u1.id, name: 'up_half1.mrc' }, half2: { sha256: u2.id, name: 'up_half2.map' } });
    const rows = await store.inputs.list(mapId);
    expect(rows.find((r) => r.role === 'half1')!.path).toMatch(new RegExp(`^${BLOBS}/`)); // the blob store's copy
    expect(await codeOf(maps.attachHalfMaps(mapId, { uploadId: 'd'.repeat(64) }, { uploadId: u2.id }))).toBe('UPLOAD_NOT_FOUND');
  });

  it('detach unlinks them (idempotent)', async () => {
    expect((await maps.detachHalfMaps(mapId)).halfMaps).toBeNull();
    expect((await maps.detachHalfMaps(mapId)).halfMaps).toBeNull();
    expect(await codeOf(maps.detachHalfMaps('e'.repeat(64)))).toBe('MAP_NOT_REGISTERED');
  });
});

describe('atomic models', () => {
  it('by path (a copy of 1hpv_pymol.pdb under the data root): parsed, summarised, replaced by a second one', async () => {
    copyFileSync(join(REAL_MODELS_DIR, '1hpv_pymol.pdb'), join(ROOT, '1hpv.pdb'));
    copyFileSync(join(REAL_MODELS_DIR, '7DDO.pdb.gz'), join(ROOT, '7DDO.pdb.gz'));
    const first = await maps.attachModel(mapId, { path: '1hpv.pdb' });
    expect(first.model).toMatchObject({ name: '1hpv.pdb', format: 'PDB', atoms: 1631, chains: ['A', 'B', ''], models: 1 });
    const second = await maps.attachModel(mapId, { path: '7DDO.pdb.gz' });
    expect(second.model).toMatchObject({ name: '7DDO.pdb.gz', atoms: 6461, alternateLocationsDropped: 7 });
    expect((await store.inputs.list(mapId)).filter((r) => r.role === 'model')).toHaveLength(1);
  });

  it('refuses what does not parse or is not there, and links nothing', async () => {
    const before = await maps.inputsOf([mapId]);
    writeFileSync(join(ROOT, 'junk.pdb'), 'REMARK nothing here\n');
    const error = await maps.attachModel(mapId, { path: 'junk.pdb' }).then(() => null, (e: Error & { code: string }) => e);
    expect(error?.code).toBe('MODEL_UNREADABLE');
    expect(error?.message).toMatch(/^model \(junk\.pdb\): /);
    expect(await codeOf(maps.attachModel(mapId, { path: 'absent.pdb' }))).toBe('MODEL_NOT_FOUND');
    expect(await codeOf(maps.attachModel(mapId, { uploadId: 'c'.repeat(64) }))).toBe('UPLOAD_NOT_FOUND');
    expect(await maps.inputsOf([mapId])).toEqual(before);
  });

  it('by upload: PUT /maps/1A8O.cif.gz stores the model (no maps row), attachModel takes its id', async () => {
    const bytes = readFileSync(join(REAL_MODELS_DIR, '1A8O.cif.gz'));
    const up = (await upload(bytes, '1A8O.cif.gz')) as ModelUploadRecord;
    expect(up).toMatchObject({ kind: 'model', id: sha256Hex(bytes), name: '1A8O.cif.gz', dimensions: null, model: { format: 'MMCIF', atoms: 644 } });
    expect(await store.maps.get(up.id)).toBeNull();
    const stored = (await store.uploads.get(up.id))!;
    expect(existsSync(stored.path) && stored.path.endsWith(`${up.id}.cif.gz`)).toBe(true);
    const linked = await maps.attachModel(mapId, { uploadId: up.id });
    expect(linked.model).toMatchObject({ sha256: up.id, format: 'MMCIF', atoms: 644, chains: ['A'] });
    expect((await maps.detachModel(mapId)).model).toBeNull();
  });

  it('an upload that does not parse leaves nothing behind; a name that is neither map nor model is UPLOAD_BAD_NAME', async () => {
    const files = () => (existsSync(BLOBS) ? readdirSync(BLOBS, { recursive: true }).map(String).filter((p) => !p.startsWith('tmp')).sort() : []);
    const before = files();
    expect(await codeOf(upload(Buffer.from('HEADER only\n'), 'bad.pdb'))).toBe('MODEL_UNREADABLE');
    expect(await codeOf(upload(Buffer.from('x'), 'model.xyz'))).toBe('UPLOAD_BAD_NAME');
    expect(files()).toEqual(before);
    expect(readdirSync(join(BLOBS, 'tmp'))).toEqual([]);
  });
});

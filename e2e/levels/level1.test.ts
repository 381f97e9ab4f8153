/**
 * Level 1 in GraphQL: a map without half maps answers every Level 1 section NOT_APPLICABLE with
 * MAP_INPUT_MISSING's words (how to attach them), its status names the error and starting it is
 * refused; half maps on another grid are refused with nothing stored; once a pair is attached,
 * Map.level1 { globalResolution } is computed once and then read from the memo, and its summary
 * counts 1.a and 1.b but not the sections that are not available in this version.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../graph/app.js';
import { openStore, type Store } from '../../services/store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { syntheticHalfMaps } from '../../worker-pool/testing/half-maps.js';

let db: ScratchDatabase;
let store: Store;
let app: App;
let dir: string;

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
};
const count = async (table: string) => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  } finally {
    await c.end();
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrs-e2e-level1-'));
  const root = join(dir, 'data');
  mkdirSync(root);
  const a = syntheticHalfMaps({ n: 32, noise: 0.3 });
  writeFileSync(join(root, 'map.mrc'), writeMrc(a.map));
  writeFileSync(join(root, 'h1.mrc'), writeMrc(a.half1));
  writeFileSync(join(root, 'h2.mrc'), writeMrc(a.half2));
  writeFileSync(join(root, 'small.mrc'), writeMrc(syntheticHalfMaps({ n: 24 }).half2));
  db = await createScratchDatabase('vrs_e2e_level1');
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
  app = await startApp({ port: 0, host: '127.0.0.1', dataRoot: root, store });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const LEVEL1 = `query($id: ID!) { map(id: $id) { level1(threshold: 0.5, resolution: 6) {
  globalResolution { id status statusReason warnings resolution0143 resolution0143Unmasked resolutionHalfBit randomizedFromShell fromCache
    curve { frequency resolution unmasked masked phaseRandomized corrected halfBit count } }
  inputData { half1CentralSlices { url } differenceMaxVarianceSlices { url } }
  resMap { id status statusReason }
  summary { score evaluable sections { id status counted } }
} } }`;

describe('Level 1 in GraphQL', () => {
  let mapId: string;

  it('without half maps: NOT_APPLICABLE saying how to attach them; status names the error; start is refused; nothing stored', async () => {
    const reg = await gql(`mutation { registerMap(input: { path: "map.mrc" }) { id } }`);
    mapId = reg.data.registerMap.id;
    const before = await count('metric_results');
    const r = await gql(LEVEL1, { id: mapId });
    expect(r.errors).toBeUndefined();
    const l1 = r.data.map.level1;
    expect(l1.globalResolution).toMatchObject({ id: '1.a', status: 'NOT_APPLICABLE', curve: [] });
    expect(l1.globalResolution.statusReason).toMatch(/^\[MAP_INPUT_MISSING\] .*attachHalfMaps.*--half1/);
    expect(l1.inputData.half1CentralSlices).toEqual([]);
    expect(l1.resMap).toMatchObject({ id: '1.d', status: 'NOT_APPLICABLE', statusReason: 'This analysis is not available in this version.' });
    expect(l1.summary.evaluable).toBe(0);
    const status = await gql(`query($id: ID!) { level1Status(mapId: $id, threshold: 0.5) { section state error { code } } }`, { id: mapId });
    expect(status.data.level1Status.find((s: any) => s.section === 'globalResolution')).toEqual({ section: 'globalResolution', state: 'NOT_STARTED', error: { code: 'MAP_INPUT_MISSING' } });
    const start = await gql(`mutation($id: ID!) { startLevel1(mapId: $id, threshold: 0.5) { section } }`, { id: mapId });
    expect(start.errors?.[0]?.extensions?.code).toBe('MAP_INPUT_MISSING');
    // only 1.d/1.f/1.g's "not available" records (they read no half map) may have been stored
    expect(await count('metric_results')).toBeLessThanOrEqual(before + 3);
  }, 120_000);

  it('half maps on another grid are refused with nothing linked or computed', async () => {
    const [results, inputs] = [await count('metric_results'), await count('map_inputs')];
    const r = await gql(`mutation($id: ID!) { attachHalfMaps(mapId: $id, half1: { path: "h1.mrc" }, half2: { path: "small.mrc" }) { id } }`, { id: mapId });
    expect(r.errors?.[0]?.extensions?.code).toBe('HALF_MAPS_MISMATCH');
    const same = await gql(`mutation($id: ID!) { attachHalfMaps(mapId: $id, half1: { path: "h1.mrc" }, half2: { path: "h1.mrc" }) { id } }`, { id: mapId });
    expect(same.errors?.[0]?.extensions?.code).toBe('HALF_MAPS_DUPLICATE');
    expect([await count('metric_results'), await count('map_inputs')]).toEqual([results, inputs]);
  });

  it('with half maps: 1.a is computed once, then read from the memo; the summary counts the built sections, not the ones not available', async () => {
    const att = await gql(`mutation($id: ID!) { attachHalfMaps(mapId: $id, half1: { path: "h1.mrc" }, half2: { path: "h2.mrc" }) { id } }`, { id: mapId });
    expect(att.errors).toBeUndefined();
    const first = await gql(LEVEL1, { id: mapId });
    expect(first.errors).toBeUndefined();
    const g = first.data.map.level1.globalResolution;
    expect(g).toMatchObject({ id: '1.a', fromCache: false, randomizedFromShell: expect.any(Number) });
    expect(['OK', 'WARNING']).toContain(g.status);
    expect(g.curve).toHaveLength(17); // shells 0 … 16 of a 32³ box
    expect(g.curve[1].frequency).toBeCloseTo(1 / (32 * 1.5), 10);
    expect(g.resolution0143).toBeGreaterThan(3);
    expect(first.data.map.level1.inputData.half1CentralSlices).toHaveLength(3);
    // every built section counts (1.a, 1.b, 1.c, 1.e, 1.h); the ones not available in this version do not
    expect(first.data.map.level1.summary.evaluable).toBe(5);
    expect(first.data.map.level1.summary.sections.map((s: any) => [s.id, s.counted])).toEqual([
      ['1.a', true], ['1.b', true], ['1.c', true], ['1.d', false], ['1.e', true], ['1.f', false], ['1.g', false], ['1.h', true],
    ]);
    const second = await gql(LEVEL1, { id: mapId });
    expect(second.data.map.level1.globalResolution.fromCache).toBe(true);
    expect(second.data.map.level1.globalResolution.curve).toEqual(g.curve);
  }, 120_000);
});

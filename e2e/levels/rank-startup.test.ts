/**
 * The gateway's start-up pass over the rank table (issue 20; OrchestratorLevelsService
 * `recordMissingRanks`, run by graph/app.ts's openBackend): a done section whose ranked numbers
 * are not in `metric_ranks` (a gateway stopped between storing the row and storing its ranks)
 * gets them when the next gateway starts on the same database; a number already stored (a later
 * validation's) is kept; and the statement reads the done memo rows through the partial index
 * `metric_results_done` and the rank table through its primary key (no sequential scan) once the
 * memo holds many rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../graph/app.js';
import { openStore, type Store } from '../../services/store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { MISSING_RANKS_SQL } from '../../services/store/ranks.js';
import { queryRows } from '../../services/store/query-rows.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REAL_MAPS_DIR } from '../../worker-pool/paths.js';

/** A 40³ map of 1.5 Å voxels: a Gaussian blob of the given width (voxels²). */
function blob(width: number): Uint8Array {
  const n = 40, data = new Float32Array(n ** 3);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) data[x + n * (y + n * z)] = Math.exp(-((x - 20) ** 2 + (y - 19) ** 2 + (z - 21) ** 2) / width);
  return writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
}

interface Row { metric: string; map_id: string; profile: string; resolution: number; value: number }
const ROWS = `SELECT metric, map_id, profile, resolution, value FROM metric_ranks ORDER BY metric, map_id`;

describe('start-up pass: done sections without rank rows get them', () => {
  let db: ScratchDatabase;
  let store: Store;
  let app: App;
  const dir = mkdtempSync(join(tmpdir(), 'vrs-rank-startup-'));
  const start = () => startApp({ port: 0, host: '127.0.0.1', dataRoot: REAL_MAPS_DIR, store });
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await (await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as { data?: any; errors?: any[] };
  beforeAll(async () => {
    db = await createScratchDatabase('vrs_rank_startup');
    process.env.VRS_DATA_DIR = dir;
    store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
    app = await start();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a restarted gateway stores the missing ranks of done sections and keeps the stored ones', async () => {
    const ids: string[] = [];
    for (const [name, width] of [['narrow.mrc', 30], ['wide.mrc', 60]] as const) {
      const put = await fetch(`${app.url}/maps/${name}`, { method: 'PUT', body: blob(width) });
      const { id: uploadId } = (await put.json()) as { id: string };
      const r = await gql(`mutation($u: ID!) { registerMap(input: { uploadId: $u, reportedResolution: 6, contourLevel: 0.3 }) { id } }`, { u: uploadId });
      expect(r.errors).toBeUndefined();
      ids.push(r.data.registerMap.id);
    }
    // Level 0 computed on both (the summary stores every section and its ranks)
    for (const id of ids) expect((await gql(`query($id: ID!) { map(id: $id) { level0 { summary { score } } } }`, { id })).errors).toBeUndefined();
    const ds = store.dataSource;
    const before = (await ds.query(ROWS)) as Row[];
    expect(before.filter((r) => r.map_id === ids[0]).length).toBeGreaterThan(2);
    expect(new Set(before.map((r) => r.map_id))).toEqual(new Set(ids));

    // what a gateway stopped at the wrong moment leaves: done rows, no rank rows (all but one);
    // the one kept carries a value of its own (as a later validation's would)
    const kept = before[0]!;
    await ds.query(`DELETE FROM metric_ranks WHERE NOT (metric = $1 AND map_id = $2)`, [kept.metric, kept.map_id]);
    await ds.query(`UPDATE metric_ranks SET value = 12345`);
    await app.close();
    app = await start();
    // the pass runs beside the server: its promise says how many sections it completed
    expect(await app.backend.rankPass).toBeGreaterThan(0);
    const after = (await ds.query(ROWS)) as Row[];
    expect(after).toEqual(before.map((r) => (r === kept ? { ...r, value: 12345 } : r)));
    // a second start finds nothing missing
    expect(await app.backend.services.levels.recordMissingRanks?.()).toBe(0);
  }, 600_000);

  it('the statement reads the done rows through the partial index; nothing missing costs one query', async () => {
    const ds = store.dataSource;
    // a store in use: 5,000 maps with done rows of four unranked metrics and of a ranked one
    // (version '1' here), each with its rank row: nothing is missing
    const n = 5000;
    await ds.query(
      `INSERT INTO maps (id, name, size_bytes, header, geometry, statistics, reported_resolution)
       SELECT 'e' || lpad(to_hex(i), 63, '0'), 'synthetic ' || i, 0, '{}', '{}', '{}', 5 FROM generate_series(1, $1::int) AS i`, [n]);
    await ds.query(
      `INSERT INTO metric_results (map_id, metric, params_hash, params, algorithm_version, state, result)
       SELECT 'e' || lpad(to_hex(i), 63, '0'), m, 'h', '{}', '1', 'done', jsonb_build_object('status', 'OK', 'bFactor', -i)
         FROM generate_series(1, $1::int) AS i, unnest(array['level0.mass', 'level0.inputData', 'level0.threshold', 'archive.views', 'level0.bfactor']) AS m`, [n]);
    await ds.query(
      `INSERT INTO metric_ranks (metric, profile, map_id, resolution, value)
       SELECT 'level0.bFactor.bFactor', 'standard', 'e' || lpad(to_hex(i), 63, '0'), 5, -i FROM generate_series(1, $1::int) AS i`, [n]);
    await ds.query('ANALYZE metric_results; ANALYZE metric_ranks; ANALYZE maps');
    const args = [['level0.bfactor', 'level0.mask'], ['1', '1'], ['level0.bFactor.bFactor', 'level0.mask.overlap'], ['bFactor', 'overlap'], null];
    const plan = (await queryRows<{ 'QUERY PLAN': string }>(ds, `EXPLAIN ${MISSING_RANKS_SQL}`, args)).map((p) => p['QUERY PLAN']).join('\n');
    expect(plan, plan).toMatch(/metric_results_done/);
    expect(plan, plan).not.toMatch(/Seq Scan on metric_results/);
    const t0 = performance.now();
    expect(await queryRows(ds, MISSING_RANKS_SQL, args)).toEqual([]);
    console.log(`[rank-startup.test] the pass over ${n} done ranked rows, nothing missing: ${(performance.now() - t0).toFixed(1)} ms\n${plan}`);
    // one of them loses its rank row: found, and only it
    await ds.query(`DELETE FROM metric_ranks WHERE map_id = 'e' || lpad(to_hex(77), 63, '0')`);
    const missing = await queryRows<{ map_id: string; resolution: number }>(ds, MISSING_RANKS_SQL, args);
    expect(missing.map((r) => [r.map_id, r.resolution])).toEqual([[`e${(77).toString(16).padStart(63, '0')}`, 5]]);
  }, 120_000);
});

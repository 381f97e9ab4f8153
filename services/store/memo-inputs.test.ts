/**
 * The memo key with inputs: rows stored before the MapInputs migration (map-only keys) are
 * still found after it by the same keys; keys that differ only in their inputs are separate
 * rows; a map-only key and a key with empty inputs are the same key.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { InitialSchema1764100000000 } from '../../migrations/1764100000000-InitialSchema.js';
import { openStore, paramsHash, type Store } from './index.js';
import { createScratchDatabase, type ScratchDatabase } from './testing.js';
import { sampleMap } from './testing.js';

const sha = () => randomBytes(32).toString('hex');

describe('memo keys with inputs', () => {
  let db: ScratchDatabase;
  let store: Store;
  const map = sampleMap();
  // a Level 0 key as services/compute forms it (only the parameters the metric declares)
  const levelZero = { mapId: map.id, metric: 'level0.mass', params: { threshold: 0.5, voxelSize: 1.5 }, version: '3;level0.masks=2' };

  beforeAll(async () => {
    db = await createScratchDatabase('vrs_test_memo_inputs');
    // The database as it was before inputs existed: the first migration only, and a done row.
    const old = new DataSource({ type: 'postgres', url: db.url, migrations: [InitialSchema1764100000000], logging: ['error'] });
    await old.initialize();
    await old.runMigrations({ transaction: 'all' });
    await old.query(`INSERT INTO maps (id, name, size_bytes, header, geometry, statistics) VALUES ($1, 'old.map', 10, '{}', '{}', '{}')`, [map.id]);
    await old.query(
      `INSERT INTO metric_results (map_id, metric, params_hash, params, algorithm_version, state, result, compute_millis, finished_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 'done', '{"stored": "before the migration"}', 12, now())`,
      [map.id, levelZero.metric, paramsHash(levelZero.params), JSON.stringify(levelZero.params), levelZero.version]);
    await old.destroy();
    store = await openStore({ url: db.url }); // runs the MapInputs migration
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('a row stored before the migration is found by the same map-only key (nothing computed)', async () => {
    let computed = 0;
    const outcome = await store.memo.getOrCompute(levelZero, async () => {
      computed++;
      return { result: { stored: 'now' } };
    });
    expect(computed).toBe(0);
    expect(outcome).toMatchObject({ fromCache: true, result: { stored: 'before the migration' }, computeMillis: 12 });
    expect(outcome.row).toMatchObject({ inputs: {}, inputsHash: '' });
    // an empty inputs record is the same key
    expect((await store.memo.getOrCompute({ ...levelZero, inputs: {} }, async () => ({ result: 'other' }))).result).toEqual({ stored: 'before the migration' });
    expect(await store.memo.getState(levelZero)).toMatchObject({ state: 'done' });
  });

  it('keys that differ only in their inputs are separate rows; the same inputs in another order are the same key', async () => {
    const [h1a, h2a, h1b] = [sha(), sha(), sha()];
    const key = (inputs: Record<string, string>) => ({ mapId: map.id, metric: 'level1.fsc', params: { profile: 'standard' }, version: '1', inputs });
    const a = await store.memo.getOrCompute(key({ half1: h1a, half2: h2a }), async () => ({ result: 'A' }));
    const b = await store.memo.getOrCompute(key({ half1: h1b, half2: h2a }), async () => ({ result: 'B' }));
    const none = await store.memo.getOrCompute({ ...key({}), inputs: undefined }, async () => ({ result: 'none' }));
    expect([a.fromCache, b.fromCache, none.fromCache]).toEqual([false, false, false]);
    const again = await store.memo.getOrCompute(key({ half2: h2a, half1: h1a }), async () => ({ result: 'recomputed' }));
    expect(again).toMatchObject({ fromCache: true, result: 'A' });
    const rows = (await store.memo.listResults(map.id)).filter((r) => r.metric === 'level1.fsc');
    expect(rows.map((r) => r.result).sort()).toEqual(['A', 'B', 'none']);
    expect(rows.find((r) => r.result === 'A')!.inputs).toEqual({ half1: h1a, half2: h2a });
    expect(rows.find((r) => r.result === 'none')!.inputsHash).toBe('');
    // enqueue and getState use the same key
    const queued = await store.memo.enqueue(key({ half1: h1b, half2: h1a }));
    expect(queued).toMatchObject({ state: 'queued', inputs: { half1: h1b, half2: h1a } });
    expect(await store.memo.getState(key({ half1: h1b, half2: h1a }))).toMatchObject({ state: 'queued' });
  });

  it('refuses an input that is not a SHA-256', async () => {
    await expect(store.memo.getOrCompute({ ...levelZero, inputs: { half1: 'not-a-hash' } }, async () => ({ result: 1 })))
      .rejects.toMatchObject({ code: 'BAD_PARAMETER' });
  });

  it('lookups use the unique key index (map, metric, params, version, inputs)', async () => {
    // a tiny table may be scanned: with sequential scans off, the unique key's index must serve the lookup
    const runner = store.dataSource.createQueryRunner();
    try {
      await runner.query('SET enable_seqscan = off');
      const plan: { 'QUERY PLAN': string }[] = await runner.query(
        `EXPLAIN SELECT * FROM metric_results WHERE map_id = $1 AND metric = $2 AND params_hash = $3 AND algorithm_version = $4 AND inputs_hash = $5`,
        [map.id, 'level0.mass', paramsHash(levelZero.params), levelZero.version, '']);
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/Index Scan using metric_results_key/);
    } finally {
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  });
});

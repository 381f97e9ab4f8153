import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type MemoKey, type Store } from './index.js';
import { memoCacheEntries } from './memo.js';
import { sampleMap } from './testing.js';
import { createScratchDatabase, type ScratchDatabase } from './testing.js';

// A fresh blob folder per run, removed at the end (nothing left in /tmp, nothing inherited).
const BLOBS = mkdtempSync(join(tmpdir(), 'vrs-test-blobs-'));

let scratch: ScratchDatabase;
let store: Store;
let other: Store; // another process on the same database
let mapId: string;

const key = (metric: string, params: unknown = { threshold: 0.5 }): MemoKey => ({ mapId, metric, params, version: '1' });

/** Counts the statements the memo sends to the pg pool (its hot path goes straight there). */
function countQueries(s: Store): { readonly count: number; restore(): void } {
  const pool = (s.dataSource.driver as unknown as { master: { query: (...a: unknown[]) => unknown } }).master;
  const original = pool.query;
  let count = 0;
  pool.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  return { get count() { return count; }, restore: () => { pool.query = original; } };
}

beforeAll(async () => {
  scratch = await createScratchDatabase();
  store = await openStore({ url: scratch.url, blobDir: BLOBS });
  other = await openStore({ url: scratch.url, blobDir: BLOBS });
  mapId = (await store.maps.insert(sampleMap())).map.id;
});
afterAll(async () => {
  await store?.close();
  await other?.close();
  await scratch?.drop();
  rmSync(BLOBS, { recursive: true, force: true });
});

describe('memo: done results in process', () => {
  it('a hit after the computation sends no statement to the database', async () => {
    let computations = 0;
    const compute = async () => ({ result: { value: ++computations } });
    const first = await store.memo.getOrCompute(key('hot'), compute);
    expect(first).toMatchObject({ fromCache: false, result: { value: 1 } });
    const counter = countQueries(store);
    try {
      for (let i = 0; i < 5; i++) {
        const again = await store.memo.getOrCompute(key('hot'), compute);
        expect(again).toMatchObject({ fromCache: true, result: { value: 1 }, computeMillis: first.computeMillis });
        expect(again.row.state).toBe('done');
      }
      expect(counter.count).toBe(0);
    } finally {
      counter.restore();
    }
    expect(computations).toBe(1);
  });

  it('a result another process computed is read once, then served from memory', async () => {
    await other.memo.getOrCompute(key('theirs'), async () => ({ result: 'from the other process' }));
    const counter = countQueries(store);
    try {
      const a = await store.memo.getOrCompute(key('theirs'), async () => ({ result: 'never' }));
      const b = await store.memo.getOrCompute(key('theirs'), async () => ({ result: 'never' }));
      expect(a).toMatchObject({ fromCache: true, result: 'from the other process' });
      expect(b).toMatchObject({ fromCache: true, result: 'from the other process' });
      expect(counter.count).toBe(1); // the first read only
    } finally {
      counter.restore();
    }
  });

  it('a failure is not kept: the next request retries and stores its result', async () => {
    const failing = store.memo.getOrCompute(key('flaky'), async () => { throw new Error('boom'); });
    await expect(failing).rejects.toThrow('boom');
    const retried = await store.memo.getOrCompute(key('flaky'), async () => ({ result: 'ok now' }));
    expect(retried).toMatchObject({ fromCache: false, result: 'ok now' });
  });

  it('different parameters or versions are different entries', async () => {
    await store.memo.getOrCompute(key('params', { threshold: 1 }), async () => ({ result: 1 }));
    const other2 = await store.memo.getOrCompute(key('params', { threshold: 2 }), async () => ({ result: 2 }));
    const v2 = await store.memo.getOrCompute({ ...key('params', { threshold: 1 }), version: '2' }, async () => ({ result: 'v2' }));
    expect(other2.result).toBe(2);
    expect(v2.result).toBe('v2');
    expect((await store.memo.getOrCompute(key('params', { threshold: 1 }), async () => ({ result: 'x' }))).result).toBe(1);
  });

  it('its size comes from VRS_MEMO_CACHE_ENTRIES (0 turns it off)', () => {
    expect(memoCacheEntries({})).toBe(5000);
    expect(memoCacheEntries({ VRS_MEMO_CACHE_ENTRIES: '0' })).toBe(0);
    expect(memoCacheEntries({ VRS_MEMO_CACHE_ENTRIES: 'many' })).toBe(5000);
  });
});

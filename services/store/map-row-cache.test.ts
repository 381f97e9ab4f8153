import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './index.js';
import { jsonbSafe } from './maps-repository.js';
import { sampleMap } from './testing.js';
import { createScratchDatabase, type ScratchDatabase } from './testing.js';

// A fresh blob folder per run, removed at the end (nothing left in /tmp, nothing inherited).
const BLOBS = mkdtempSync(join(tmpdir(), 'vrs-test-blobs-'));

let scratch: ScratchDatabase;
let a: Store;
let b: Store;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  a = await openStore({ url: scratch.url, blobDir: BLOBS });
  b = await openStore({ url: scratch.url, blobDir: BLOBS });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await scratch?.drop();
  rmSync(BLOBS, { recursive: true, force: true });
});

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Reads until the cache is listening and holds the row (the first reads go to the table). */
async function cached(store: Store, id: string): Promise<void> {
  await until(async () => {
    await store.maps.get(id);
    return store.maps.cache.get(id) !== undefined;
  });
}

describe('map rows: jsonb safety in one place', () => {
  it('drops NULs of raw text fields and turns typed arrays and bigints into JSON', async () => {
    // EXTTYP, MAP and labels as an MRC file holds them: NUL-padded (jsonb refuses U+0000)
    const header = { exttyp: 'MRCO\u0000', map: 'MAP\u0000', labels: ['made\u0000 by', '\u0000\u0000'], machst: new Uint8Array([68, 65, 0, 0]), nsymbt: 0n };
    const map = sampleMap({ header, emdb: { title: 'a\u0000b' } });
    await a.maps.insert(map);
    const row = (await b.maps.get(map.id))!;
    expect(row.header).toEqual({ exttyp: 'MRCO', map: 'MAP', labels: ['made by', ''], machst: [68, 65, 0, 0], nsymbt: 0 });
    expect(row.emdb).toEqual({ title: 'ab' });
    await a.maps.updateMetadata(map.id, { emdb: { title: 'c\u0000d' } });
    // What the table holds now (b's cached row would see the update only once a's NOTIFY arrives).
    expect(await b.dataSource.query('SELECT emdb FROM maps WHERE id = $1', [map.id])).toEqual([{ emdb: { title: 'cd' } }]);
  });

  it('jsonbSafe keeps plain JSON as it is', () => {
    const v = { a: 1, b: [1.5, 'x', null], c: { d: true } };
    expect(jsonbSafe(v)).toEqual(v);
  });
});

describe('map row cache', () => {
  it('serves a cached row without a query, and sees another process change it', async () => {
    const map = sampleMap({ contourLevel: 0.5 });
    await a.maps.insert(map);
    await cached(a, map.id);
    // the table changes behind the cache's back (no NOTIFY): the cached row is what a sees
    await b.dataSource.query('UPDATE maps SET name = $2 WHERE id = $1', [map.id, 'behind-the-back.map']);
    expect((await a.maps.get(map.id))!.name).toBe('sample.map');
    // a change through the repository of another process reaches a by NOTIFY
    await b.maps.updateMetadata(map.id, { contourLevel: 0.75 });
    await until(async () => (await a.maps.get(map.id))!.contourLevel === 0.75);
    expect((await a.maps.get(map.id))!.name).toBe('behind-the-back.map'); // re-read from the table
  });

  it('a process sees its own change at once', async () => {
    const map = sampleMap({ contourLevel: 0.5 });
    await a.maps.insert(map);
    await cached(a, map.id);
    await a.maps.updateMetadata(map.id, { reportedResolution: 3.5 });
    expect((await a.maps.get(map.id))!.reportedResolution).toBe(3.5);
  });

  it('a removed map is gone for every process', async () => {
    const map = sampleMap();
    await a.maps.insert(map);
    await cached(a, map.id);
    await cached(b, map.id);
    expect(await b.maps.remove(map.id)).toBe(true);
    expect(await b.maps.get(map.id)).toBeNull();
    await until(async () => (await a.maps.get(map.id)) === null);
  });

  it('unknown ids are not cached (a later registration is seen)', async () => {
    const map = sampleMap();
    expect(await a.maps.getMany([map.id, map.id])).toEqual([null, null]);
    await b.maps.insert(map);
    expect((await a.maps.get(map.id))?.id).toBe(map.id);
  });
});

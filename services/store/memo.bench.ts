/**
 * Memo costs on the configured database (DATABASE_URL, else the embedded default):
 * a stored hit, a miss with an empty computation (claim + store + notify), a map read; a
 * stored hit read from the database (the in-process cache bypassed) for a map-only key and
 * for a key with inputs (half maps), and the lookup of a map's attached inputs that a metric
 * reading them costs on top. The bench map and its rows are removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { BenchRow } from '../../e2e/bench/run.js';
import { openStore } from './index.js';
import { MetricMemo } from './memo.js';
import { sampleMap } from './testing.js';

export const name = 'metric store (memo)';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeEach(count: number, body: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await body(i);
    out.push((performance.now() - t) / 1000);
  }
  return out;
}

export async function run(): Promise<BenchRow[]> {
  const store = await openStore();
  const map = sampleMap({ name: 'bench.map' });
  await store.maps.insert(map);
  try {
    const key = (metric: string) => ({ mapId: map.id, metric, params: { threshold: 0.5, profile: 'standard' }, version: '1' });
    const noop = async () => ({ result: { value: 1, table: Array.from({ length: 50 }, (_, i) => i) } });
    await store.memo.getOrCompute(key('hit'), noop);
    await timeEach(200, () => store.memo.getOrCompute(key('hit'), noop)); // warm-up
    const hits = await timeEach(2000, () => store.memo.getOrCompute(key('hit'), noop));
    const misses = await timeEach(200, (i) => store.memo.getOrCompute(key(`miss-${i}`), noop));
    const reads = await timeEach(1000, () => store.maps.get(map.id));

    // 20 concurrent callers, distinct processes' worth of in-flight sharing disabled by distinct keys.
    for (let i = 0; i < 20; i++) await store.memo.getOrCompute(key(`conc-${i}`), noop);
    const rounds = 100;
    const t = performance.now();
    for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: 20 }, (_, i) => store.memo.getOrCompute(key(`conc-${i}`), noop)));
    const perHit = (performance.now() - t) / 1000 / (rounds * 20);

    // Stored hits that reach the database (no in-process cache): map-only vs with inputs.
    const url = (store.dataSource.options as { url?: string }).url ?? process.env.DATABASE_URL ?? '';
    const saved = process.env.VRS_MEMO_CACHE_ENTRIES;
    process.env.VRS_MEMO_CACHE_ENTRIES = '0';
    const uncached = new MetricMemo(store.dataSource, url, store.where);
    if (saved === undefined) delete process.env.VRS_MEMO_CACHE_ENTRIES;
    else process.env.VRS_MEMO_CACHE_ENTRIES = saved;
    const sha = () => randomBytes(32).toString('hex');
    const halves = { half1: sha(), half2: sha() };
    const withInputs = { ...key('level1.hit'), inputs: halves };
    await uncached.getOrCompute(withInputs, noop);
    await uncached.getOrCompute(key('hit'), noop);
    await timeEach(200, () => uncached.getOrCompute(key('hit'), noop));
    const dbHits = await timeEach(2000, () => uncached.getOrCompute(key('hit'), noop));
    await timeEach(200, () => uncached.getOrCompute(withInputs, noop));
    const dbInputHits = await timeEach(2000, () => uncached.getOrCompute(withInputs, noop));
    await store.inputs.attach(map.id, (['half1', 'half2'] as const).map((role) => ({ role, sha256: halves[role], name: `${role}.mrc`, sizeBytes: 1, path: `/nowhere/${role}.mrc`, info: {} })));
    await timeEach(200, () => store.inputs.refs(map.id));
    const refs = await timeEach(2000, () => store.inputs.refs(map.id));
    await uncached.close();

    const where = store.embedded ? 'embedded' : 'DATABASE_URL';
    const ms = (s: number) => `${(s * 1000).toFixed(3)} ms`;
    return [
      { operation: 'getOrCompute, stored hit from the database, map-only key', size: '1 row', medianSeconds: median(dbHits), threads: 1, note: `${where}, in-process cache off, ${ms(median(dbHits))}, n=2000` },
      { operation: 'getOrCompute, stored hit from the database, key with inputs', size: '1 row', medianSeconds: median(dbInputHits), threads: 1, note: `${where}, in-process cache off, ${ms(median(dbInputHits))}, n=2000` },
      { operation: "map_inputs lookup (a metric's inputs)", size: '2 rows', medianSeconds: median(refs), threads: 1, note: `${where}, ${ms(median(refs))}, n=2000` },
      { operation: 'getOrCompute, stored hit (sequential)', size: '1 row', medianSeconds: median(hits), threads: 1, note: `${where}, n=2000` },
      { operation: 'getOrCompute, miss with empty compute', size: '1 row', medianSeconds: median(misses), threads: 1, note: `${where}, claim+store+notify, n=200` },
      { operation: 'maps.get', size: '1 row', medianSeconds: median(reads), threads: 1, note: `${where}, n=1000` },
      { operation: 'getOrCompute, stored hit, 20 concurrent', size: '20 keys', medianSeconds: perHit, threads: 1, note: `mean per call; ${Math.round(1 / perHit)} calls/s` },
    ];
  } finally {
    await store.maps.remove(map.id);
    await store.close();
  }
}

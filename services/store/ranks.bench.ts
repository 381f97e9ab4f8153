/**
 * Rank query latency (issue 20: "answers in milliseconds for 100,000 maps"): 10,000 and
 * 100,000 synthetic maps in a scratch database of DATABASE_URL's server, 300 rank queries each
 * at random maps' resolutions and values; median and p90 wall time of RankStore.ranks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from '../../e2e/bench/run.js';
import { openStore } from './index.js';
import { RankStore } from './ranks.js';
import { SYNTHETIC_METRIC, seedRanks } from './ranks.testing.js';
import { createScratchDatabase } from './testing.js';

export const name = 'ranking';

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [10_000, 100_000]) {
    const scratch = await createScratchDatabase('vrs_rank_bench');
    const blobs = mkdtempSync(join(tmpdir(), 'vrs-rank-bench-'));
    const store = await openStore({ url: scratch.url, blobDir: blobs });
    try {
      const data = await seedRanks(store.dataSource, 20, n);
      const ranks = new RankStore(store.dataSource);
      const times: number[] = [];
      for (let k = 0; k < 300; k++) {
        const i = (k * 7919) % n;
        const t0 = performance.now();
        await ranks.ranks(data.resolution[i]!, 'standard', [{ metric: SYNTHETIC_METRIC, value: data.value[i]!, path: 'bFactor', label: 'B', unit: 'Å²', better: null }]);
        times.push((performance.now() - t0) / 1000);
      }
      times.sort((a, b) => a - b);
      rows.push({ operation: 'rank of one number (bin count)', size: `${n} maps`, medianSeconds: times[150]!, threads: 1, note: `p90 ${(times[270]! * 1000).toFixed(2)} ms` });
    } finally {
      await store.close();
      await scratch.drop();
      rmSync(blobs, { recursive: true, force: true });
    }
  }
  return rows;
}

/**
 * `npm run bench -- pool`: what it costs to hand a map to a worker. A no-op metric's round
 * trip through the pool with a 2³ map and with a 400³ map (256 MB): with the voxels on a
 * SharedArrayBuffer both cost the same (the memory is shared, not copied); for comparison,
 * one memcpy of the 256 MB, the least any copy to a worker would cost (a structured clone
 * through postMessage costs more).
 */
import { performance } from 'node:perf_hooks';
import type { BenchRow } from '../e2e/bench/run.js';
import { MetricPool } from './pool.js';
import { sharedFloat32, type Volume } from './volume.js';

export const name = 'pool';

const TEST_METRICS = new URL('./testing/pool-test-metrics.js', import.meta.url).href;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function cube(n: number): Volume {
  return { nx: n, ny: n, nz: n, data: sharedFloat32(n * n * n), voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } };
}

export async function run(): Promise<BenchRow[]> {
  const pool = new MetricPool({ metricModules: [TEST_METRICS] });
  const rows: BenchRow[] = [];
  try {
    const roundTrip = async (v: Volume, repeats = 21) => {
      const t: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        await pool.run({ metric: 'test.noop', mapId: '0'.repeat(64), volume: v, params: {}, blobRoot: '/nonexistent' });
        t.push((performance.now() - t0) / 1000);
      }
      return median(t);
    };
    await roundTrip(cube(2), 10); // start and warm the workers
    rows.push({ operation: 'no-op task round trip (shared map)', size: '2³', medianSeconds: await roundTrip(cube(2)), threads: pool.threads });
    rows.push({ operation: 'no-op task round trip (shared map)', size: '400³ (256 MB)', medianSeconds: await roundTrip(cube(400)), threads: pool.threads });
    const copy: number[] = [];
    const plain = new Float32Array(400 ** 3);
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      plain.slice();
      copy.push((performance.now() - t0) / 1000);
    }
    rows.push({ operation: 'memcpy of the voxels (the least a copy would cost)', size: '400³ (256 MB)', medianSeconds: median(copy), threads: 1 });
  } finally {
    await pool.close();
  }
  return rows;
}

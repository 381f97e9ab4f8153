/**
 * Test metrics that read inputs by role (loaded as an extra metric module, like
 * pool-test-metrics.ts): the correlation of the two half maps, a metric that only depends on
 * it (its memo key must still hold the half maps' SHA-256), and one that reads the model.
 * Each computation is counted in VRS_TEST_COUNTER_DIR/<name>.count (workers are threads).
 */
import { inputModel, inputVolume } from '../metrics/inputs.js';
import type { MetricDefinition } from '../metrics/types.js';

type Def = MetricDefinition<unknown, { threshold?: number }>;

async function count(name: string): Promise<void> {
  const dir = process.env.VRS_TEST_COUNTER_DIR;
  if (!dir) return;
  const { appendFileSync } = await import('node:fs');
  appendFileSync(`${dir}/${name}.count`, 'x');
}

/** Pearson correlation of two equally long arrays (float64 sums). */
function pearson(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]!; mb += b[i]!; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

const halfCorrelation: Def = {
  name: 'test.halfCorrelation',
  version: '1',
  dependsOn: [],
  keyParams: [],
  inputs: ['map', 'half1', 'half2'],
  compute: async (ctx) => {
    await count('test.halfCorrelation');
    const h1 = inputVolume(ctx, 'half1'), h2 = inputVolume(ctx, 'half2');
    return {
      r: pearson(h1.data, h2.data),
      /** the map's correlation with the halves' average: the inputs are told apart */
      mapVsAverage: pearson(ctx.volume.data, h1.data.map((v, i) => (v + h2.data[i]!) / 2)),
      shared: [ctx.volume, h1, h2].every((v) => v.data.buffer instanceof SharedArrayBuffer),
    };
  },
};

/** Declares only the map, but depends on the half maps through its dependency. */
const halfDerived: Def = {
  name: 'test.halfDerived',
  version: '1',
  dependsOn: ['test.halfCorrelation'],
  keyParams: [],
  compute: async (ctx) => {
    await count('test.halfDerived');
    const dep = ctx.deps['test.halfCorrelation'] as { r: number };
    return { fscLike: (2 * dep.r) / (1 + dep.r) };
  },
};

const modelAtoms: Def = {
  name: 'test.modelAtoms',
  version: '1',
  dependsOn: [],
  keyParams: [],
  inputs: ['map', 'model'],
  compute: async (ctx) => {
    await count('test.modelAtoms');
    const m = inputModel(ctx);
    let cx = 0, cy = 0, cz = 0;
    for (let i = 0; i < m.atomCount; i++) { cx += m.x[i]!; cy += m.y[i]!; cz += m.z[i]!; }
    return {
      atoms: m.atomCount, chains: m.chains, format: m.format,
      centroid: { x: cx / m.atomCount, y: cy / m.atomCount, z: cz / m.atomCount },
      shared: m.x.buffer instanceof SharedArrayBuffer,
    };
  },
};

export const metrics: Def[] = [halfCorrelation, halfDerived, modelAtoms];

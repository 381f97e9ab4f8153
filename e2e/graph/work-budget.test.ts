/**
 * Work amplification (issue 18.4): one request naming bFactor under many aliases, each at
 * another resolution, starts at most one full validation's worth of uncomputed work (the
 * declared costs of every registered metric); the fields beyond it fail alone with
 * WORK_BUDGET_EXCEEDED, which says to use startLevel0. Stored results cost nothing: the same
 * request again computes the next batch. Level 0's stub metrics keep it fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { loadRegistry } from '../../worker-pool/metrics/registry.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';
import { fullValidationCost } from '../../services/compute/work-budget.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

const STUBS = new URL('../../worker-pool/testing/level0-stub-metrics.js', import.meta.url).href;
process.env.VRS_METRIC_MODULES = STUBS; // before the stack's registry and pool are made

let stack: TestStack;
let mapId: string;
let budget: number;

beforeAll(async () => {
  stack = await startTestStack({ maxAliases: 500, maxCost: 1_000_000, maxTokens: 100_000 });
  const n = 16;
  const data = sharedFloat32(n ** 3).map((_, i) => Math.sin(i));
  const bytes = writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
  const res = await fetch(`${stack.app.url}/maps/budget.map`, { method: 'PUT', body: bytes });
  mapId = ((await res.json()) as { id: string }).id;
  budget = fullValidationCost(await loadRegistry([STUBS]));
});
afterAll(async () => {
  await stack?.stop();
  delete process.env.VRS_METRIC_MODULES;
});

/** bFactor under `count` aliases at resolutions 4.00, 4.01, … Å (each its own memo key; the stub bFactor depends on nothing). */
const aliases = (count: number) =>
  `query($id: ID!) { map(id: $id) { ${Array.from({ length: count }, (_, i) => `r${i}: level0(threshold: 0.5, resolution: ${(4 + i / 100).toFixed(2)}) { bFactor { status } }`).join(' ')} } }`;

const bFactorRows = async () =>
  (await stack.app.backend.store.memo.listResults(mapId)).filter((r) => r.metric === 'level0.bFactor' && r.state === 'done').length;

describe('a request\'s budget of uncomputed work', () => {
  it('computes one full validation\'s worth of aliases, refuses the rest with WORK_BUDGET_EXCEEDED naming startLevel0; cached results cost nothing', async () => {
    const perRequest = Math.floor(budget); // each alias: one uncomputed bFactor of declared cost 1
    expect(perRequest).toBeGreaterThanOrEqual(9); // one full validation: at least Level 0's nine sections
    const count = 2 * perRequest + 3;
    const first = await stack.gql(aliases(count), { id: mapId });
    const refused = (first.errors ?? []).filter((e) => e.extensions?.code === 'WORK_BUDGET_EXCEEDED');
    expect(refused.length).toBe(count - perRequest);
    expect(first.errors!.length).toBe(refused.length); // nothing else failed
    expect(refused[0].message).toMatch(/startLevel0/);
    expect(refused[0].path.at(-1)).toBe('bFactor');
    const answered = Object.values(first.data!.map as Record<string, { bFactor: unknown }>).filter((l) => l.bFactor !== null);
    expect(answered.length).toBe(perRequest);
    expect(await bFactorRows()).toBe(perRequest); // nothing beyond the budget started

    // the same request again: the stored ones are free, the budget computes the next batch
    const second = await stack.gql(aliases(count), { id: mapId });
    expect((second.errors ?? []).length).toBe(count - 2 * perRequest);
    expect(await bFactorRows()).toBe(2 * perRequest);

    // only cached fields: no refusal at all, however many
    const cached = await stack.gql(aliases(2 * perRequest), { id: mapId });
    expect(cached.errors).toBeUndefined();
  });

  it('startLevel0 is the way: it is not charged to the budget', async () => {
    const starts = Array.from({ length: 3 }, (_, i) => `s${i}: startLevel0(mapId: $id, threshold: 0.5, resolution: ${(7 + i / 10).toFixed(1)}) { section }`).join(' ');
    const r = await stack.gql(`mutation($id: ID!) { ${starts} }`, { id: mapId });
    expect(r.errors).toBeUndefined();
  });
});

/**
 * Level 0's stub metrics (level0-stub-metrics.ts), each taking VRS_TEST_STUB_DELAY_MS (default
 * 1000) before it answers and writing its name to VRS_TEST_COMPUTE_LOG (a line per computation,
 * when set): a run that lasts long enough to be interrupted, and a count of what it computed.
 * Loaded after the stubs in VRS_METRIC_MODULES (same names and versions: it replaces them).
 */
import { appendFileSync } from 'node:fs';
import { metrics as stubs } from './level0-stub-metrics.js';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const metrics = stubs.map((m) => ({
  ...m,
  async compute(ctx: Parameters<typeof m.compute>[0]) {
    await delay(Number(process.env.VRS_TEST_STUB_DELAY_MS ?? 1000));
    if (process.env.VRS_TEST_COMPUTE_LOG) appendFileSync(process.env.VRS_TEST_COMPUTE_LOG, `${m.name}\n`);
    return m.compute(ctx);
  },
}));

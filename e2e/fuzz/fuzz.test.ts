/**
 * A bounded slice of the fuzz harness (the whole run: node dist/e2e/fuzz/run.js, README):
 * 500 mutated maps through vrs inspect and 8 through vrs validate (4 the reader accepts, 4 it
 * refuses) with a per-file limit: no internal error, no hang, no stack trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import { writeFileSync } from 'node:fs';
import { describeCounts, fuzzInspect, fuzzValidate } from './harness.js';
import { mutatedMap } from './mutate.js';

const SEED = 20261203;
const dir = mkdtempSync(join(tmpdir(), 'vrs-fuzz-test-'));
let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase('vrs_fuzz');
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('fuzz slice', () => {
  it('the same seed and index make the same file', () => {
    expect(mutatedMap(SEED, 17).bytes.equals(mutatedMap(SEED, 17).bytes)).toBe(true);
    expect(mutatedMap(SEED, 17).bytes.equals(mutatedMap(SEED, 18).bytes)).toBe(false);
  });

  it('500 mutated maps through vrs inspect: each read or refused with an input code', async () => {
    const counts = await fuzzInspect(join(dir, 'inspect'), SEED, 500);
    console.log(describeCounts('vrs inspect', counts));
    expect(counts.findings).toEqual([]);
    expect(counts.accepted).toBeGreaterThan(50); // the mutations leave some maps readable…
    expect(Object.keys(counts.refused).length).toBeGreaterThan(5); // …and refuse others in many ways
  });

  it('8 of them through vrs validate, each within 120 s: exit 0 or 2, never 1, no stack trace', async () => {
    const accepted: number[] = [];
    const refused: number[] = [];
    for (let index = 0; accepted.length < 4 || refused.length < 4; index++) {
      const path = join(dir, 'probe.map');
      writeFileSync(path, mutatedMap(SEED, index).bytes);
      const ok = await readMapFile(path).then(() => true, () => false);
      if (ok && accepted.length < 4) accepted.push(index);
      if (!ok && refused.length < 4) refused.push(index);
    }
    const counts = await fuzzValidate(join(dir, 'validate'), SEED, [...accepted, ...refused], { DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, 'data') }, { limitMs: 120_000 });
    console.log(describeCounts('vrs validate', counts));
    expect(counts.findings).toEqual([]);
    expect(counts.files).toBe(8);
  });
});

/**
 * A section that fails does not take the others down (README "Server and GraphQL"): with 0.h's
 * metric replaced by one that always fails (worker-pool/testing/failing-hand.ts), `vrs validate`
 * exits 0, prints 0.h FAILED with its code, writes it FAILED in the JSON outside the score, and
 * the PDF prints it as "could not be measured" with the code, among the sections that were; in
 * GraphQL its field is null with the error on it alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { pdfText } from '../testing/pdf-reading.js';
import { startTestStack, type TestStack } from '../testing/stack.js';
import { runVrs } from '../testing/vrs.js';

const FAILING = join(REPO_ROOT, 'dist/worker-pool/testing/failing-hand.js');
const MAP = join(REPO_ROOT, '../shared/data/real/maps/emd_5625.map');

describe('a failed section among the others', () => {
  let db: ScratchDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createScratchDatabase('vrs_failed');
    dir = mkdtempSync(join(tmpdir(), 'vrs-failed-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is FAILED with its code in the table, the JSON, the summary and the PDF; the others are measured', async () => {
    const run = await runVrs(['validate', MAP, '--resolution', '12', '--json', 'out.json', '--pdf', 'out.pdf'], dir,
      { DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), VRS_METRIC_MODULES: FAILING });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}0\.h Hand +FAILED .*\[THRESHOLD_EMPTY_MASK\] The test module failing-hand\.ts refuses/m);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(json.hand).toMatchObject({ id: '0.h', status: 'FAILED', statusReason: expect.stringContaining('[THRESHOLD_EMPTY_MASK]') });
    expect(json.mass.status).toMatch(/^(OK|WARNING)$/);
    expect(json.background.status).toMatch(/^(OK|WARNING)$/);
    const hand = json.summary.sections.find((s: { id: string }) => s.id === '0.h');
    expect(hand).toMatchObject({ status: 'FAILED', counted: false });
    const text = pdfText(join(dir, 'out.pdf')).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('2.8 Level 0.h Hand');
    expect(text).toContain('Could not be measured: [THRESHOLD_EMPTY_MASK] The test module failing-hand.ts refuses to measure the hand.');
    expect(text).toContain('2.1 Level 0.a Mass analysis');
    expect(text).toMatch(/The space from the left and right in X are/); // 0.a was measured and printed
  }, 240_000);

  describe('in GraphQL', () => {
    let stack: TestStack;
    beforeAll(async () => {
      process.env.VRS_METRIC_MODULES = FAILING;
      stack = await startTestStack();
    });
    afterAll(async () => {
      await stack?.stop();
      delete process.env.VRS_METRIC_MODULES;
    });

    it('its field is null with the error (code, path) on it alone; its siblings and the summary resolve', async () => {
      const reg = await stack.gql(`mutation { registerMap(input: { path: "emd_5625.map" }) { id } }`);
      expect(reg.errors).toBeUndefined();
      const answer = await stack.gql(`query($id: ID!) { map(id: $id) { level0(resolution: 12) { mass { status } hand { status } summary { sections { id status counted } } } } }`, { id: reg.data.registerMap.id });
      const level0 = answer.data.map.level0;
      expect(level0.hand).toBeNull();
      expect(level0.mass.status).toMatch(/^(OK|WARNING)$/);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]).toMatchObject({ path: ['map', 'level0', 'hand'], extensions: { code: 'THRESHOLD_EMPTY_MASK' } });
      expect(level0.summary.sections.find((s: { id: string }) => s.id === '0.h')).toMatchObject({ status: 'FAILED', counted: false });
    }, 240_000);
  });
});

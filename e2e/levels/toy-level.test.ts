/**
 * Issue 11's promise: a section is its folder + its report file + one list entry. The toy level
 * of worker-pool/testing/toy-level (one section, T.a, that reads the map's maximum and mean) is
 * loaded as a plug-in (VRS_METRIC_MODULES) and must appear, with nothing else written for it, in
 * the CLI table, the JSON and the PDF of `vrs validate` (its report file is
 * report-renderer/sections/toy/check.ts), and in GraphQL (`Map.toy`, composed at start).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { startTestStack, type TestStack } from '../testing/stack.js';
import { pdfText } from '../testing/pdf-reading.js';
import { runVrs } from '../testing/vrs.js';

const TOY = join(REPO_ROOT, 'dist/worker-pool/testing/toy-level/level.js');

/** 24³ Gaussian blob, peak exactly 1 at the centre voxel: maximum 1, mean = the sum over 24³. */
function blob(): { bytes: Uint8Array; mean: number } {
  const n = 24;
  const data = sharedFloat32(n * n * n);
  let sum = 0;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    const v = Math.fround(Math.exp(-((x - 12) ** 2 + (y - 12) ** 2 + (z - 12) ** 2) / 18));
    data[x + n * (y + n * z)] = v;
    sum += v;
  }
  return { bytes: writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 2, y: 2, z: 2 }, origin: { x: 0, y: 0, z: 0 } }), mean: sum / n ** 3 };
}

describe('a toy level declared in two files and one list entry', () => {
  let db: ScratchDatabase;
  let dir: string;
  const map = blob();
  beforeAll(async () => {
    db = await createScratchDatabase('vrs_toy');
    dir = mkdtempSync(join(tmpdir(), 'vrs-toy-'));
    writeFileSync(join(dir, 'blob.map'), map.bytes);
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appears in the CLI table, the summary, the JSON and the PDF report of vrs validate', async () => {
    const run = await runVrs(['validate', 'blob.map', '--threshold', '0.1', '--json', 'out.json', '--pdf', 'out.pdf'], dir,
      { DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), VRS_METRIC_MODULES: TOY });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}T\.a Toy check +OK/m);
    expect(run.stdout).toContain('Summary (Toy analysis)');
    // numbered after Level 0's chapter 2, Level 1's 3, Level A's 4 and the archive checks' 5: the toy level is chapter 6
    expect(run.stderr).toMatch(/T\.a Toy check +done/);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(json.toy.check).toMatchObject({ id: 'T.a', status: 'OK', maximum: 1, voxels: 24 ** 3 });
    expect(json.toy.check.mean).toBeCloseTo(map.mean, 6);
    expect(json.toy.summary).toMatchObject({ score: 1, evaluable: 1, abstract: ['The toy check passed.'] });
    // Level 0 is unchanged beside it
    expect(json.mass.id).toBe('0.a');
    // the report: a chapter after Level 0's, in the contents and in the body, with its template's sentence;
    // chapters keep their declared numbers, so Levels 1 and A (3 and 4; this map has neither half maps nor a model) are not printed
    const text = pdfText(join(dir, 'out.pdf')).join('\n');
    expect(text).toMatch(/^\s*6\s+Toy analysis\s+\d+\s*$/m); // contents row with its page
    expect(text).toMatch(/^\s*6\.1\s+Level T\.a Toy check\s+\d+\s*$/m);
    expect(text).toMatch(/^\s*6\.1 Level T\.a Toy check\s*$/m); // the heading
    expect(text).not.toMatch(/Level 1 analysis|Global resolution|Level A analysis/);
    expect(text).toContain('The toy maximum is 1.0000');
    expect(json.summary.sections.map((s: { id: string }) => s.id)).toEqual(['0.a', '0.b', '0.c', '0.d', '0.e', '0.f', '0.g', '0.h']);
  }, 180_000);

  describe('in GraphQL', () => {
    let stack: TestStack;
    beforeAll(async () => {
      process.env.VRS_METRIC_MODULES = TOY;
      stack = await startTestStack();
    });
    afterAll(async () => {
      await stack?.stop();
      delete process.env.VRS_METRIC_MODULES;
    });

    it('Map.toy { check } is computed lazily and memoized; its summary counts it', async () => {
      const reg = await stack.gql(`mutation { registerMap(input: { path: "emd_5625.map" }) { id statistics { max mean } } }`);
      expect(reg.errors).toBeUndefined();
      const { id, statistics } = reg.data.registerMap;
      const q = `query($id: ID!) { map(id: $id) { toy(threshold: 0.5) { threshold check { id title status maximum mean fromCache } summary { score evaluable sections { id } } } } }`;
      const first = await stack.gql(q, { id });
      expect(first.errors).toBeUndefined();
      const toy = first.data.map.toy;
      expect(toy.check).toMatchObject({ id: 'T.a', title: 'T.a Toy check', fromCache: false });
      expect(toy.check.maximum).toBeCloseTo(statistics.max, 5);
      expect(toy.check.mean).toBeCloseTo(statistics.mean, 5);
      expect(toy.summary.sections.map((s: { id: string }) => s.id)).toEqual(['T.a']);
      const second = await stack.gql(q, { id });
      expect(second.data.map.toy.check.fromCache).toBe(true);
      const status = await stack.gql(`query($id: ID!) { toyStatus(mapId: $id, threshold: 0.5) { section state } }`, { id });
      expect(status.data.toyStatus).toEqual([{ section: 'check', state: 'DONE' }]);
    }, 180_000);
  });
});

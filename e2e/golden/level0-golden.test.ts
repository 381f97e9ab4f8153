/**
 * Level 0's output does not change when the code around it is restructured: `vrs validate
 * --json` on every real map of ../shared/data/real/maps, in both profiles, equals the golden
 * files recorded before the levels/sections refactor (issue 11; e2e/golden/level0/, written by
 * `vrs validate … --json` at commit 39382aa), and so does the summary it prints; so does the
 * text of emd_1997's PDF (pdftotext -layout), but for its date. Only the
 * computation times differ between runs (computeMillis, the table's Time column).
 *
 * A deliberate change of Level 0's output is recorded by running this file with
 * VRS_GOLDEN_RECORD=1 (it then writes the files instead of comparing: review the diff, and say
 * in the commit which lines changed and why). Re-recorded for issue 17 (threshold and
 * resolution wording, report layout).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { runVrs } from '../testing/vrs.js';

const MAPS = join(REPO_ROOT, '../shared/data/real/maps');
/** Writes the golden files from this run instead of comparing (a deliberate change of the output). */
const RECORD = process.env.VRS_GOLDEN_RECORD === '1';
const GOLDEN = join(REPO_ROOT, 'e2e/golden/level0');

/** The options each map was validated with (what its EMDB entry or its README says). */
const CASES: [string, string[]][] = [
  ['EMD-3197.map', ['--resolution', '30']],
  ['EMD-3001.map', []],
  ['emd_1832.map', ['--resolution', '20']],
  ['emd_5625.map', ['--resolution', '12']],
  ['emd_1997.map', ['--emdb-header', join(MAPS, 'emd_1997_header.xml')]],
  ['emd_5168.map', ['--resolution', '6']],
  ['emd_5168_monomer.mrc', ['--resolution', '6']],
  ['emd_5170.map', ['--resolution', '8']],
  ['ngl_betaGal.mrc', ['--resolution', '8']],
  ['ngl_betaGal_localResolution.mrc', []],
  ['ngl_ribocut4a.mrc', ['--resolution', '4', '--threshold', '3000']],
];

/** computeMillis is the time a computation took: the only number that may differ. */
function withoutTimes(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutTimes);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'computeMillis' ? null : withoutTimes(v)]));
  return x;
}

// the Time column's width follows its longest entry: spaces are compared as one
const tableTimes = (s: string) => s.replace(/\d+\.\d\d s|cached/g, 'T').replace(/ +/g, ' ');

describe('Level 0 output equals the golden files (every real map, both profiles)', () => {
  let db: ScratchDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createScratchDatabase('vrs_golden');
    dir = mkdtempSync(join(tmpdir(), 'vrs-golden-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const vrs = (args: string[]) => runVrs(['validate', ...args], dir, { DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), VRS_METRIC_MODULES: '' });

  for (const profile of ['standard', 'vrs-2024']) {
    for (const [file, options] of CASES) {
      it(`${file} (${profile})`, async () => {
        const out = join(dir, `${file}.${profile}.json`);
        const run = await vrs([join(MAPS, file), ...options, '--profile', profile, '--json', out]);
        const golden = join(GOLDEN, `${file}.${profile}.json`);
        if (!existsSync(golden)) {
          // the one map Level 0 refuses: anisotropic voxels, exit 2 with its code, no JSON
          expect(run.code).toBe(2);
          expect(run.stderr).toContain('MAP_ANISOTROPIC_VOXELS');
          expect(existsSync(out)).toBe(false);
          return;
        }
        expect(run.code, run.stderr).toBe(0);
        const json = JSON.parse(readFileSync(out, 'utf8'));
        // the one addition since the golden files: the map's linked inputs (none here)
        expect(json.map).toMatchObject({ halfMaps: null, model: null });
        delete json.map.halfMaps;
        delete json.map.model;
        // the summary's resolution sentence gives 0.e's own median and 2.5–97.5 % range (issue 17.4)
        const p = json.localResolution.status === 'OK' || json.localResolution.status === 'WARNING' ? json.localResolution.percentiles : null;
        const sentence = json.summary.abstract.find((x: string) => x.startsWith('Resolution estimated by the analyses:'));
        if (p) expect(sentence).toContain(`median ${p.p50.toFixed(1)} Å, 2.5–97.5 % range ${p.p2_5.toFixed(1)}–${p.p97_5.toFixed(1)} Å`);
        else expect(sentence).toBeUndefined();
        if (RECORD) {
          writeFileSync(golden, JSON.stringify(json) + '\n'); // as vrs validate writes it, less the linked inputs
          writeFileSync(join(GOLDEN, `${file}.${profile}.stdout`), run.stdout);
          return;
        }
        expect(withoutTimes(json)).toEqual(withoutTimes(JSON.parse(readFileSync(golden, 'utf8'))));
        expect(tableTimes(run.stdout)).toBe(tableTimes(readFileSync(join(GOLDEN, `${file}.${profile}.stdout`), 'utf8')));
      }, 300_000);
    }
  }

  it('the PDF text of emd_1997 is the same (but for the date it was made)', async () => {
    const pdf = join(dir, 'emd_1997.pdf');
    const run = await vrs([join(MAPS, 'emd_1997.map'), '--emdb-header', join(MAPS, 'emd_1997_header.xml'), '--pdf', pdf]);
    expect(run.code, run.stderr).toBe(0);
    const undated = (text: string) => text.replace(/Report generated +\d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'Report generated (date)');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    if (RECORD) return writeFileSync(join(GOLDEN, 'emd_1997.pdf.txt'), text);
    expect(undated(text)).toBe(undated(readFileSync(join(GOLDEN, 'emd_1997.pdf.txt'), 'utf8')));
  }, 300_000);
});

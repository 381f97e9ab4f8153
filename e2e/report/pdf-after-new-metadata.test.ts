/**
 * Issue 17.1: a stored PDF must not contradict the JSON of the run that hands it out. Two
 * `vrs validate` processes share one data folder (VRS_DATA_DIR, database, blob store): the
 * first registers emd_1997 without its EMDB header and stores a PDF at threshold 1 Å / 7 Å;
 * the second gives the header (contour 1, resolution 7: the same Level 0 parameters). Its PDF
 * must print the header's entry and the threshold's source, as its JSON does, and be a new
 * rendering, not the first run's file.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../worker-pool/paths.js';
import { pdfText } from '../testing/pdf-reading.js';

const flat = (s: string) => s.replace(/\s+/g, '');

let db: ScratchDatabase;
let dir: string;

function vrs(args: string[]): void {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), APOLLO_TELEMETRY_DISABLED: '1' };
  delete env.BLOB_DIR;
  execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), 'validate', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

beforeAll(async () => {
  db = await createScratchDatabase('vrs_e2e_pdf_metadata');
  dir = mkdtempSync(join(tmpdir(), 'vrs-e2e-pdf-metadata-'));
  chmodSync(dir, 0o755);
}, 60_000);
afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('vrs validate with an EMDB header after a run without it, on the same data folder', () => {
  let first: string;
  let second: string;
  let json: any;
  beforeAll(() => {
    const map = join(REAL_MAPS_DIR, 'emd_1997.map');
    vrs([map, '--threshold', '1', '--resolution', '7', '--pdf', 'first.pdf']);
    vrs([map, '--emdb-header', join(REAL_MAPS_DIR, 'emd_1997_header.xml'), '--pdf', 'r.pdf', '--json', 'r.json']);
    first = flat(pdfText(join(dir, 'first.pdf')).join(' '));
    second = flat(pdfText(join(dir, 'r.pdf')).join(' '));
    json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  }, 600_000);

  it('the first PDF says what the first run knew', () => {
    expect(first).toContain(flat('EMDB ID not given'));
    expect(first).toContain(flat('Threshold 1.000000 (given by the user)'));
  });

  it('the second PDF prints the header\'s entry and the threshold\'s source, as its JSON does', () => {
    expect(json.map.emdb.id).toBe('EMD-1997');
    expect(json.thresholdSource).toBe('EMDB_HEADER');
    expect(second).toContain(flat('EMDB ID EMD-1997'));
    expect(second).not.toContain(flat('EMDB ID not given'));
    expect(second).toContain(flat('Threshold 1.000000 (primary contour level of the EMDB header)'));
    expect(second).toContain(flat('Public Data-based Report'));
  });

  it('the second PDF is a new rendering (its own date line), not the stored first one', () => {
    expect(readFileSync(join(dir, 'r.pdf')).equals(readFileSync(join(dir, 'first.pdf')))).toBe(false);
  });
});

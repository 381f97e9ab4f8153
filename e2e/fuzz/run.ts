/**
 * The fuzz harness as a script any developer can run (after npm run build):
 *
 *   node dist/e2e/fuzz/run.js [--files 10000] [--validate 300] [--seed 1] [--limit-seconds 120]
 *
 * `--files` mutated maps through vrs inspect, and every (files/validate)-th of them through vrs
 * validate, on an embedded PostgreSQL of its own in a temporary folder (DATABASE_URL is not
 * used). Prints the counts and every finding (internal error, hang, stack trace) with the
 * mutations that made the file; exits 1 when there is any.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureEmbeddedPostgres } from '../../services/store/embedded-postgres.js';
import { describeCounts, fuzzInspect, fuzzValidate, type FuzzCounts } from './harness.js';

const { values } = parseArgs({
  options: { files: { type: 'string', default: '10000' }, validate: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' }, 'limit-seconds': { type: 'string', default: '120' } },
});
const files = Number(values.files);
const validate = Math.min(files, Number(values.validate));
const seed = Number(values.seed);
const limitMs = Number(values['limit-seconds']) * 1000;

const root = mkdtempSync(join(tmpdir(), 'vrs-fuzz-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
const report = (what: string, c: FuzzCounts) => {
  console.log(describeCounts(what, c));
  for (const f of c.findings) console.log(`  #${f.index} ${f.kind} [${f.what.join('; ')}]: ${f.detail.split('\n').slice(0, 6).join('\n    ')}`);
};
let found = 0;
try {
  const t0 = Date.now();
  const inspected = await fuzzInspect(join(root, 'inspect'), seed, files);
  report(`vrs inspect (seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s)`, inspected);
  const server = await ensureEmbeddedPostgres(join(root, 'pg'), { ephemeral: true });
  try {
    const step = Math.max(1, Math.floor(files / Math.max(1, validate)));
    const indexes = Array.from({ length: validate }, (_, i) => i * step);
    const t1 = Date.now();
    const validated = await fuzzValidate(join(root, 'validate'), seed, indexes,
      { DATABASE_URL: server.url, VRS_DATA_DIR: join(root, 'data') }, limitMs);
    report(`vrs validate (every ${step}th file, limit ${limitMs / 1000} s, ${((Date.now() - t1) / 1000).toFixed(0)} s)`, validated);
    found = inspected.internal + inspected.hangs + inspected.stackTraces + validated.internal + validated.hangs + validated.stackTraces;
  } finally {
    await server.stop();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(found > 0 ? 1 : 0);

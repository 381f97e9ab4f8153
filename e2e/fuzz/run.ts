/**
 * The fuzz harness as a script any developer can run (after npm run build):
 *
 *   node dist/e2e/fuzz/run.js [--files 10000] [--validate 300] [--seed 1] [--limit-seconds 60]
 *                             [--max-minutes 60] [--only inspect|validate]
 *
 * `--files` mutated maps through vrs inspect, and every (files/validate)-th of them through vrs
 * validate (each killed after --limit-seconds and counted as a hang), on an embedded PostgreSQL
 * of its own in a temporary folder (DATABASE_URL is not used). Progress goes to stderr every 10
 * validate files; the validate sample stops starting files after --max-minutes, and SIGINT /
 * SIGTERM stop it too: the counts so far are printed either way, with how many of the sample ran.
 * Prints the counts and every finding (internal error, hang, stack trace) with the mutations
 * that made the file; exits 1 when there is any, 3 when the sample did not run to its end.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureEmbeddedPostgres } from '../../services/store/embedded-postgres.js';
import { describeCounts, emptyCounts, fuzzInspect, fuzzValidate, type FuzzCounts } from './harness.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' }, validate: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' },
    'limit-seconds': { type: 'string', default: '60' }, 'max-minutes': { type: 'string', default: '60' }, only: { type: 'string' },
  },
});
const files = Number(values.files);
const validate = Math.min(files, Number(values.validate));
const seed = Number(values.seed);
const limitMs = Number(values['limit-seconds']) * 1000;
const deadline = Date.now() + Number(values['max-minutes']) * 60_000;
const only = values.only;

const root = mkdtempSync(join(tmpdir(), 'vrs-fuzz-'));
chmodSync(root, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
const report = (what: string, c: FuzzCounts) => {
  console.log(describeCounts(what, c));
  for (const f of c.findings) console.log(`  #${f.index} ${f.kind} [${f.what.join('; ')}]: ${f.detail.split('\n').slice(0, 6).join('\n    ')}`);
};
const findings = (c: FuzzCounts) => c.internal + c.hangs + c.stackTraces;
const stop = new AbortController();
const interrupt = (signal: string) => { console.error(`fuzz: ${signal}, stopping after the running file`); stop.abort(); };
process.once('SIGINT', () => interrupt('SIGINT'));
process.once('SIGTERM', () => interrupt('SIGTERM'));
let found = 0;
let complete = true;
try {
  if (only !== 'validate') {
    const t0 = Date.now();
    const inspected = await fuzzInspect(join(root, 'inspect'), seed, files);
    report(`vrs inspect (seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s)`, inspected);
    found += findings(inspected);
  }
  if (only !== 'inspect' && !stop.signal.aborted) {
    const server = await ensureEmbeddedPostgres(join(root, 'pg'), { ephemeral: true });
    const step = Math.max(1, Math.floor(files / Math.max(1, validate)));
    const indexes = Array.from({ length: validate }, (_, i) => i * step);
    const counts = emptyCounts();
    const t1 = Date.now();
    const overTime = setInterval(() => { if (Date.now() > deadline) interrupt(`over --max-minutes ${values['max-minutes']}`); }, 1000);
    try {
      await fuzzValidate(join(root, 'validate'), seed, indexes, { DATABASE_URL: server.url, VRS_DATA_DIR: join(root, 'data') }, {
        limitMs, counts, stop: stop.signal,
        progress: (c, of) => { if (c.files % 10 === 0) console.error(`fuzz: ${describeCounts(`validate ${c.files}/${of}`, c)} (${((Date.now() - t1) / 1000).toFixed(0)} s)`); },
      });
    } finally {
      clearInterval(overTime);
      complete = counts.files === indexes.length;
      report(`vrs validate (seed ${seed}, every ${step}th file, limit ${limitMs / 1000} s, ${((Date.now() - t1) / 1000).toFixed(0)} s` +
        `${complete ? '' : `, STOPPED after ${counts.files} of ${indexes.length}`})`, counts);
      found += findings(counts);
      await server.stop();
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(found > 0 ? 1 : complete ? 0 : 3);

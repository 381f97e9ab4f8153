/**
 * The fuzz harness: mutated map files (mutate.ts) through `vrs inspect` (in process: the
 * reader, then the command's text and JSON output, each file within a time limit) and, for a
 * sample, through `vrs validate` (a process per file, killed at its time limit). A file may be
 * refused with an input error (exit 2); an internal error (exit 1, code INTERNAL, an error that
 * is no VrsError), a hang (over the limit) or a stack trace on stderr is a finding.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isVrsError } from '../../worker-pool/errors.js';
import { readMapFile } from '../../worker-pool/io/mrc/read.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { formatInspect, mapRecord } from '../../services/cli/inspect.js';
import { mutatedMap } from './mutate.js';

export interface FuzzFinding {
  index: number;
  kind: 'internal' | 'hang' | 'stack trace';
  what: string[];
  detail: string;
}

export interface FuzzCounts {
  files: number;
  /** Read and printed. */
  accepted: number;
  /** Refused with an input error's code (exit 2), by code. */
  refused: Record<string, number>;
  internal: number;
  hangs: number;
  stackTraces: number;
  findings: FuzzFinding[];
}

export const emptyCounts = (): FuzzCounts => ({ files: 0, accepted: 0, refused: {}, internal: 0, hangs: 0, stackTraces: 0, findings: [] });
const STACK_LINE = /\n\s+at .+[:(].*\d+:\d+\)?/;

function withLimit<T>(p: Promise<T>, ms: number): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ms)))]).finally(() => clearTimeout(timer));
}

function note(counts: FuzzCounts, finding: FuzzFinding): void {
  if (finding.kind === 'internal') counts.internal++;
  else if (finding.kind === 'hang') counts.hangs++;
  else counts.stackTraces++;
  if (counts.findings.length < 50) counts.findings.push(finding);
}

/** `vrs inspect` (text and --json) on files 0…count−1 of `seed`, in process. */
export async function fuzzInspect(dir: string, seed: number, count: number, limitMs = 10_000): Promise<FuzzCounts> {
  mkdirSync(dir, { recursive: true });
  const counts = emptyCounts();
  for (let index = 0; index < count; index++) {
    const { bytes, what } = mutatedMap(seed, index);
    const path = join(dir, `fuzz-${index}.map`);
    writeFileSync(path, bytes);
    counts.files++;
    const outcome = await withLimit(readMapFile(path).then((read) => {
      formatInspect(read, 'fuzz.map');
      JSON.stringify(mapRecord(read, 'fuzz.map'));
      return 'ok' as const;
    }, (error: unknown) => error), limitMs);
    if (outcome === 'ok') counts.accepted++;
    else if (outcome === 'hang') note(counts, { index, kind: 'hang', what, detail: `over ${limitMs} ms` });
    else if (isVrsError(outcome) && outcome.isInputError) counts.refused[outcome.code] = (counts.refused[outcome.code] ?? 0) + 1;
    else note(counts, { index, kind: 'internal', what, detail: outcome instanceof Error ? outcome.stack ?? outcome.message : String(outcome) });
  }
  return counts;
}

export interface ValidateOptions {
  /** Per-file limit: the process is killed after it and the file counted as a hang. */
  limitMs?: number;
  /** Filled as the run goes, so an interrupted run can still print what it saw. */
  counts?: FuzzCounts;
  /** Set to stop before the next file (the running one is killed). */
  stop?: AbortSignal;
  /** Called after each file. */
  progress?: (counts: FuzzCounts, of: number) => void;
}

/** `vrs validate FILE --json OUT` in a process per file, for files `indexes` of `seed`; `env` gives its database. */
export async function fuzzValidate(dir: string, seed: number, indexes: number[], env: Record<string, string>, options: ValidateOptions = {}): Promise<FuzzCounts> {
  const { limitMs = 60_000, counts = emptyCounts(), stop, progress } = options;
  mkdirSync(dir, { recursive: true });
  for (const index of indexes) {
    if (stop?.aborted) break;
    const { bytes, what } = mutatedMap(seed, index);
    const path = join(dir, `fuzz-${index}.map`);
    writeFileSync(path, bytes);
    counts.files++;
    const run = await new Promise<{ code: number | null; stderr: string; killed: boolean }>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), 'validate', path, '--json', join(dir, `fuzz-${index}.json`)], {
        cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      let killed = false;
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, limitMs);
      const onStop = () => child.kill('SIGKILL');
      stop?.addEventListener('abort', onStop);
      child.on('close', (code) => { clearTimeout(timer); stop?.removeEventListener('abort', onStop); resolve({ code, stderr, killed }); });
    });
    if (stop?.aborted && !run.killed) { counts.files--; break; } // killed by the interruption: not counted
    if (run.killed) note(counts, { index, kind: 'hang', what, detail: `vrs validate still running after ${limitMs} ms` });
    else if (STACK_LINE.test(run.stderr)) note(counts, { index, kind: 'stack trace', what, detail: run.stderr.slice(0, 2000) });
    else if (run.code === 0) counts.accepted++;
    else if (run.code === 2) {
      const code = /error \[([A-Z_]+)\]/.exec(run.stderr)?.[1] ?? 'UNKNOWN';
      counts.refused[code] = (counts.refused[code] ?? 0) + 1;
    } else note(counts, { index, kind: 'internal', what, detail: `exit ${run.code}: ${run.stderr.slice(0, 2000)}` });
    progress?.(counts, indexes.length);
  }
  return counts;
}

export function describeCounts(what: string, c: FuzzCounts): string {
  const refused = Object.entries(c.refused).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
  return `${what}: ${c.files} files, ${c.accepted} read, ${c.files - c.accepted - c.internal - c.hangs - c.stackTraces} refused (${refused || 'none'}), ` +
    `${c.internal} internal errors, ${c.hangs} hangs, ${c.stackTraces} stack traces`;
}

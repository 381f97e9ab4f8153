/**
 * The import rules (.dependency-cruiser.cjs, run by `npm run lint:deps`) catch what they
 * forbid: the project's configuration is run on a small tree written for the test, whose
 * files break each rule once and also make every allowed import the rules must let through.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../worker-pool/paths.js';

const DEPCRUISE = join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(REPO_ROOT, '.dependency-cruiser.cjs');
const KNOWN = join(REPO_ROOT, '.dependency-cruiser-known-violations.json');
/** The folders `npm run lint:deps` checks: the arguments that follow its options. */
const LINT_DEPS: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts['lint:deps'];
const FOLDERS = LINT_DEPS.split(/\s+/).slice(LINT_DEPS.split(/\s+/).indexOf('--output-type') + 2);

/** The tree: path → source. Comments say what each file is for. */
const TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  // a stand-in for an npm package that does I/O
  'node_modules/pg/package.json': JSON.stringify({ name: 'pg', version: '8.0.0', main: 'index.js' }),
  'node_modules/pg/index.js': 'module.exports = { Client: class {} };\n',

  'worker-pool/volume.ts': 'export interface Dims { nx: number; ny: number; nz: number }\n',
  'worker-pool/errors.ts': 'export class VrsError extends Error {}\n',
  'worker-pool/io/read.ts': "import { readFileSync } from 'node:fs';\nexport const readBytes = (p: string) => readFileSync(p);\n",
  // allowed: types of the volume, worker threads and the core count (FFT teams)
  'worker-pool/kernels/pure.ts':
    "import type { Dims } from '../volume.js';\nimport { Worker } from 'node:worker_threads';\nimport { availableParallelism } from 'node:os';\n" +
    'export const size = (d: Dims) => d.nx * d.ny * d.nz * availableParallelism() + (Worker ? 0 : 1);\n',
  // allowed: a kernel's test reads its fixtures
  'worker-pool/kernels/pure.test.ts': "import { readFileSync } from 'node:fs';\nimport { size } from './pure.js';\nexport const t = () => size(JSON.parse(readFileSync('x', 'utf8')));\n",
  // forbidden: a kernel reads a file (node: prefix or not), reaches the io folder through another module, uses pg
  'worker-pool/kernels/reads-file.ts': "import { readFileSync } from 'node:fs';\nexport const f = () => readFileSync('x');\n",
  'worker-pool/kernels/via-helper.ts': "import { helper } from './helper.js';\nexport const g = helper;\n",
  'worker-pool/kernels/helper.ts': "import { readBytes } from '../io/read.js';\nexport const helper = readBytes;\n",
  'worker-pool/kernels/uses-pg.ts': "import pg from 'pg';\nexport const c = pg;\n",
  // forbidden: a cycle closed by a type-only import
  'worker-pool/kernels/cycle-a.ts': "import { b } from './cycle-b.js';\nexport interface A { n: number }\nexport const a = b;\n",
  'worker-pool/kernels/cycle-b.ts': "import type { A } from './cycle-a.js';\nexport const b = (x: A) => x.n;\n",
  // forbidden: worker-pool imports a service's type (type-only imports count)
  'worker-pool/uses-service.ts': "import type { Service } from '../services/service.js';\nexport type S = Service;\n",
  // allowed: a benchmark takes the bench runner's row type
  'worker-pool/pool.bench.ts': "import type { BenchRow } from '../e2e/bench/run.js';\nexport const rows: BenchRow[] = [];\n",

  'services/service.ts': "import type { Dims } from '../worker-pool/volume.js';\nexport interface Service { dims: Dims }\n",
  // forbidden: services import the graph (a dynamic import as much as a static one)
  'services/cli.ts': "export async function serve() {\n  const { startApp } = await import('../graph/app.js');\n  return startApp();\n}\n",
  'services/testing.ts': 'export const scratch = () => 1;\n',
  // allowed: a test uses the test helpers; forbidden: product code does, and a test imports e2e helpers
  'services/service.test.ts': "import { scratch } from './testing.js';\nexport const t = scratch;\n",
  'services/product.ts': "import { scratch } from './testing.js';\nexport const p = scratch;\n",
  'services/stack.test.ts': "import { startStack } from '../e2e/testing/stack.js';\nexport const t = startStack;\n",

  // allowed: the graph composes the services
  'graph/app.ts': "import type { Service } from '../services/service.js';\nexport const startApp = (s?: Service) => s;\n",
  // forbidden: the report renderer reads worker-pool's errors (a known violation of the real tree) and types
  'report-renderer/render.ts': "import { VrsError } from '../worker-pool/errors.js';\nexport const e = VrsError;\n",
  'report-renderer/new-section.ts': "import type { Dims } from '../worker-pool/volume.js';\nexport type D = Dims;\n",

  'migrations/index.ts': 'export const migrations: unknown[] = [];\n',
  'e2e/bench/run.ts': 'export interface BenchRow { name: string }\n',
  'e2e/testing/stack.ts': "import { startApp } from '../../graph/app.js';\nexport const startStack = startApp;\n",
};

/** What the tree breaks: "rule: from → to" (reachability rules name the module reached). */
const EXPECTED = [
  'kernels-do-no-io: worker-pool/kernels/reads-file.ts → fs',
  'kernels-do-no-io: worker-pool/kernels/uses-pg.ts → node_modules/pg/index.js',
  'kernels-do-no-io: worker-pool/kernels/helper.ts → worker-pool/io/read.ts',
  'kernels-do-no-io: worker-pool/kernels/helper.ts → fs',
  'kernels-do-no-io: worker-pool/kernels/via-helper.ts → worker-pool/io/read.ts',
  'kernels-do-no-io: worker-pool/kernels/via-helper.ts → fs',
  'no-circular: worker-pool/kernels/cycle-a.ts → worker-pool/kernels/cycle-b.ts', // a cycle is reported once
  'worker-pool-imports-nothing-above: worker-pool/uses-service.ts → services/service.ts',
  'services-do-not-import-graph: services/cli.ts → graph/app.ts',
  'testing-modules-only-in-tests: services/product.ts → services/testing.ts',
  'nothing-imports-e2e: services/stack.test.ts → e2e/testing/stack.ts',
  'report-renderer-reads-the-graphql-contract: report-renderer/render.ts → worker-pool/errors.ts',
  'report-renderer-reads-the-graphql-contract: report-renderer/new-section.ts → worker-pool/volume.ts',
].sort();

interface Violation { from: string; to: string; rule: { name: string; severity: string } }
interface Run { code: number; violations: string[]; ignored: number; text: string }

let root: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DEPCRUISE, '--config', CONFIG, ...args, ...FOLDERS], { cwd: root, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/**
 * depcruise on the tree, twice: with `--output-type err` as `npm run lint:deps` runs it (its
 * exit code and text), and with the JSON reporter for the exact list of violations (that
 * reporter always exits 0).
 */
async function depcruise(extra: string[]): Promise<Run> {
  const [err, json] = await Promise.all([run(['--output-type', 'err', ...extra]), run(['--output-type', 'json', ...extra])]);
  if (json.code !== 0) throw new Error(`depcruise --output-type json exited ${json.code}: ${json.stderr}`);
  const all = (JSON.parse(json.stdout) as { summary: { violations: Violation[] } }).summary.violations;
  // Known violations are listed with severity 'ignore'; every rule's own severity is 'error'.
  const reported = all.filter((v) => v.rule.severity !== 'ignore');
  const bad = reported.filter((v) => v.rule.severity !== 'error').map((v) => `${v.rule.name} is ${v.rule.severity}`);
  if (bad.length > 0) throw new Error(`rules not at severity error: ${bad.join(', ')}`);
  const violations = reported.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  return { code: err.code, violations, ignored: all.length - reported.length, text: err.stdout + err.stderr };
}

/** Each "rule: from → to" appears in the err reporter's text as "error rule: from →" (a cycle's path follows on the next lines). */
function expectInText(text: string, violations: string[]): void {
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  for (const v of violations) expect(plain).toContain(`error ${v.slice(0, v.indexOf(' → ') + 2)}`);
}

describe('import rules (.dependency-cruiser.cjs)', () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'vrs-import-rules-'));
    for (const [path, text] of Object.entries(TREE)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('cover every folder the compiler builds', () => {
    const include: string[] = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')).include;
    expect(LINT_DEPS).toMatch(/^depcruise --config \.dependency-cruiser\.cjs --ignore-known \.dependency-cruiser-known-violations\.json --output-type err /);
    expect([...FOLDERS].sort()).toEqual([...include].sort());
    // every rule holds in the real tree: nothing is left in the project's baseline
    expect(JSON.parse(readFileSync(KNOWN, 'utf8'))).toEqual([]);
  });

  it('fail on each forbidden import, type-only and dynamic ones included, and let the allowed ones through', async () => {
    const out = await depcruise([]);
    expect(out.violations).toEqual(EXPECTED);
    expect(out.code, out.text).not.toBe(0);
    expectInText(out.text, EXPECTED);
  });

  it('with the known-violations baseline, still fail on a new violation', async () => {
    // a baseline in the project's format (the project's own is empty today) that knows one of them
    const baseline = join(root, 'known-violations.json');
    writeFileSync(baseline, JSON.stringify([{
      type: 'dependency', from: 'report-renderer/render.ts', to: 'worker-pool/errors.ts',
      rule: { severity: 'error', name: 'report-renderer-reads-the-graphql-contract' },
    }]));
    const out = await depcruise(['--ignore-known', baseline]);
    const known = 'report-renderer-reads-the-graphql-contract: report-renderer/render.ts → worker-pool/errors.ts';
    expect(out.violations).toEqual(EXPECTED.filter((v) => v !== known));
    expect(out.ignored).toBe(1);
    expect(out.code, out.text).not.toBe(0);
    expect(out.text).not.toContain('report-renderer/render.ts');
    expectInText(out.text, out.violations);
  });

  it('pass on a tree without forbidden imports', async () => {
    const clean = Object.keys(TREE).filter((p) => EXPECTED.some((v) => v.split(': ')[1]!.startsWith(p + ' ')));
    for (const p of clean) rmSync(join(root, p));
    try {
      const out = await depcruise([]);
      expect(out.violations).toEqual([]);
      expect(out.code, out.text).toBe(0);
    } finally {
      for (const p of clean) writeFileSync(join(root, p), TREE[p]!);
    }
  });
});

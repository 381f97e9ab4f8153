/**
 * The dashboard's bundle comes from a fresh clone: the committed tree (no dist/, which git
 * ignores) is cloned, given the repository's installed packages (what `npm ci` would install;
 * the registry is not asked here), and `npm run build` — the script `npm ci` runs as `prepare` —
 * writes dist/dashboard/ with both pages and every script, style and icon they name, none from
 * elsewhere. (Serving it with its cache headers is e2e/graph/dashboard.test.ts.)
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../worker-pool/paths.js';

const run = promisify(execFile);
const isCheckout = existsSync(join(REPO_ROOT, '.git'));
if (!isCheckout) console.warn(`[dashboard-build.test] skipping: ${REPO_ROOT} is not a git checkout`);

describe.skipIf(!isCheckout)('the dashboard bundle from a fresh clone', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vrs-clone-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('npm ci runs npm run build, which writes dist/dashboard/ from the committed tree alone', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('npm run build'); // npm ci runs prepare once the packages are in
    expect(pkg.scripts.build).toContain('npm run -s build:dashboard');

    const clone = join(tmp, 'vrs');
    await run('git', ['clone', '--quiet', REPO_ROOT, clone]);
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    await run('npm', ['run', '-s', 'build'], { cwd: clone, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 16 << 20 });

    const out = join(clone, 'dist', 'dashboard');
    const assets = new Set(readdirSync(join(out, 'assets')));
    for (const page of ['index.html', 'graphiql.html']) {
      const html = readFileSync(join(out, page), 'utf8');
      const named = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(named.some((u) => /^\/assets\/.+\.js$/.test(u)), page).toBe(true);
      for (const u of named) {
        expect(u, `${page} loads ${u} from elsewhere`).toMatch(/^\//);
        if (u.startsWith('/assets/')) expect(assets.has(u.slice('/assets/'.length)), `${page}: ${u}`).toBe(true);
      }
    }
    // the scripts are content-hashed (the gateway serves /assets/ as immutable)
    expect([...assets].filter((a) => a.endsWith('.js')).every((a) => /-[A-Za-z0-9_-]{8}\.js$/.test(a))).toBe(true);
  }, 600_000);
});

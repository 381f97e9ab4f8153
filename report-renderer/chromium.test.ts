/** The browser dies with the process that launched it, even when that process is SIGKILLed. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_CANDIDATES, chromiumMissing, findChromium, headlessMode, launchChromium } from './chromium.js';
import { isRendererError } from './errors.js';

const noChromium = chromiumMissing();
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(noChromium !== null && !process.env.CI)('launchChromium', () => {
  it('leaves no browser behind when its process is killed with SIGKILL (no exit hook runs)', async () => {
    const script = `const m = await import(${JSON.stringify(new URL('./chromium.js', import.meta.url).href)});
      const b = await m.launchChromium();
      console.log('pid', b.process().pid);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const browserPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /pid (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`the launcher exited early: ${out}`)));
    });
    expect(alive(browserPid)).toBe(true);
    child.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (alive(browserPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(browserPid)).toBe(false);
  }, 30_000);
});

describe('findChromium', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const fakeInstall = (names: string[]): string[] => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-chromium-'));
    dirs.push(dir);
    for (const n of names) writeFileSync(join(dir, n), '');
    return CHROMIUM_CANDIDATES.map((p) => join(dir, basename(p)));
  };

  it('prefers the headless shell to the full browser, and falls back to the browser', () => {
    const both = fakeInstall(['chromium', 'chromium-headless-shell']);
    expect(basename(findChromium({}, both))).toBe('chromium-headless-shell');
    const browserOnly = fakeInstall(['chromium']);
    expect(basename(findChromium({}, browserOnly))).toBe('chromium');
    // PUPPETEER_EXECUTABLE_PATH still wins
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: browserOnly[1]! }, both)).toBe(browserOnly[1]);
  });

  it('says which packages to install when there is none', () => {
    try {
      findChromium({}, fakeInstall([]));
      expect.unreachable();
    } catch (e) {
      expect(isRendererError(e) && e.code).toBe('CHROMIUM_NOT_FOUND');
      expect((e as Error).message).toContain('apt-get install -y chromium-headless-shell (or chromium)');
    }
  });

  it("launches a headless shell in puppeteer's 'shell' mode, a browser in the new headless mode", () => {
    expect(headlessMode('/usr/bin/chromium-headless-shell')).toBe('shell');
    expect(headlessMode('/opt/chrome-headless-shell-linux64/chrome-headless-shell')).toBe('shell');
    expect(headlessMode('/usr/bin/chromium')).toBe(true);
    expect(headlessMode('/usr/bin/google-chrome')).toBe(true);
  });
});

describe.skipIf(!existsSync('/usr/bin/chromium-headless-shell') || !!process.env.PUPPETEER_EXECUTABLE_PATH)('launchChromium with the headless shell installed', () => {
  it('runs the headless shell', async () => {
    const browser = await launchChromium();
    try {
      expect(browser.process()?.spawnfile).toBe('/usr/bin/chromium-headless-shell');
      const page = await browser.newPage();
      expect(await page.evaluate('1 + 1')).toBe(2);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

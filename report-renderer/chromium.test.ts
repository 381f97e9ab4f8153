/** The browser dies with the process that launched it, even when that process is SIGKILLed. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from './chromium.js';

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

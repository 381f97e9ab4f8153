/** SharedChromium with a stand-in browser: one launch for concurrent reports, relaunch after death, idle close. */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { SharedChromium } from './shared-chromium.js';

function fakeLauncher() {
  const launched: { connected: boolean; closed: boolean }[] = [];
  const launch = async () => {
    const b = { connected: true, closed: false, close: async () => { b.connected = false; b.closed = true; } };
    launched.push(b);
    return b as unknown as Browser;
  };
  return { launched, launch };
}

describe('SharedChromium', () => {
  it('launches once for reports rendered at the same time, and again once the browser died', async () => {
    const f = fakeLauncher();
    const shared = new SharedChromium(60_000, f.launch);
    const seen = await Promise.all([1, 2, 3].map(() => shared.use(async (b) => b)));
    expect(f.launched).toHaveLength(1);
    expect(new Set(seen).size).toBe(1);
    f.launched[0]!.connected = false; // crashed
    await shared.use(async () => undefined);
    expect(f.launched).toHaveLength(2);
    await shared.close();
    expect(f.launched[1]!.closed).toBe(true);
  });

  it('closes the browser after the idle time, not while a report uses it', async () => {
    const f = fakeLauncher();
    const shared = new SharedChromium(50, f.launch);
    let release!: () => void;
    const long = shared.use(() => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 120));
    expect(f.launched[0]!.closed).toBe(false); // in use
    release();
    await long;
    await new Promise((r) => setTimeout(r, 120));
    expect(f.launched[0]!.closed).toBe(true);
  });

  it('a failed launch is not kept: the next report tries again', async () => {
    let calls = 0;
    const shared = new SharedChromium(60_000, async () => {
      if (++calls === 1) throw new Error('no chromium');
      return { connected: true, close: async () => undefined } as unknown as Browser;
    });
    await expect(shared.use(async () => 1)).rejects.toThrow('no chromium');
    await expect(shared.use(async () => 2)).resolves.toBe(2);
    await shared.close();
  });
});

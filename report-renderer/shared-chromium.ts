/**
 * One Chromium for the reports of a long-running process (the server): launched on first use,
 * shared by the reports rendered at the same time (each gets its own page), relaunched if it
 * died, and closed after a minute without reports (it holds a few hundred MB) or with the app.
 * Saves the launch (~0.4 s, a new browser process) on every report after the first.
 */
import type { Browser } from 'puppeteer-core';
import { launchChromium } from './chromium.js';

export class SharedChromium {
  #browser: Promise<Browser> | null = null;
  #users = 0;
  #idle: NodeJS.Timeout | null = null;

  constructor(readonly idleMs = 60_000, readonly launch: () => Promise<Browser> = launchChromium) {}

  /** Runs `fn` with the shared browser (launching it if needed). */
  async use<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    this.#users++;
    try {
      return await fn(await this.#connected());
    } finally {
      if (--this.#users === 0) {
        this.#idle = setTimeout(() => void this.close(), this.idleMs);
        this.#idle.unref();
      }
    }
  }

  async #connected(): Promise<Browser> {
    const current = this.#browser && (await this.#browser.catch(() => null));
    if (current?.connected) return current;
    const launching = this.launch();
    this.#browser = launching;
    launching.catch(() => {
      if (this.#browser === launching) this.#browser = null; // the next report tries again
    });
    return launching;
  }

  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const browser = this.#browser;
    this.#browser = null;
    const b = browser && (await browser.catch(() => null));
    await b?.close().catch(() => undefined);
  }
}

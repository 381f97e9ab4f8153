/**
 * The system Chromium, driven by puppeteer-core (plain `puppeteer` would download a browser,
 * which fails offline). Pages may load only local content: every request that is not
 * data:, file: or loopback is aborted, so a report never contacts the network.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { RendererError } from './errors.js';

/**
 * Looked for in this order. The headless shell first (Debian's chromium-headless-shell, the
 * "old" headless Chromium, Puppeteer's 'shell' mode, which it suggests where performance
 * matters): the same content layer (Blink, Skia, SwiftShader) as the full browser without the
 * browser's own code, so the same PDF (every page and embedded image of a report byte-identical,
 * measured); its launch costs ≈ 0.9 CPU-s instead of ≈ 2.0 and 0.22 s instead of 0.8 s (README,
 * issue 14, session 15).
 */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const INSTALL = 'apt-get install -y chromium-headless-shell (or chromium)';

/** Flags that work on this kind of machine (DESIGN.md), WebGL 2 through SwiftShader. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CHROMIUM_CANDIDATES): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new RendererError('CHROMIUM_NOT_FOUND', `PUPPETEER_EXECUTABLE_PATH=${fromEnv} does not exist; install Chromium with ${INSTALL} or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary.`);
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new RendererError('CHROMIUM_NOT_FOUND', `No Chromium found (looked at ${candidates.join(', ')}); install it with ${INSTALL} or set PUPPETEER_EXECUTABLE_PATH.`);
  }
  return found;
}

/**
 * Puppeteer's headless mode for a binary: 'shell' for a headless shell (chromium-headless-shell,
 * chrome-headless-shell: it has only the old headless mode), true (the new mode) for a browser.
 */
export function headlessMode(executable: string): 'shell' | true {
  return /(?:chromium|chrome)-headless-shell$/.test(basename(executable)) ? 'shell' : true;
}

/** Why no Chromium can be used here (the message of findChromium), or null when one can. */
export function chromiumMissing(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    findChromium(env);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  return puppeteer.launch({
    executablePath,
    headless: headlessMode(executablePath),
    args: CHROMIUM_FLAGS,
    // puppeteer adds its own defaults (e.g. --disable-extensions); ours come on top
    // Signals are the command's to handle (vrs validate stops cleanly, vrs serve closes the
    // app): puppeteer's own handlers would exit the process at once with 130. Its exit hook,
    // which kills the browser when the process ends, stays.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // DevTools over a pipe, not a WebSocket: Chromium reads its end, so when this process dies
    // (even by SIGKILL, when no exit hook runs) the pipe closes and the browser quits with it
    pipe: true,
  });
}

/** True for URLs a report page may load: inline data, local files, loopback. */
export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('file:') || url.startsWith('about:') || url.startsWith('blob:')) return true;
  try {
    const u = new URL(url);
    return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  } catch {
    return false;
  }
}

/** Local responses served from Node for URLs of the form http://127.0.0.1:9/<name> (never reaches a socket). */
export type LocalRoutes = Map<string, { body: Buffer; contentType: string }>;

export const LOCAL_ORIGIN = 'http://127.0.0.1:9';

/** Aborts every non-local request; answers LOCAL_ORIGIN paths from `routes`. */
export async function guardPage(page: Page, routes: LocalRoutes = new Map()): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (url.startsWith(LOCAL_ORIGIN + '/')) {
      const route = routes.get(url.slice(LOCAL_ORIGIN.length));
      if (route) {
        void request.respond({ status: 200, contentType: route.contentType, body: route.body, headers: { 'access-control-allow-origin': '*' } });
      } else void request.respond({ status: 404, body: 'not found' });
      return;
    }
    if (isLocalUrl(url)) void request.continue();
    else void request.abort('blockedbyclient');
  });
}

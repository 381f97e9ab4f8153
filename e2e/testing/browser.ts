/** Helpers of the browser tests (puppeteer-core on Debian's Chromium). */
import type { Browser, Page } from 'puppeteer-core';
import { guardPage } from '../../report-renderer/chromium.js';

/** A Chromium page for the dashboard tests: loopback only (guardPage), its console errors and page errors collected. */
export async function watchedPage(browser: Browser, width = 1280, height = 900): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await guardPage(page);
  await page.setViewport({ width, height });
  return { page, problems };
}

/**
 * Polls `expression` in the page from here until it is truthy: a long wait as one in-page
 * waitForFunction would outlast puppeteer's protocol timeout (180 s) on a loaded machine.
 */
export async function until(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs / 1000} s: ${expression.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * How many pixels of the canvas at `selector` are within `tolerance` (per channel, 0–255) of
 * each colour ('#rrggbb'), and how many are not white-ish: a drawn plot has its curves' colours.
 */
export async function canvasInk(page: Page, selector: string, colours: string[], tolerance = 40): Promise<{ ink: number; total: number; byColour: Record<string, number> }> {
  return (await page.evaluate(`(() => {
    const src = document.querySelector(${JSON.stringify(selector)});
    const c = document.createElement('canvas'); c.width = src.width; c.height = src.height;
    const g = c.getContext('2d'); g.drawImage(src, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const want = ${JSON.stringify(colours)}.map((h) => [h, parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]);
    const byColour = Object.fromEntries(want.map(([h]) => [h, 0]));
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 0) continue; // transparent: the page's background shows through
      if (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230) ink++;
      for (const [h, r, gg, b] of want) if (Math.abs(d[i] - r) <= ${tolerance} && Math.abs(d[i + 1] - gg) <= ${tolerance} && Math.abs(d[i + 2] - b) <= ${tolerance}) byColour[h]++;
    }
    return { ink, total: c.width * c.height, byColour };
  })()`)) as { ink: number; total: number; byColour: Record<string, number> };
}

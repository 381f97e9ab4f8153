/** A Chromium page for the dashboard tests: loopback only (guardPage), its console errors and page errors collected. */
import type { Browser, Page } from 'puppeteer-core';
import { guardPage } from '../../report-renderer/chromium.js';

export async function watchedPage(browser: Browser, width = 1280, height = 900): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await guardPage(page);
  await page.setViewport({ width, height });
  return { page, problems };
}

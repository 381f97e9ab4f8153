/**
 * The dashboard in a real Chromium against the whole stack (HTTP on 127.0.0.1, scratch
 * database): upload emd_1997 through the page's form with its threshold and resolution, start
 * Level 0 with the page's button, watch the nine sections reach "done" by polling, and read
 * the score the summary gives, with no console error and nothing loaded from elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { join } from 'node:path';
import { chromiumMissing, guardPage, launchChromium } from '../../report-renderer/chromium.js';
import { REAL_MAPS_DIR } from '../../worker-pool/paths.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

// Skipped only where Chromium is truly absent, and then it says so; CI installs it and sets CI.
const noChromium = chromiumMissing();
if (noChromium && !process.env.CI) console.warn(`[dashboard.test] skipping: ${noChromium}`);

describe.skipIf(noChromium !== null && !process.env.CI)('dashboard (GET /)', () => {
  let stack: TestStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('is served with a policy that lets it load only from this server', async () => {
    for (const path of ['/', '/dashboard.js', '/dashboard.css', '/favicon.svg']) {
      const res = await fetch(`${stack.app.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      await res.arrayBuffer();
    }
    expect((await fetch(`${stack.app.url}/`)).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('uploads and registers a map, runs its Level 0 and shows the nine sections done and the score', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    await guardPage(page); // anything not on loopback would be aborted and show up as a failed request
    await page.goto(`${stack.app.url}/`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('#maps tbody', (e) => e.textContent)).toContain('No map registered yet');

    const file = await page.$('input[type=file]');
    await file!.uploadFile(join(REAL_MAPS_DIR, 'emd_1997.map'));
    await page.type('input[name=contourLevel]', '1');
    await page.type('input[name=reportedResolution]', '7');
    await page.click('#upload button');
    await page.waitForSelector('tr[data-id] button[data-action=start]', { timeout: 30_000 });
    expect(await page.$eval('#message', (e) => e.textContent)).toBe('Registered emd_1997.map.');
    const cells = await page.$$eval('tr[data-id] td', (tds) => tds.map((td) => td.textContent!.trim()));
    expect(cells[1]).toBe('100×100×100');
    expect(cells[3]).toContain('1.000');
    expect(cells[4]).toBe('7.00');
    // Level 0's nine chips first, then the other levels' (Level 1's: its status answers without half maps)
    const chipClasses = await page.$$eval('.chip[data-section]', (c) => c.map((e) => e.className));
    expect(chipClasses.slice(0, 9)).toEqual(Array(9).fill('chip NOT_STARTED'));
    expect(chipClasses.every((c) => c === 'chip NOT_STARTED')).toBe(true);

    await page.click('tr[data-id] button[data-action=start]');
    // (page-side code as strings: this project compiles without the DOM library)
    await page.waitForFunction("document.querySelectorAll('.chip.DONE[data-section]').length === 9", { timeout: 240_000, polling: 500 });
    // the score cell lists each level's score, Level 0's first ("7 / 8 · –": Level A has no model here)
    await page.waitForFunction("/^\\d+ \\/ \\d+( · |$)/.test(document.querySelector('td.score').textContent.trim())", { timeout: 30_000 });
    const id = await page.$eval('tr[data-id]', (tr) => tr.getAttribute('data-id'));
    const summary = (await stack.gql(`query($id: ID!) { map(id: $id) { level0 { summary { score evaluable } } } }`, { id })).data.map.level0.summary;
    expect((await page.$eval('td.score', (e) => e.textContent!.trim())).split(' · ')[0]).toBe(`${summary.score} / ${summary.evaluable}`);
    expect(await page.$eval('tr[data-id] a', (a) => a.getAttribute('href'))).toBe(`/maps/${id}/report.pdf`);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});

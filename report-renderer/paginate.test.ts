/**
 * The paginator in Chromium on a made-up flow (issue 17.5): a long table in a `.blk.split`
 * block starts on the page where it begins, fills it, and goes on on the next page under a
 * copy of its header row; an ordinary block still moves whole.
 */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from './chromium.js';
import { paginateScript, type Layout } from './paginate.js';
import { htmlDocument, PAGE } from './templates/document.js';

const ROWS = 40; // about 220 mm of rows: more than page 1 has left, less than two pages
const table = (cls: string) =>
  `<div class="${cls}"><p>The table:</p><table class="data"><thead><tr><th>Row</th><th>Value</th></tr></thead><tbody>` +
  Array.from({ length: ROWS }, (_, k) => `<tr><td>r${k + 1}</td><td>${(k * 1.5).toFixed(2)}</td></tr>`).join('') + '</tbody></table></div>';
// 150 mm of text first: the table starts in the lower half of page 1
const flow = (cls: string) => `<div class="blk"><p style="height:150mm">Text.</p></div>${table(cls)}<div class="blk"><p>After the table.</p></div>`;

interface Page { rows: string[]; headers: number; bottomMm: number; text: string }

async function paginate(browser: Browser, body: string): Promise<{ layout: Layout; pages: Page[] }> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 900, height: 1200 });
    await page.emulateMediaType('print');
    await page.setContent(htmlDocument('paginate test', body, paginateScript()), { waitUntil: 'load' });
    await page.waitForFunction('window.__vrsLayout !== undefined', { timeout: 30_000 });
    const layout = (await page.evaluate('window.__vrsLayout')) as Layout;
    const pages = (await page.evaluate(`Array.from(document.querySelectorAll('section.page')).map((s) => {
      const top = s.getBoundingClientRect().top;
      const last = s.lastElementChild.getBoundingClientRect().bottom;
      return { rows: Array.from(s.querySelectorAll('tbody tr td:first-child')).map((td) => td.textContent),
        headers: s.querySelectorAll('thead th').length / 2, bottomMm: (last - top) * 25.4 / 96, text: s.textContent };
    })`)) as Page[];
    return { layout, pages };
  } finally {
    await page.close();
  }
}

const noChromium = chromiumMissing();
describe.skipIf(noChromium !== null && !process.env.CI)('paginator: long tables', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });

  it('a .blk.split table fills page 1 and goes on on page 2 under a copy of its header row', async () => {
    const { layout, pages } = await paginate(browser, flow('blk split'));
    expect(layout.oversize).toBe(0);
    expect(pages).toHaveLength(2);
    const [one, two] = pages as [Page, Page];
    // every row once, in order, over the two pages
    expect([...one.rows, ...two.rows]).toEqual(Array.from({ length: ROWS }, (_, k) => `r${k + 1}`));
    expect(one.rows.length).toBeGreaterThanOrEqual(3);
    expect(two.rows.length).toBeGreaterThanOrEqual(2);
    expect(one.headers).toBe(1);
    expect(two.headers).toBe(1); // the header row repeated
    expect(two.text).toContain('After the table.');
    // page 1 is full: what is left below its last row is less than a row (~6 mm), the paginator's
    // slack (1.5 %, ~4 mm) and the table's and block's margins (5 mm); moved whole, it would end at ~155 mm
    const content = PAGE.heightMm - PAGE.top - PAGE.bottom;
    expect(one.bottomMm).toBeGreaterThan(content - 16);
    expect(one.bottomMm).toBeLessThanOrEqual(content);
  });

  it('an ordinary block still moves whole to the next page', async () => {
    const { pages } = await paginate(browser, flow('blk'));
    expect(pages[0]!.rows).toEqual([]);
    expect(pages[1]!.rows).toHaveLength(ROWS);
  });
});

/**
 * Ranks on the dashboard (issue 20) in Debian's Chromium against the whole stack: two small
 * maps (40³ Gaussian blobs of different widths, the same reported resolution) are uploaded and
 * Level 0 is run on both; the map page of one then shows, on each graded section's card, the
 * rank rows the graph gives for that section (value, percentile, maps in the bin, the bin),
 * both maps in the bin where both have the number, and a slider per row. No console error; nothing overflows at 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { chromiumMissing, launchChromium } from '../../report-renderer/chromium.js';
import { watchedPage } from '../testing/browser.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

const noChromium = chromiumMissing();
if (noChromium && !process.env.CI) console.warn(`[dashboard-ranks.test] skipping: ${noChromium}`);

/** A 40³ map of 1.5 Å voxels: a Gaussian blob of the given width (voxels²) on a little noise-free background. */
function blob(width: number): Uint8Array {
  const n = 40, data = new Float32Array(n ** 3);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) data[x + n * (y + n * z)] = Math.exp(-((x - 20) ** 2 + (y - 19) ** 2 + (z - 21) ** 2) / width);
  return writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
}

const RANK = 'rank { metric label unit value percentile mapsInBin binLow binHigh }';

describe.skipIf(noChromium !== null && !process.env.CI)('dashboard: ranks on the cards', () => {
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

  async function register(name: string, body: Uint8Array): Promise<string> {
    const put = await fetch(`${stack.app.url}/maps/${name}`, { method: 'PUT', body });
    expect(put.status).toBe(201);
    const { id: uploadId } = (await put.json()) as { id: string };
    const r = await stack.gql(`mutation($u: ID!) { registerMap(input: { uploadId: $u, reportedResolution: 6, contourLevel: 0.3 }) { id } }`, { u: uploadId });
    expect(r.errors).toBeUndefined();
    return r.data.registerMap.id;
  }

  it('shows each graded section\'s ranks as the graph gives them, with both maps in the bin', async () => {
    const ids = [await register('blob-narrow.mrc', blob(30)), await register('blob-wide.mrc', blob(60))];
    // Level 0 on both (the summary computes every section and waits for them)
    for (const id of ids) {
      const s = await stack.gql(`query($id: ID!) { map(id: $id) { level0 { summary { score } } } }`, { id });
      expect(s.errors).toBeUndefined();
    }
    const layout = (await stack.gql(`{ reportLayout { field sections { field graded } } }`)).data.reportLayout.find((l: { field: string }) => l.field === 'level0');
    const graded: string[] = layout.sections.filter((s: { graded: boolean }) => s.graded).map((s: { field: string }) => s.field);
    // the summaries above stored both maps' ranked numbers; the second map's rank is asked too, so
    // that the test also holds if only the rank field wrote them
    const rankQuery = `query($id: ID!) { map(id: $id) { level0 { ${graded.map((f) => `${f} { ${RANK} }`).join(' ')} } } }`;
    expect((await stack.gql(rankQuery, { id: ids[1] })).errors).toBeUndefined();
    const graph = (await stack.gql(rankQuery, { id: ids[0] })).data.map.level0;
    const ranked = graded.filter((f) => graph[f].rank.length > 0);
    expect(ranked.length).toBeGreaterThan(0);
    const all = ranked.flatMap((f) => graph[f].rank as { mapsInBin: number; binLow: number; binHigh: number }[]);
    expect(all.every((r) => r.binLow === 5 && r.binHigh === 7)).toBe(true); // 6 Å ± 1 Å
    expect(all.some((r) => r.mapsInBin === 2)).toBe(true); // a number both maps have

    const { page, problems } = await watchedPage(browser);
    await page.goto(`${stack.app.url}/#/map/${ids[0]}`, { waitUntil: 'networkidle0' });
    for (const f of graded) {
      const card = `.level-block[data-level=level0] .card[data-section=${f}]`;
      await page.waitForSelector(`${card}[data-verdict]`);
      if (!graph[f].rank.length) {
        await page.waitForSelector(`${card} .numbers, ${card} .reason, ${card} .warnings`);
        expect(await page.$(`${card} .ranks`), f).toBeNull();
        continue;
      }
      await page.waitForSelector(`${card} .ranks`, { timeout: 60_000 });
      const rows = await page.$$eval(`${card} .ranks tbody tr`, (trs) => trs.map((tr) => ({
        metric: tr.getAttribute('data-metric'), percentile: tr.querySelector('.percentile')!.textContent, mapsInBin: tr.querySelector('.in-bin')!.textContent,
      })));
      expect(rows, f).toEqual(graph[f].rank.map((r: { metric: string; percentile: number; mapsInBin: number }) => ({ metric: r.metric, percentile: r.percentile.toFixed(1), mapsInBin: String(r.mapsInBin) })));
      expect(await page.$eval(`${card} .ranks caption`, (c) => c.textContent)).toContain('in 5–7 Å');
      expect(await page.$$eval(`${card} .sliders li`, (li) => li.length)).toBe(rows.length);
    }
    await page.setViewport({ width: 360, height: 900 });
    await new Promise((r) => setTimeout(r, 400));
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});

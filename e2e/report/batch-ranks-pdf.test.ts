/**
 * Issue 20's must-show: EVERY real map of ../shared/data/real/maps validated as a batch (`vrs
 * batch`, the command line, against a running gateway on a scratch database), then one map's
 * ranks: every rank number and bin size the graph's `rank` gives appears in the PDF (pdftotext)
 * and on the dashboard's map page (Chromium), and the graph's percentiles equal the weak
 * percentile (scipy's percentileofscore kind='weak') recomputed here from the rank table as the
 * batch left it (read before any `rank` is asked: the batch asks none, the gateway stores them).
 *
 * Resolutions: only emd_1997's EMDB header gives one (7 Å; the batch finds emd_1997_header.xml
 * beside the map). The list file gives the others one each, made up for the test (at least twice
 * the voxel size): six maps in emd_5625's 10–12 Å bin (12 Å and 10 Å at its edges, included),
 * four outside it. What has no rank is stated, not hidden: EMD-3001 is refused as a whole
 * (anisotropic voxels, MAP_ANISOTROPIC_VOXELS: Level 0 needs cubic ones), and each section that
 * FAILED or did not apply is listed in NO_RANK with its reason; the test fails if the batch's
 * outcome differs from that list either way.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { chromiumMissing, launchChromium } from '../../report-renderer/chromium.js';
import { watchedPage } from '../testing/browser.js';
import { REAL_MAPS_DIR } from '../../worker-pool/paths.js';
import { PRODUCT_LEVELS } from '../../worker-pool/metrics/catalogue.js';
import { startTestStack, type TestStack } from '../testing/stack.js';
import { runVrs } from '../testing/vrs.js';
import { pdfText } from '../testing/pdf-reading.js';

const noChromium = chromiumMissing();
if (noChromium && !process.env.CI) console.warn(`[batch-ranks-pdf.test] skipping: ${noChromium}`);

/** file → the reported resolution the list gives (Å; null: the EMDB header's) */
const MAPS: Record<string, number | null> = {
  'emd_5625.map': 11, // the map whose ranks are asked: bin 10–12 Å
  'emd_1832.map': 12,
  'emd_5168_monomer.mrc': 10.5,
  'emd_5168.map': 10,
  'emd_5170.map': 11.5,
  'ngl_ribocut4a.mrc': 11,
  'emd_1997.map': null, // 7 Å from emd_1997_header.xml
  'ngl_betaGal.mrc': 8,
  'ngl_betaGal_localResolution.mrc': 9,
  'EMD-3197.map': 25,
  'EMD-3001.map': 2, // refused before any section runs (anisotropic voxels)
};
const TARGET = 'emd_5625.map';
/** Level 0's sections that declare ranked numbers */
const RANKED = new Set(PRODUCT_LEVELS.find((l) => l.field === 'level0')!.sections.filter((s) => s.ranked?.length).map((s) => s.field));
const REFUSED: Record<string, string> = { 'EMD-3001.map': 'MAP_ANISOTROPIC_VOXELS' };
const REFUSED_FILES = new Set(Object.keys(REFUSED));
/**
 * The ranked sections that have no rank on a map, and why (`FAILED <code>` from the batch's
 * CSV, else the section record's status): observed on the first run of this list, kept here so
 * that a change either way fails the test.
 */
const NO_RANK: Record<string, string> = {
  // 0.h applies only to maps of 5 Å or better (HAND_MAX_RESOLUTION): none of these resolutions is
  ...Object.fromEntries(Object.keys(MAPS).filter((f) => !REFUSED_FILES.has(f)).map((f) => [`${f} hand`, 'NOT_APPLICABLE'])),
  // the section's record says FAILED (the job itself is DONE); its reason is printed by the test
  'emd_5168_monomer.mrc bFactor': 'FAILED',
  'EMD-3197.map bFactor': 'FAILED',
  'emd_5170.map localResolution': 'FAILED',
  'ngl_betaGal_localResolution.mrc localResolution': 'FAILED',
  'EMD-3197.map localResolution': 'NOT_APPLICABLE',
};

interface Rank { metric: string; label: string; unit: string; value: number; percentile: number; mapsInBin: number; binLow: number; binHigh: number }
interface Stored { map_id: string; metric: string; resolution: number; value: number }

const fx = (v: number, d: number) => { const s = v.toFixed(d); return /^-0\.?0*$/.test(s) ? s.slice(1) : s; };
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RANK = 'rank { metric label unit value percentile mapsInBin binLow binHigh }';

describe.skipIf(noChromium !== null && !process.env.CI)('vrs batch of every real map, then one map\'s ranks in the PDF and the dashboard', () => {
  let stack: TestStack;
  let dir: string;
  let browser: Browser;
  let maps: { id: string; name: string; reportedResolution: number }[];
  let targetId: string;
  /** the graph's ranks of the target: Level 0's graded sections and the archive's E.b, by field */
  const graph = new Map<string, Rank[]>();
  let pdfRows: string;

  beforeAll(async () => {
    stack = await startTestStack();
    dir = mkdtempSync(join(tmpdir(), 'vrs-batch-ranks-'));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('batch: every map is validated or refused with its code; the rank table holds each ranked number the batch computed', async () => {
    const list = join(dir, 'maps.txt');
    writeFileSync(list, ['# every real map, each with the reported resolution this test gives it', ...Object.entries(MAPS).map(([f, r]) => `${join(REAL_MAPS_DIR, f)}${r === null ? '' : ` ${r}`}`)].join('\n') + '\n');
    const csvPath = join(dir, 'batch.csv');
    const t0 = Date.now();
    const batch = await runVrs(['batch', list, '--gateway', stack.app.url, '--csv', csvPath], dir, {});
    console.log(`[batch-ranks-pdf.test] vrs batch of ${Object.keys(MAPS).length} maps: ${((Date.now() - t0) / 1000).toFixed(1)} s wall\n${batch.stdout}`);
    const csv = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const failed = csv.filter((c) => c[4] === 'FAILED' || c[4] === 'REFUSED');
    expect(batch.code, batch.stderr).toBe(failed.length ? 1 : 0);
    for (const c of failed) expect(c[6], c.join(',')).toMatch(/^[A-Z_]+$/);
    expect(batch.stderr).not.toMatch(/no ranks stored/); // the batch asks no rank any more

    const listed = await stack.gql(`{ mapList(first: 50) { edges { node { id name reportedResolution } } } }`);
    expect(listed.errors).toBeUndefined();
    maps = (listed.data.mapList.edges as { node: { id: string; name: string; reportedResolution: number } }[]).map((e) => e.node);
    expect(maps.map((m) => [m.name, m.reportedResolution]).sort()).toEqual(Object.entries(MAPS).map(([f, r]) => [f, r ?? 7]).sort());
    const nameOf = (id: string) => maps.find((m) => m.id === id)!.name;
    // the refused maps: one REFUSED line each with the code, and no section rows
    expect(Object.fromEntries(csv.filter((c) => c[4] === 'REFUSED').map((c) => [c[0]!.split('/').pop(), c[6]]))).toEqual(REFUSED);
    for (const f of Object.keys(REFUSED)) expect(csv.filter((c) => c[0]!.endsWith(`/${f}`)).length).toBe(1);

    // the rank table as the batch left it (no rank asked yet)
    const stored = await stack.app.backend.store.dataSource.query(`SELECT map_id, metric, resolution, value FROM metric_ranks WHERE profile = 'standard'`) as Stored[];
    const layout = (await stack.gql(`{ reportLayout { field sections { field graded } } }`)).data.reportLayout as { field: string; sections: { field: string; graded: boolean }[] }[];
    const fields = layout.find((l) => l.field === 'level0')!.sections.filter((s) => s.graded).map((s) => s.field);
    // which sections are ranked, and their rank rows' metrics: asked on the target below; here
    // every stored row's map and resolution are right
    for (const r of stored) expect(r.resolution, `${nameOf(r.map_id)} ${r.metric}`).toBe(MAPS[nameOf(r.map_id)] ?? 7);
    const noRank: Record<string, string> = {};
    const reasons: string[] = [];
    for (const m of maps) {
      if (REFUSED[m.name]) { expect(stored.filter((r) => r.map_id === m.id)).toEqual([]); continue; }
      for (const f of fields) {
        const row = csv.find((c) => c[1] === m.id && c[2] === f)!;
        expect(row, `${m.name} ${f}`).toBeDefined();
        const has = stored.some((r) => r.map_id === m.id && r.metric.startsWith(`level0.${f}.`));
        const s = await stack.gql(`query($id: ID!) { map(id: $id) { level0 { ${f} { status statusReason } } } }`, { id: m.id });
        const status = row[4] === 'FAILED' ? `FAILED ${row[6]}` : s.data?.map.level0[f]?.status;
        if (row[4] === 'DONE') expect(s.errors, `${m.name} ${f}`).toBeUndefined();
        // a section that declares ranked numbers but has no row on this map: stated
        if (RANKED.has(f) && !has) {
          noRank[`${m.name} ${f}`] = status;
          reasons.push(`${m.name} ${f}: ${status}: ${s.data?.map.level0[f]?.statusReason ?? row[7]}`);
        }
        if (!RANKED.has(f)) expect(has, `${m.name} ${f}`).toBe(false);
        if (has) expect(['OK', 'WARNING'], `${m.name} ${f}`).toContain(status);
      }
    }
    console.log(`[batch-ranks-pdf.test] ranked sections without a rank:\n${reasons.join('\n')}`);

    // the target's ranks: counted here from the table as the batch left it
    targetId = maps.find((m) => m.name === TARGET)!.id;
    for (const f of fields) {
      const r = await stack.gql(`query($id: ID!) { map(id: $id) { level0 { ${f} { ${RANK} } } } }`, { id: targetId });
      expect(r.errors, f).toBeUndefined();
      graph.set(f, r.data.map.level0[f].rank);
    }
    const target = [...graph.values()].flat();
    expect(target.length).toBeGreaterThan(3);
    for (const r of target) {
      expect([r.binLow, r.binHigh]).toEqual([10, 12]);
      const inBin = stored.filter((x) => x.metric === r.metric && x.resolution >= 10 && x.resolution <= 12);
      expect(inBin.find((x) => x.map_id === targetId)?.value, r.metric).toBe(r.value);
      expect(r.mapsInBin, r.metric).toBe(inBin.length);
      expect(r.percentile, r.metric).toBeCloseTo((100 * inBin.filter((x) => x.value <= r.value).length) / inBin.length, 10);
    }
    // the six maps of the bin are counted where all six have the number
    expect(Math.max(...target.map((r) => r.mapsInBin))).toBe(6);
    expect(noRank).toEqual(NO_RANK);
  }, 3_600_000);

  it('the PDF carries the graph\'s rank numbers and bin sizes', async () => {
    expect(targetId).toBeDefined();
    const res = await fetch(`${stack.app.url}/maps/${targetId}/report.pdf`);
    expect(res.status).toBe(200);
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const text = pdfText(pdf).join('\n');
    expect(text).toMatch(/Ranking among the maps validated here/);
    expect(text).toMatch(/reported resolution is in 10–12 Å/);
    // the report asks the archive checks' rank too (E.b): its row is checked against the graph the same way
    const e = await stack.gql(`query($id: ID!) { map(id: $id) { archive { volume { ${RANK} } } } }`, { id: targetId });
    expect(e.errors).toBeUndefined();
    graph.set('archive.volume', e.data.map.archive.volume.rank);
    for (const r of [...graph.values()].flat()) {
      const value = fx(r.value, 3) + (r.unit ? ` ${r.unit}` : '');
      const line = new RegExp(`${escape(r.label)}\\s+${escape(value)}\\s+${escape(fx(r.percentile, 1))}\\s+${r.mapsInBin}\\s`);
      expect(text, `${r.metric}: ${r.label} ${value} ${fx(r.percentile, 1)} ${r.mapsInBin}`).toMatch(line);
    }
    pdfRows = text;
  }, 600_000);

  it('the dashboard\'s map page shows the same rank rows (percentile, maps in bin) as the graph and the PDF', async () => {
    expect(pdfRows).toBeDefined();
    browser = await launchChromium();
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${stack.app.url}/#/map/${targetId}`, { waitUntil: 'networkidle0' });
    let shown = 0;
    for (const [key, rows] of graph) {
      const [level, field] = key.includes('.') ? key.split('.') as [string, string] : ['level0', key];
      const card = `.level-block[data-level=${level}] .card[data-section=${field}]`;
      await page.waitForSelector(`${card}[data-verdict]`, { timeout: 120_000 });
      if (!rows.length) {
        expect(await page.$(`${card} .ranks`), key).toBeNull();
        continue;
      }
      await page.waitForSelector(`${card} .ranks`, { timeout: 60_000 });
      const seen = await page.$$eval(`${card} .ranks tbody tr`, (trs) => trs.map((tr) => ({
        metric: tr.getAttribute('data-metric'), percentile: tr.querySelector('.percentile')!.textContent, mapsInBin: tr.querySelector('.in-bin')!.textContent,
      })));
      expect(seen, key).toEqual(rows.map((r) => ({ metric: r.metric, percentile: r.percentile.toFixed(1), mapsInBin: String(r.mapsInBin) })));
      expect(await page.$eval(`${card} .ranks caption`, (c) => c.textContent)).toContain('in 10–12 Å');
      // and the PDF has the same percentile and bin size on the row of the same label
      for (const r of rows) expect(pdfRows, r.metric).toMatch(new RegExp(`${escape(r.label)}\\s+\\S+(?: \\S+)?\\s+${escape(fx(r.percentile, 1))}\\s+${r.mapsInBin}\\s`));
      shown += seen.length;
    }
    expect(shown).toBe([...graph.values()].flat().length);
    const shot = join(process.env.VRS_SCREENSHOT_DIR ?? dir, 'batch-ranks-dashboard.png');
    const first = [...graph].find(([, rows]) => rows.length)![0];
    await page.$eval(`.level-block[data-level=level0] .card[data-section=${first}] .ranks`, (el) => el.scrollIntoView());
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`[batch-ranks-pdf.test] screenshot: ${shot}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});

/**
 * The dashboard's half-map and model slots in Debian's Chromium against the whole stack: a map
 * made from the real model 1A8O at 6 Å with two half maps (the same signal, independent noise;
 * no real half-map pair is small enough to keep, see the real data's README) and the model
 * file itself (1A8O.pdb.gz, unchanged) are uploaded through the page; Level 1, Level A and the
 * archive checks are run from the map page; every card ends with a verdict, its key numbers
 * are the graph's with the units the schema gives (Å, %, nm³…) under labels in words, the FSC
 * plots of 1.a, 1.b and A.a are drawn on their cards (each canvas holds its curves' colours; hovering it gives the frequency with its
 * resolution in Å), and A.a's CC and A.e's Q-score of each residue (the bars red exactly when the
 * graph has a residue below CC 0.5; hovering names the residue); no key number on any card is
 * labelled by its field name in words; axe-core finds no serious violation; nothing overflows at
 * 360 and 1920 px, and no two of the plots' label boxes meet there, 1.a's crossings each named on
 * the canvas or in the list under it (screenshots in dist/screenshots/, the Level A block alone
 * in map-levelA-*.png); no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumMissing, guardPage, launchChromium } from '../../report-renderer/chromium.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { syntheticFitCase } from '../../worker-pool/metrics/levelA/testing.js';
import { fieldInWords } from '../../worker-pool/metrics/units.js';
import { REAL_MODELS_DIR, REPO_ROOT } from '../../worker-pool/paths.js';
import { seriousAxeViolations } from '../testing/axe.js';
import { canvasInk, until } from '../testing/browser.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

const noChromium = chromiumMissing();
if (noChromium && !process.env.CI) console.warn(`[dashboard-levels.test] skipping: ${noChromium}`);
const SHOTS = join(REPO_ROOT, 'dist', 'screenshots');
const VERDICTS = ['OK', 'WARNING', 'NOT_APPLICABLE', 'FAILED'];
/** The FSC plots' curves as the dashboard draws them (dashboard/src/fsc-plot.tsx, the report's colours), by card. */
const FSC_PLOTS = [
  { level: 'level1', section: 'globalResolution', title: 'Fourier shell correlation of the half maps (1.a)', curves: { unmasked: '#1f5fa8', masked: '#2e8b3a', corrected: '#c0392b' },
    legend: ['spatial frequency (1/Å)', 'unmasked', 'masked', 'phase-randomised (masked)', 'corrected', 'half-bit'] },
  { level: 'level1', section: 'fscPermutation', title: 'FSC permutation test (1.b)', curves: { fsc: '#1f5fa8', significant: '#c0392b' },
    legend: ['spatial frequency (1/Å)', 'FSC (circular mask)', 'significant at 1 % FDR'] },
  { level: 'levelA', section: 'fit', title: 'Map–model FSC (A.a)', curves: { unmasked: '#1f5fa8', masked: '#d9731a' },
    legend: ['spatial frequency (1/Å)', 'unmasked', 'masked (around the atoms)'] },
];
/** A.a's and A.e's per-residue plots (dashboard/src/residue-plots.tsx, the report's colours): bars blue at CC ≥ 0.5, red below; Q a blue line, the Q expected at the resolution a green one. */
const RESIDUE_PLOTS = [
  { section: 'fit', title: 'CC of each residue (A.a)', yLabel: 'CC (unitless)', curves: { good: '#1f5fa8' }, legend: ['residue (model order)', 'CC ≥ 0.5', 'CC < 0.5'] },
  { section: 'qScore', title: 'Q-score of each residue (A.e)', yLabel: 'Q-score (unitless)', curves: { q: '#1f5fa8', expected: '#2e8b3a' }, legend: ['residue (model order)', 'Q of the residue (mean of its atoms)'] },
];
const LOW_RED = '#c0392b';
/** A plot on a card, by its title (a card may hold two: A.a's FSC and its residues' CC). */
const plotOf = (level: string, section: string, title: string) => `.level-block[data-level=${level}] .card[data-section=${section}] .plot[aria-label^="${title}:"]`;

/** Key numbers' labels as a reader should see them (read from the schema's descriptions), written here by hand. */
const LABELS: [string, string, string, string][] = [
  ['level1', 'globalResolution', 'resolution0143', 'Resolution where the corrected masked FSC falls below 0.143'],
  ['level1', 'globalResolution', 'resolution0143Unmasked', 'Resolution where the unmasked FSC falls below 0.143'],
  ['level1', 'globalResolution', 'maskFraction', 'Fraction of the box the soft mask covers'],
  ['level1', 'fscPermutation', 'maskRadius', "Radius of SPOC's circular mask"],
  ['levelA', 'fit', 'fsc05Masked', 'Map–model FSC = 0.5, masked'],
  ['levelA', 'fit', 'ccMask', 'CC inside the mask around the atoms'],
  ['levelA', 'fscQ', 'percentOutliers', '% of the atoms with |FSC-Qr| > 1.5'],
  ['archive', 'volume', 'enclosedVolume', 'Volume at or above the contour'],
  ['level1', 'globalResolution', 'resolutionSsnr', 'Resolution where the SSNR falls below 2'],
];

/** The label boxes a plot drew (LinePlot's data-labels) that meet another, and the marks named nowhere (neither on the canvas nor in the list under it). */
const labelClashes = `[...document.querySelectorAll('.level-block .plot[data-labels]')].flatMap((p) => {
  const b = JSON.parse(p.dataset.labels), out = [];
  for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++)
    if (b[i].x < b[j].x + b[j].w && b[j].x < b[i].x + b[i].w && b[i].y < b[j].y + b[j].h && b[j].y < b[i].y + b[i].h) out.push(p.getAttribute('aria-label') + ': ' + b[i].text + ' / ' + b[j].text);
  return out;
})`;

/** How the card writes a number with its unit (dashboard/src/format.ts `quantity`), written here independently. */
const shown = (v: number | null, unit: string | null) => (v == null ? '–' : `${Number(v.toPrecision(4))}${unit ? ` ${unit}` : ''}`);

/** Every card of a level block holds a verdict; an ungraded section (input figures, A's model placement) is DONE. */
const judged = (level: string, ungraded: string[]) => `(() => { const c = [...document.querySelectorAll('.level-block[data-level=${level}] .card')];
  return c.length > 0 && c.every((e) => ${JSON.stringify(VERDICTS)}.includes(e.dataset.verdict) || (${JSON.stringify(ungraded)}.includes(e.dataset.section) && e.dataset.verdict === 'DONE')); })()`;

describe.skipIf(noChromium !== null && !process.env.CI)('dashboard: half maps and a model uploaded, Level 1 and Level A run from the page', () => {
  let stack: TestStack;
  let browser: Browser;
  let tmp: string;
  let contour: number;
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
    tmp = mkdtempSync(join(tmpdir(), 'vrs-dashboard-levels-'));
    mkdirSync(SHOTS, { recursive: true });
    // the map and its halves in the model file's frame (their origin), so the model fits as it is
    const c = syntheticFitCase('1A8O.pdb.gz', { resolution: 6, voxelSize: 1.5, noise: 0.3, halves: true });
    const at = { ...c.map, origin: c.fileFrameOrigin };
    writeFileSync(join(tmp, '1a8o_map.mrc'), writeMrc(at));
    writeFileSync(join(tmp, '1a8o_half1.mrc'), writeMrc({ ...at, data: c.half1! }));
    writeFileSync(join(tmp, '1a8o_half2.mrc'), writeMrc({ ...at, data: c.half2! }));
    copyFileSync(join(REAL_MODELS_DIR, '1A8O.pdb.gz'), join(tmp, '1A8O.pdb.gz'));
    // a contour a user would pick: the level above which 5 % of the voxels lie
    const sorted = Float64Array.from(c.map.data).sort();
    contour = Number(sorted[Math.floor(0.95 * sorted.length)]!.toPrecision(3));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('uploads a map, its half maps and its model through the page; Level 1, A and the archive fill in with units and the FSC plot', async () => {
    const problems: string[] = [];
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page: ${String(e)}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
    await guardPage(page);
    await page.goto(`${stack.app.url}/`, { waitUntil: 'networkidle0' });

    // the upload form's slots: map, half maps, model; the threshold and resolution fields
    await (await page.$('input[name=file]'))!.uploadFile(join(tmp, '1a8o_map.mrc'));
    await (await page.$('input[name=half1]'))!.uploadFile(join(tmp, '1a8o_half1.mrc'));
    await (await page.$('input[name=half2]'))!.uploadFile(join(tmp, '1a8o_half2.mrc'));
    await (await page.$('input[name=model]'))!.uploadFile(join(tmp, '1A8O.pdb.gz'));
    await page.type('input[name=contourLevel]', String(contour));
    await page.type('input[name=reportedResolution]', '6');
    await page.click('#upload button[type=submit]');
    await until(page, "document.querySelector('#message')?.textContent.startsWith('Registered 1a8o_map.mrc')", 120_000);
    await page.waitForSelector('tr[data-id]');
    const id = (await page.$eval('tr[data-id]', (tr) => tr.getAttribute('data-id')))!;
    // linked as the graph says: the half maps and the model, by name
    const map = (await stack.gql(`query($id: ID!) { map(id: $id) { contourLevel reportedResolution halfMaps { half1 { name } half2 { name } } model { name atoms } } }`, { id })).data.map;
    expect(map).toMatchObject({ contourLevel: contour, reportedResolution: 6, halfMaps: { half1: { name: '1a8o_half1.mrc' }, half2: { name: '1a8o_half2.mrc' } }, model: { name: '1A8O.pdb.gz' } });
    expect(map.model.atoms).toBeGreaterThan(600);
    // the row shows a chip line for each level the map's inputs allow
    await until(page, `['level0', 'level1', 'levelA', 'archive'].every((l) => document.querySelector('tr[data-id] .level[data-level=' + l + ']'))`, 30_000);

    // the map page: run every level still idle from its own button
    await page.click(`tr[data-id="${id}"] a.map-name`);
    await page.waitForSelector('.level-block[data-level=levelA] .card');
    expect(await page.$eval('.facts', (e) => e.textContent)).toContain('half maps 1a8o_half1.mrc, 1a8o_half2.mrc');
    for (const level of ['level1', 'levelA', 'archive']) {
      const run = `.level-block[data-level=${level}] button[data-action=start]`;
      await page.waitForSelector(`${run}, .level-block[data-level=${level}] .summary`, { timeout: 60_000 });
      // clicked in the page, not at coordinates: the blocks above grow as their cards fill in
      if (await page.$(run)) await page.evaluate(`document.querySelector('${run}').click()`);
      await until(page, `!document.querySelector('${run}')`, 60_000);
    }
    const layout = (await stack.gql(`{ reportLayout { field sections { field graded } } }`)).data.reportLayout as { field: string; sections: { field: string; graded: boolean }[] }[];
    for (const level of ['level0', 'level1', 'levelA', 'archive']) {
      const ungraded = layout.find((l) => l.field === level)!.sections.filter((x) => !x.graded).map((x) => x.field);
      await until(page, judged(level, ungraded), 600_000).catch(async (e) => {
        // what the page and the graph say, to tell a stuck page from a slow computation
        const cards = await page.evaluate(`[...document.querySelectorAll('.level-block[data-level=${level}] .card')].map((x) => x.dataset.section + '=' + x.dataset.verdict)`) as string[];
        const status = (await stack.gql(`query($id: ID!) { s: ${level}Status(mapId: $id) { section state } }`, { id })).data?.s;
        throw new Error(`${(e as Error).message}\npage: ${cards.join(' ')}\ngraph: ${JSON.stringify(status)}`);
      });
    }
    await until(page, "['level1', 'levelA'].every((l) => document.querySelector('[data-testid=summary-' + l + ']'))", 60_000);

    // key numbers: the graph's, with the units of the schema's descriptions
    const graph = (await stack.gql(`query($id: ID!) { map(id: $id) {
      level1 { globalResolution { status resolution0143 resolution0143Unmasked resolution05 resolutionHalfBit maskFraction } fscPermutation { status resolution maskRadius } summary { score evaluable } }
      levelA { fit { status fsc05Masked ccMask residues { cc } } qScore { status residues { q } } fscQ { status percentOutliers } summary { score evaluable } }
      archive { volume { enclosedVolume } }
    } }`, { id })).data.map;
    expect(graph.level1.globalResolution.status).not.toBe('FAILED');
    expect(graph.level1.globalResolution.resolution0143).toBeGreaterThan(3);
    expect(graph.levelA.fit.status).not.toBe('FAILED');
    const number = (level: string, section: string, field: string) =>
      page.$eval(`.level-block[data-level=${level}] .card[data-section=${section}] .numbers [data-field=${field}] dd`, (e) => e.textContent);
    const g1 = graph.level1.globalResolution;
    expect(await number('level1', 'globalResolution', 'resolution0143')).toBe(shown(g1.resolution0143, 'Å'));
    expect(await number('level1', 'globalResolution', 'resolution0143Unmasked')).toBe(shown(g1.resolution0143Unmasked, 'Å'));
    expect(await number('level1', 'globalResolution', 'maskFraction')).toBe(shown(g1.maskFraction, null)); // dimensionless
    expect(await number('level1', 'fscPermutation', 'maskRadius')).toBe(shown(graph.level1.fscPermutation.maskRadius, 'Å'));
    expect(await number('levelA', 'fit', 'fsc05Masked')).toBe(shown(graph.levelA.fit.fsc05Masked, 'Å'));
    expect(await number('levelA', 'fit', 'ccMask')).toBe(shown(graph.levelA.fit.ccMask, null));
    expect(await number('levelA', 'fscQ', 'percentOutliers')).toBe(shown(graph.levelA.fscQ.percentOutliers, '%'));
    expect(await number('archive', 'volume', 'enclosedVolume')).toBe(shown(graph.archive.volume.enclosedVolume, 'nm³'));
    // the summaries are the graph's
    for (const level of ['level1', 'levelA']) {
      const s = graph[level].summary;
      expect(await page.$eval(`[data-testid=summary-${level}] .score strong`, (e) => e.textContent)).toBe(`${s.score} / ${s.evaluable}`);
    }

    // the key numbers' labels: words, not field names
    for (const [level, section, field, label] of LABELS) {
      expect(await page.$eval(`.level-block[data-level=${level}] .card[data-section=${section}] .numbers [data-field=${field}] dt`, (e) => e.textContent)).toBe(label);
    }

    // no key number on any card of the four levels is labelled by its field name in words (labelOfDescription's fallback)
    const labels = (await page.evaluate(`[...document.querySelectorAll('.level-block .card .numbers [data-field]')].map((e) => [e.closest('.level-block').dataset.level, e.dataset.field, e.querySelector('dt').textContent])`)) as [string, string, string][];
    for (const level of ['level0', 'level1', 'levelA', 'archive']) expect(labels.filter(([l]) => l === level).length, level).toBeGreaterThan(3);
    expect(labels.filter(([, field, label]) => label === fieldInWords(field) || label === field)).toEqual([]);

    // the FSC plots of 1.a, 1.b and A.a: drawn (their curves' colours on the canvas), the frequency with its resolution on hover
    for (const { level, section, title, curves, legend } of FSC_PLOTS) {
      const plot = plotOf(level, section, title);
      await page.waitForSelector(`${plot} canvas`, { timeout: 60_000 });
      expect(await page.$eval(plot, (e) => e.getAttribute('aria-label'))).toBe(`${title}: FSC against spatial frequency (1/Å)`);
      const ink = await canvasInk(page, `${plot} canvas`, Object.values(curves));
      console.log(`[dashboard-levels.test] ${section} FSC plot: ${(100 * ink.ink / ink.total).toFixed(1)} % of its pixels drawn; per curve ${JSON.stringify(ink.byColour)}`);
      expect(ink.ink / ink.total).toBeGreaterThan(0.02);
      for (const [name, colour] of Object.entries(curves)) expect(ink.byColour[colour], `${section} ${name}`).toBeGreaterThan(40);
      expect(await page.$$eval(`${plot} .u-legend .u-series .u-label`, (l) => l.map((e) => e.textContent))).toEqual(legend);
      await (await page.$(`${plot} .u-over`))!.hover(); // scrolled into view, the pointer at its centre
      await until(page, `/^[0-9.]+ 1\\/Å \\([0-9.]+ Å\\)$/.test(document.querySelector('${plot} .u-legend .u-series .u-value')?.textContent ?? '')`, 10_000);
    }
    // A.a's CC and A.e's Q of each residue: drawn in their colours (red bars exactly when the graph has a residue below 0.5), the residue named on hover
    const lowCc = graph.levelA.fit.residues.filter((r: { cc: number | null }) => r.cc != null && r.cc < 0.5).length;
    expect(graph.levelA.qScore.residues.some((r: { q: number | null }) => r.q != null)).toBe(true);
    for (const { section, title, yLabel, curves, legend } of RESIDUE_PLOTS) {
      const plot = plotOf('levelA', section, title);
      await page.waitForSelector(`${plot} canvas`, { timeout: 60_000 });
      expect(await page.$eval(plot, (e) => e.getAttribute('aria-label'))).toBe(`${title}: ${yLabel} against residue (model order)`);
      const ink = await canvasInk(page, `${plot} canvas`, [...Object.values(curves), LOW_RED]);
      console.log(`[dashboard-levels.test] ${section} residue plot: ${(100 * ink.ink / ink.total).toFixed(1)} % of its pixels drawn; per colour ${JSON.stringify(ink.byColour)}; residues with CC < 0.5: ${lowCc}`);
      for (const [name, colour] of Object.entries(curves)) expect(ink.byColour[colour], `${section} ${name}`).toBeGreaterThan(40);
      if (section === 'fit') {
        if (lowCc > 0) expect(ink.byColour[LOW_RED], 'red bars of the residues with CC < 0.5').toBeGreaterThan(4);
        else expect(ink.byColour[LOW_RED], 'no residue has CC < 0.5: no red bar').toBe(0);
      }
      expect(await page.$$eval(`${plot} .u-legend .u-series .u-label`, (l) => l.map((e) => e.textContent))).toEqual(legend);
      await (await page.$(`${plot} .u-over`))!.hover();
      await until(page, `/^chain \\S+, [A-Z0-9]{1,3} -?[0-9]+$/.test(document.querySelector('${plot} .u-legend .u-series .u-value')?.textContent ?? '')`, 10_000);
      console.log(`[dashboard-levels.test] ${section} hovered: ${await page.$eval(`${plot} .u-legend`, (e) => e.textContent)}`);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    for (const width of [360, 1920]) {
      await page.setViewport({ width, height: 900 });
      await new Promise((r) => setTimeout(r, 500)); // plots and the 3D view follow their boxes
      await until(page, "[...document.querySelectorAll('.figures img')].every((i) => i.complete && i.naturalWidth > 0)", 30_000);
      await page.screenshot({ path: join(SHOTS, `map-levels-${width}.png`), fullPage: true });
      await (await page.$('.level-block[data-level=levelA]'))!.screenshot({ path: join(SHOTS, `map-levelA-${width}.png`) });
      // the plots' labels: no two boxes meet; 1.a's four crossings each named, on the canvas or in the list under it
      expect(await page.evaluate(labelClashes), `label boxes overlap at ${width} px`).toEqual([]);
      const fsc = plotOf('level1', 'globalResolution', FSC_PLOTS[0]!.title);
      const named = (await page.$eval(fsc, (e) => [...JSON.parse(e.getAttribute("data-labels")!).map((b: { text: string }) => b.text),
        ...[...(e.nextElementSibling?.matches('ol.plot-marks') ? e.nextElementSibling.querySelectorAll('li') : [])].map((li) => li.textContent!.replace(/^\d+ /, ''))])) as string[];
      const g = graph.level1.globalResolution;
      for (const [what, d] of [['0.143 corrected', g.resolution0143], ['0.143 unmasked', g.resolution0143Unmasked], ['0.5', g.resolution05], ['half-bit', g.resolutionHalfBit]] as [string, number | null][])
        if (d != null) expect(named, `${what} at ${width} px`).toContain(`${what}: ${Number(d.toPrecision(3))} Å`);
      console.log(`[dashboard-levels.test] 1.a crossings at ${width} px: ${JSON.stringify(named)}`);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      expect(overflow, `the map page at ${width} px overflows by ${overflow} px`).toBe(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 1_200_000);
});

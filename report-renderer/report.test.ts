import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRendererError } from './errors.js';
import { findChromium, isLocalUrl } from './chromium.js';
import { emd3271Fixture, FIXTURE_LAYOUT, noResolutionFixture, SHA, type Fixture } from './fixtures/emd-3271.js';
import { loadSectionModules, renderReportHtml, renderReportPdf, reportQuery, type Executor, type RenderedPdf, type RenderOptions } from './index.js';
import { layoutForInputs } from './report-query.js';

/** Every heading of the report. */
const HEADINGS = [
  'Validation Report Service', 'Basic Entry Information', 'Summarized overall quality', 'Contents',
  '1 Input data', '2 Level 0 analysis',
  '2.1 Level 0.a Mass analysis', '2.2 Level 0.b Mask analysis', '2.3 Level 0.c Background analysis',
  '2.4 Level 0.d B-factor analysis', '2.5 Level 0.e Local resolution', '2.6 Level 0.f Local B-factor',
  '2.7 Level 0.g Local Occupancy', '2.8 Level 0.h Hand',
];

/** The numbers of the reference report (EMD-3271) as the report must print them. */
const NUMBERS = [
  SHA, 'EMD-3271', '1.512000', '0.159000', '8.9',
  '119.45', '200.00', '0.00',
  '31', '2418402', '8359565.30', '2101362', '7263669.50', '86.89', '10676', '36903.18', '95.26', '10414.55', '3.46', '10624', '10240',
  'Their size go from 10624 voxels (36723.43 Å³) to 10240 voxels (35396.08 Å³).',
  '0.0318', '4558820.00', '13055.71', '118688.24', '0.7641', '672.00', '1.92', '17.50', '3114758', '10766623.12', '0.87', '13.11',
  '-1398.78', '0.000000', '-0.007755', '0.043261', '1.08', '0.000057', '18923.212763',
  '-587.5', '-146.9', '-10.5',
  '9.76', '12.56', '12.90', '8.90', '0.7', 'median 12.9 Å, 2.5–97.5 % range 9.8–12.9 Å',
  'Public Data-based Report', 'This report has been generated based on data publicly available at EMDB (EMD-3271).', 'Context',
  '-2400.31', '-1688.91', '-1352.54', '-997.11', '-316.12',
  '0.20', '0.60', '0.80', '1.00',
  '3 out of 7 evaluable items',
];

function fakeExecutor(f: Fixture, seen: { variables?: Record<string, unknown> } = {}): Executor {
  return async (query, variables) => {
    parse(query); // the report query is a valid GraphQL document
    if (query.includes('reportLayout')) return { data: { reportLayout: structuredClone(FIXTURE_LAYOUT) } };
    seen.variables = variables;
    return { data: { map: structuredClone(f.map) } };
  };
}

function options(f: Fixture): RenderOptions {
  return {
    loadArtifact: async (sha) => f.artifacts.get(sha) ?? null,
    surfaces: {
      mesh: async () => f.mesh,
      // a smooth ramp across the box in place of a local map, spanning p2.5 … p97.5
      vertexValues: async (_k, a) => {
        const p = a.percentiles!;
        const n = f.mesh.positions.length / 3;
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) out[i] = p.p2_5 + ((p.p97_5 - p.p2_5) * f.mesh.positions[3 * i]!) / (f.volume.nx * f.volume.voxelSize.x);
        return out;
      },
    },
    now: new Date('2026-01-01T00:00:00Z'),
  };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('report HTML (no browser)', () => {
  it('shows every heading and every number of the reference report, from one query', async () => {
    const f = emd3271Fixture();
    const seen: { variables?: Record<string, unknown> } = {};
    const { html, figureCount } = await renderReportHtml(fakeExecutor(f, seen), { mapId: SHA, threshold: 0.159, resolution: 8.9, profile: 'vrs-2024' }, options(f));
    expect(seen.variables).toEqual({ id: SHA, threshold: 0.159, resolution: 8.9, profile: 'VRS_2024', voxelSize: null }); // null: the header's voxel size
    const text = squash(html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&quot;/g, "'").replace(/&amp;/g, '&'));
    for (const h of HEADINGS) expect(text, h).toContain(h);
    for (const n of NUMBERS) expect(text, n).toContain(n);
    expect(figureCount).toBe(17); // as many figures as the reference report
    // nothing to fetch from outside (SVG namespace names are not fetched); checked as a boolean so a failure does not print the page
    expect(/https?:\/\/(?!127\.0\.0\.1)/.test(html.replace(/xmlns="[^"]*"/g, ''))).toBe(false);
    expect(text).toContain('ln(mean |F|) = -146.9/R² + (-10.5)'); // the corrected label (level0.md decisions)
  });

  it('long tables may run over pages with their header row: the summary table and the mass table; the component sizes are a numbered table', async () => {
    const f = emd3271Fixture();
    const { html } = await renderReportHtml(fakeExecutor(f), { mapId: SHA, threshold: 0.159, resolution: 8.9, profile: 'vrs-2024' }, options(f));
    // the paginator cuts a .blk.split block's table between rows and repeats its <thead> (paginate.test.ts)
    // (checked as booleans so that a failure does not print the page)
    expect(/<div class="blk split"><table class="summary"><thead><tr><th>Section<\/th>/.test(html)).toBe(true);
    expect(/<div class="blk split"><p>The following table shows the variation of the mass.*?<\/p><table class="data"><thead>/.test(html)).toBe(true);
    const comp = /<div class="blk split"><table class="data components"><thead>(.*?)<\/thead><tbody>(.*?)<\/tbody><\/table><\/div>/.exec(html);
    expect(comp).not.toBeNull();
    const components = f.map.level0.mask!.components;
    const rows = comp![2]!.split('</tr>').filter((r) => r.includes('<td'));
    expect(rows).toHaveLength(Math.ceil(components.length / 2)); // two components a row
    // numbered 1…n, row by row, each with its voxels and cumulated percentage
    const cells = rows.flatMap((r) => r.split('<td class="gap"></td>')).map((g) => [...g.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]));
    const filled = cells.filter((c) => c.length === 5 && c[0] !== '');
    expect(filled.map((c) => Number(c[0]))).toEqual(components.map((_, k) => k + 1));
    expect(filled.map((c) => Number(c[1]))).toEqual(components.map((c) => c.voxels));
    expect(filled.map((c) => Number(c[4]))).toEqual(components.map((c) => c.cumulativePercentage));
    expect(html.includes('complist')).toBe(false); // no run-on paragraph
  });

  it('a map with no resolution: 0.d–0.h "does not apply" and the score counts the evaluable sections only', async () => {
    const f = noResolutionFixture();
    const { html } = await renderReportHtml(fakeExecutor(f), { mapId: SHA }, options(f));
    const text = squash(html.replace(/<[^>]+>/g, ' '));
    expect(text.match(/Results: No resolution was reported; this analysis needs one\./g)?.length).toBe(5); // the reason, once, no 'does not apply:' prefix
    expect(text.match(/STATUS: Does not apply/g)?.length).toBe(5);
    expect(text.match(/Sec\. 2\.\d Does not apply/g)?.length).toBe(5);
    expect(text).toContain('1 out of 3 evaluable items');
    expect(text).toContain('No resolution was reported');
    expect(text).toContain('Resolution estimated by user: not reported');
    expect(text).not.toContain('Guinier plot');
  });

  it('a section the graph answered with an error is printed as could-not-be-measured among the others; other errors fail the report', async () => {
    const f = emd3271Fixture();
    const failing: Executor = async (query) => {
      if (query.includes('reportLayout')) return { data: { reportLayout: FIXTURE_LAYOUT } };
      const map = structuredClone(f.map) as any;
      map.level0.background = null;
      map.level0.mass = null;
      return {
        data: { map },
        errors: [
          { message: 'Cannot return null for non-nullable field BackgroundAnalysis.tStatistic.', path: ['map', 'level0', 'background', 'tStatistic'] },
          { message: 'The mask is empty at threshold 9 (no voxel is at or above it); try a lower threshold.', path: ['map', 'level0', 'mass'], extensions: { code: 'THRESHOLD_EMPTY_MASK' } },
        ],
      } as any;
    };
    const text = squash((await renderReportHtml(failing, { mapId: SHA }, options(f))).html.replace(/<[^>]+>/g, ' '));
    expect(text).toContain('This analysis could not be measured: [THRESHOLD_EMPTY_MASK] The mask is empty at threshold 9');
    expect(text).toContain('This analysis could not be measured: [ERROR] Cannot return null for non-nullable field BackgroundAnalysis.tStatistic.');
    expect(text).toContain('-587.5'); // 0.d still printed
    const broken: Executor = async (query) => (query.includes('reportLayout') ? { data: { reportLayout: FIXTURE_LAYOUT } } : { data: { map: null }, errors: [{ message: 'No map has id x', path: ['map'], extensions: { code: 'MAP_NOT_REGISTERED' } }] } as any);
    await expect(renderReportHtml(broken, { mapId: SHA }, options(f))).rejects.toMatchObject({ code: 'REPORT_QUERY_FAILED', message: expect.stringContaining('MAP_NOT_REGISTERED') });
  });

  it('prints each section id once: titles of the contract ("0.a Mass analysis") and bare titles alike', async () => {
    const f = emd3271Fixture();
    const bare = structuredClone(f);
    for (const s of bare.map.level0.summary.sections) s.title = s.title.slice(4);
    const texts = await Promise.all([f, bare].map(async (x) => squash((await renderReportHtml(fakeExecutor(x), { mapId: SHA }, options(x))).html.replace(/<[^>]+>/g, ' '))));
    for (const text of texts) {
      expect(text).toContain('0.a Mass analysis Sec. 2.1 OK');
      expect(text).toContain('Section 2.2 (0.b Mask analysis)');
      expect(text).not.toMatch(/(0\.[a-h]) \1/);
    }
    expect(texts[0]).toContain('2.1 Level 0.a Mass analysis');
    expect(texts[0]).toContain('0.h Hand Sec. 2.8 Does not apply');
  });

  it('a section without a report file is printed generically, numbered from the layout', async () => {
    const f = emd3271Fixture();
    const layout = structuredClone(FIXTURE_LAYOUT);
    layout[0]!.sections.push({ field: 'extraCheck', id: '0.i', title: '0.i Extra check', number: '2.9', graded: true, typeName: 'ExtraCheck', scalarFields: ['score', 'method'] });
    const seen: string[] = [];
    const executor: Executor = async (query) => {
      if (query.includes('reportLayout')) return { data: { reportLayout: layout } };
      if (!query.includes('VrsReportInputs')) seen.push(query);
      const map = structuredClone(f.map) as any;
      map.level0.extraCheck = { ...map.level0.hand, id: '0.i', title: '0.i Extra check', status: 'OK', warnings: [], score: 0.25, method: 'new method' };
      return { data: { map } };
    };
    const text = squash((await renderReportHtml(executor, { mapId: SHA }, options(f))).html.replace(/<[^>]+>/g, ' '));
    // the report asks first which inputs the map has (the levels it prints), then the report query
    expect(seen.find((q) => q.includes('extraCheck'))).toMatch(/extraCheck \{ id title status .* score method rank \{ [^}]*percentile mapsInBin[^}]*\} \}/); // every graded section asks its ranks
    expect(text).toContain('2.9 Level 0.i Extra check');
    expect(text).toContain('Score 0.2500');
    expect(text).toContain('Method new method');
  });

  it('prints a FAILED 0.h with its reason and the vote it measured (a vote of low confidence: numbers never hidden)', async () => {
    const f = emd3271Fixture();
    const map = f.map as any;
    map.level0.hand = {
      ...map.level0.hand, status: 'FAILED', score: null, warnings: [], confidence: 0.18, weightedScore: -0.021, tubesFound: 23, tubesUsed: 21, helicesFound: 21,
      statusReason: 'The hand could not be measured: the density tubes do not agree on a hand.',
      evidence: ['23 density tubes of 8 Å or more found; 21 match an α-helix and vote.', 'Weighted score -0.021, z = -0.23; confidence 0.180 (low).'],
    };
    const text = squash((await renderReportHtml(fakeExecutor(f), { mapId: SHA }, options(f))).html.replace(/<[^>]+>/g, ' '));
    const at = text.indexOf('2.8 Level 0.h Hand');
    expect(at).toBeGreaterThan(0);
    const section = text.slice(at);
    expect(section).toContain('This analysis could not be measured: The hand could not be measured: the density tubes do not agree on a hand.');
    expect(section).toContain('23 density tubes of 8 Å or more found; 21 match an α-helix and vote.');
    expect(section).toContain('confidence 0.180 (low)');
    expect(section).not.toContain('The hand score is');
  });

  it('asks for every section of the contract in its single query', async () => {
    const modules = await loadSectionModules(FIXTURE_LAYOUT);
    const REPORT_QUERY = reportQuery(FIXTURE_LAYOUT, (l, s) => modules.get(l)!.get(s)!.fragment);
    parse(REPORT_QUERY);
    for (const field of ['inputData', 'mass', 'mask', 'background', 'bFactor', 'localResolution', 'localBFactor', 'localOccupancy', 'hand', 'summary', 'emdb']) {
      expect(REPORT_QUERY).toMatch(new RegExp(`\\b${field}\\b`));
    }
  });

  it('says how to get Chromium when there is none, and allows only local URLs', () => {
    try {
      findChromium({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
      expect.unreachable();
    } catch (e) {
      expect(isRendererError(e) && e.code).toBe('CHROMIUM_NOT_FOUND');
      expect((e as Error).message).toContain('apt-get install -y chromium');
    }
    expect(isLocalUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isLocalUrl('http://127.0.0.1:4000/artifacts/x.png')).toBe(true);
    expect(isLocalUrl('https://cdn.jsdelivr.net/npm/three')).toBe(false);
  });
});

describe('report PDF (system Chromium, poppler)', () => {
  let dir: string;
  let rendered: RenderedPdf;
  let pdfPath: string;
  let pagesText: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vrs-report-'));
    const f = emd3271Fixture();
    rendered = await renderReportPdf(fakeExecutor(f), { mapId: SHA, threshold: 0.159, resolution: 8.9, profile: 'vrs-2024' }, options(f));
    pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, rendered.pdf);
    pagesText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).split('\f').slice(0, rendered.pages);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is an A4 PDF whose page count matches pdfinfo, with no blank page', () => {
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(rendered.pages);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(rendered.layout.oversize).toBe(0);
    pagesText.forEach((t, k) => {
      expect(t.trim().length, `page ${k + 1}`).toBeGreaterThan(0);
      expect(t, `footer of page ${k + 1}`).toContain(`Page ${k + 1} of ${rendered.pages}`);
    });
  });

  it('contains every section heading and the same numbers (pdftotext)', () => {
    const text = squash(pagesText.join(' '));
    for (const h of HEADINGS) expect(text, h).toContain(h);
    for (const n of NUMBERS) expect(text, n).toContain(n);
  });

  it('prints the table of contents with the pages the headings are on', () => {
    const toc = rendered.layout.toc;
    expect(Object.keys(toc).sort()).toEqual(['1', '2', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8']);
    const tocPage = pagesText.findIndex((t) => /^\s*Contents\s*$/m.test(t));
    expect(tocPage).toBeGreaterThanOrEqual(0);
    for (const [n, page] of Object.entries(toc)) {
      const heading = HEADINGS.find((h) => h.startsWith(n + ' '))!;
      expect(squash(pagesText[page - 1]!), `${heading} on page ${page}`).toContain(heading);
      // the TOC line ends with that page number
      const line = pagesText[tocPage]!.split('\n').find((l) => l.trim().startsWith(n + ' ') && l.includes(heading.slice(n.length + 1, n.length + 12)));
      expect(line?.trim().endsWith(String(page)), `TOC line of ${n}: ${line}`).toBe(true);
    }
  });

  it('embeds every font (pdffonts)', () => {
    const rows = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r, r).toMatch(/DejaVu.*\byes\s+yes\s+yes\b/);
  });

  it('shows every figure with non-blank content (pdftoppm, pixel spread inside each figure box)', () => {
    const dpi = 50;
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    const figs = rendered.layout.figures;
    expect(new Set(figs.map((f) => f.figure)).size).toBe(17);
    const byPage = new Map<number, typeof figs>();
    for (const f of figs) byPage.set(f.page, [...(byPage.get(f.page) ?? []), f]);
    for (const [page, boxes] of byPage) {
      const out = join(dir, `p${page}`);
      execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, out]);
      const png = PNG.sync.read(readFileSync(out + '.png'));
      for (const b of boxes) {
        let s = 0, s2 = 0, n = 0;
        for (let y = px(b.y) + 1; y < px(b.y + b.height) - 1; y++)
          for (let x = px(b.x) + 1; x < px(b.x + b.width) - 1; x++) {
            const g = png.data[4 * (x + png.width * y)]!;
            s += g; s2 += g * g; n++;
          }
        const sd = Math.sqrt(s2 / n - (s / n) ** 2);
        expect(n, `figure ${b.figure} box`).toBeGreaterThan(50);
        expect(sd, `figure ${b.figure} on page ${page}: grey-level spread`).toBeGreaterThan(10);
      }
    }
  });
});

describe('levels by the inputs the map has', () => {
  it('a level whose inputs the map lacks is left out; the others keep their declared numbers', () => {
    const level = (field: string, chapter: number, inputs: string[]) => ({
      field, id: field, typeName: field, chapter, chapterTitle: field, vrsLevel: true, inputs,
      sections: [{ field: 's', id: `${field}.a`, title: 't', number: `${chapter}.1`, graded: true, typeName: 'T', scalarFields: [] }],
    });
    const layout = [level('level0', 2, ['map']), level('level1', 3, ['map', 'half1', 'half2']), level('levelA', 4, ['map', 'model'])];
    const onlyModel = layoutForInputs(layout, new Set(['map', 'model']));
    expect(onlyModel.map((l) => [l.field, l.chapter, l.sections[0]!.number])).toEqual([['level0', 2, '2.1'], ['levelA', 4, '4.1']]);
    expect(layoutForInputs(layout, new Set(['map'])).map((l) => l.field)).toEqual(['level0']);
    expect(layoutForInputs(layout, new Set(['map', 'model', 'half1', 'half2'])).map((l) => l.chapter)).toEqual([2, 3, 4]);
  });
});

/**
 * Issue 7 "Must show", end to end: `vrs validate` (the real command, in a child process, on a
 * scratch database and a temporary VRS_DATA_DIR) on the real maps writes a PDF and a JSON,
 * and the PDF, read back with poppler-utils only, says what the JSON says:
 *  - emd_1997 with its EMDB header: every section heading, the same numbers formatted as the
 *    report prints them, and every figure with non-blank picture content (pdftoppm);
 *  - emd_5168 with no header and no resolution: 0.d–0.h "does not apply" and the score
 *    counts only the evaluable sections.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../services/store/testing.js';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../worker-pool/paths.js';
import { pageImage, pdfDestinations, pdfText, pdfWords, pictureStatistics, type Word } from '../testing/pdf-reading.js';

/** Fixed decimals as the report prints them (printf %.Nf, never "-0.00"). */
function f(v: number, d: number): string {
  const s = v.toFixed(d);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
const int = (v: number) => String(Math.round(v));
/** pdftotext breaks lines (also after hyphens): compare with every space removed. */
const flat = (s: string) => s.replace(/\s+/g, '');
const SECTION_KEYS = ['mass', 'mask', 'background', 'bFactor', 'localResolution', 'localBFactor', 'localOccupancy', 'hand'] as const;
const STATUS_TEXT: Record<string, (n: number) => string> = {
  OK: () => 'OK', WARNING: (n) => `${n} warnings`, NOT_APPLICABLE: () => 'Does not apply', FAILED: () => 'Could not be measured',
};
const SOURCE_TEXT: Record<string, string> = {
  USER: 'given by the user',
  EMDB_HEADER: 'primary contour level of the EMDB header',
  ESTIMATED: 'estimated as the level above which 1 % of the voxels lie, as no threshold was given: give one with --threshold T or --emdb-header XML',
};
const sectionNumber = (id: string) => `2.${id.charCodeAt(2) - 96}`;

interface Run {
  dir: string;
  pdf: string;
  json: any;
  pages: string[];
  text: string;
}

let db: ScratchDatabase;
let root: string;

function validate(name: string, args: string[]): Run {
  const dir = join(root, name);
  mkdirSync(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), APOLLO_TELEMETRY_DISABLED: '1' };
  env.BLOB_DIR = join(root, 'blobs'); // one blob folder for the one database the runs share
  execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), 'validate', ...args, '--pdf', 'r.pdf', '--json', 'r.json'], {
    cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000,
  });
  const pdf = join(dir, 'r.pdf');
  const pages = pdfText(pdf);
  return { dir, pdf, json: JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')), pages, text: flat(pages.join(' ')) };
}

beforeAll(async () => {
  db = await createScratchDatabase('vrs_e2e_report');
  root = mkdtempSync(join(tmpdir(), 'vrs-e2e-report-'));
  chmodSync(root, 0o755);
}, 60_000);
afterAll(async () => {
  await db?.drop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Headings, table rows and numbers of a run, as the report must print them. */
function expectedHeadings(j: any): string[] {
  const out = ['Validation Report Service', 'Basic Entry Information', 'Summarized overall quality', 'Contents', '1 Input data', '2 Level 0 analysis'];
  for (const s of j.summary.sections) out.push(`${sectionNumber(s.id)} Level ${s.title}`, `${s.title} Sec. ${sectionNumber(s.id)} ${STATUS_TEXT[s.status]!(s.warningCount)}`);
  return out;
}

function expectedNumbers(j: any): string[] {
  const out = [j.map.id, `Threshold ${f(j.threshold, 6)} (${SOURCE_TEXT[j.thresholdSource]})`, `Visualization threshold: ${f(j.threshold, 6)}`, `Voxel size: ${f(j.voxelSize, 6)} (Å)`, j.summary.scoreSentence, ...j.summary.abstract];
  for (const w of j.summary.warnings) out.push(...w.warnings);
  const m = j.mass;
  if (m.status === 'OK' || m.status === 'WARNING') {
    for (const a of ['x', 'y', 'z'])
      out.push(`The space from the left and right in ${a.toUpperCase()} are ${f(m.leftSpace[a], 2)} and ${f(m.rightSpace[a], 2)} Å, respectively. ` +
        `There is a decentering ratio (abs(Right−Left)/Size)% of ${f(m.decenteringRatio[a], 2)}%`);
    out.push(`The center of mass is at (x,y,z)=(${f(m.centerOfMass.x, 2)},${f(m.centerOfMass.y, 2)},${f(m.centerOfMass.z, 2)})`);
  }
  const k = j.mask;
  if (k.status === 'OK' || k.status === 'WARNING') {
    out.push(`there are ${int(k.connectedComponents)} connected components with a total number of voxels of ${int(k.totalVoxels)} and a volume of ${f(k.totalVolume, 2)} Å³`);
    // the component table: number, voxels, volume, percentage, cumulated percentage
    k.components.forEach((c: any, n: number) => out.push(`${n + 1} ${int(c.voxels)} ${f(c.volume, 2)} ${f(c.percentage, 2)} ${f(c.cumulativePercentage, 2)}`));
    out.push(`Number of components to reach 95% of the mass: ${int(k.componentsTo95)}`);
    if (k.remainingComponents > 0)
      out.push(`The average size of the remaining ${int(k.remainingComponents)} components is ${f(k.remainingAverageVoxels, 2)} voxels (${f(k.remainingAverageVolume, 2)} Å³). ` +
        `Their size go from ${int(k.remainingMaxVoxels)} voxels (${f(k.remainingMaxVolume, 2)} Å³) to ${int(k.remainingMinVoxels)} voxels (${f(k.remainingMinVolume, 2)} Å³).`);
    for (const r of k.massTable) out.push(`${f(r.threshold, 4)} ${f(r.voxels, 2)} ${f(r.molecularMassKDa, 2)} ${f(r.aminoAcids, 2)}`);
    out.push(`there is a total number of voxels of ${int(k.hardMaskVoxels)} and a volume of ${f(k.hardMaskVolume, 2)} Å³. The overlap between the raw and constructed mask is ${f(k.overlap, 2)}.`);
  }
  const b = j.background;
  if (b.status === 'OK' || b.status === 'WARNING') {
    out.push(`The resulting t-statistic and p-value were ${f(b.tStatistic, 2)} and ${f(b.pValue, 6)}, respectively.`,
      `The mean and standard deviation (sigma) of the background were ${f(b.mean, 6)} and ${f(b.standardDeviation, 6)}.`,
      `larger than 5 times the standard deviation is ${f(b.percentBeyond5Sigma, 2)} %`,
      `The same percentage from a Gaussian would be ${f(b.percentGaussian, 6)}% (ratio between the two percentages: ${f(b.ratio, 6)}).`);
  }
  const g = j.bFactor;
  if (g.status === 'OK' || g.status === 'WARNING') {
    out.push(`The estimated B-factor was ${f(g.bFactor, 1)} Å². The fitted line was ln(mean |F|) = ${f(g.slope, 1)}/R² + (${f(g.intercept, 1)}).`, `${int(g.fitPoints)} shells`);
  }
  for (const key of ['localResolution', 'localBFactor', 'localOccupancy']) {
    const l = j[key];
    if (!(l.status === 'OK' || l.status === 'WARNING')) continue;
    const p = l.percentiles;
    out.push(`according to ${l.method} (${int(l.voxels)} voxels)`, `2.5% ${f(p.p2_5, 2)} 25% ${f(p.p25, 2)} 50% ${f(p.p50, 2)} 75% ${f(p.p75, 2)} 97.5% ${f(p.p97_5, 2)}`);
    if (key === 'localResolution' && l.reportedResolutionPercentile !== null)
      out.push(`The reported resolution, ${f(j.resolution, 2)} Å, is at the percentile ${f(l.reportedResolutionPercentile, 1)}.`);
  }
  const h = j.hand;
  if (h.status === 'OK' || h.status === 'WARNING') out.push(`The hand score is ${f(h.score, 2)}`, `measured on ${int(h.helicesFound)} helices`);
  else if (h.statusReason) out.push(h.statusReason);
  return out;
}

/**
 * Every figure of the PDF with its picture statistics: the figure's top from its named
 * destination, its bottom from the caption; sub-figures (a), (b), (c) split it in columns
 * centred on their sub-captions; words are left out, so a blank image with a label fails.
 */
function figurePictures(run: Run): { figure: number; sub: string; page: number; sd: number; ink: number; pixels: number }[] {
  const { words, pageHeight, pageWidth } = pdfWords(run.pdf);
  const dests = pdfDestinations(run.pdf);
  const TOP_MM = 16, SIDE_MM = 18, PT = 72 / 25.4;
  // Chromium writes a destination's top from the content box's bottom edge as if it were the page's:
  // content top = page height. Checked below on the chapter headings.
  const pageTop = (destTop: number) => pageHeight - destTop + TOP_MM * PT;
  const heading = words.find((w) => w.page === dests.get('chap-1')!.page && w.text === 'Input');
  expect(Math.abs(pageTop(dests.get('chap-1')!.top) - heading!.yMin), 'destination → page mapping').toBeLessThan(6);
  const left = SIDE_MM * PT, right = pageWidth - SIDE_MM * PT;
  const images = new Map<number, ReturnType<typeof pageImage>>();
  const out: ReturnType<typeof figurePictures> = [];
  for (const [name, d] of dests) {
    const n = /^fig-(\d+)$/.exec(name)?.[1];
    if (!n) continue;
    const onPage = words.filter((w) => w.page === d.page);
    const top = pageTop(d.top);
    const cap = onPage.find((w, i) => w.text === 'Figure' && onPage[i + 1]?.text === `${n}:` && w.yMin > top);
    expect(cap, `caption of figure ${n} on page ${d.page}`).toBeDefined();
    const inside = onPage.filter((w) => w.yMin >= top - 1 && w.yMax <= cap!.yMin + 1);
    const labels = inside.filter((w) => /^\([a-c]\)$/.test(w.text));
    if (!images.has(d.page)) images.set(d.page, pageImage(run.pdf, d.page, 72, join(run.dir, `page-${d.page}`)));
    const img = images.get(d.page)!;
    if (labels.length === 0) {
      out.push({ figure: +n, sub: '', page: d.page, ...pictureStatistics(img, { x0: left, x1: right, y0: top, y1: cap!.yMin }, inside) });
      continue;
    }
    const line = labels[0]!.yMin;
    const centres = labels.map((l, k) => {
      const end = labels[k + 1]?.xMin ?? Infinity;
      const group = inside.filter((w) => Math.abs(w.yMin - line) < 2 && w.xMin >= l.xMin && w.xMax < end);
      return (l.xMin + Math.max(...group.map((w) => w.xMax))) / 2;
    });
    const half = centres.length > 1 ? (centres[1]! - centres[0]!) / 2 : (right - left) / 2;
    labels.forEach((l, k) => {
      const c = centres[k]!;
      out.push({ figure: +n, sub: l.text, page: d.page, ...pictureStatistics(img, { x0: c - half, x1: c + half, y0: top, y1: line }, inside as Word[]) });
    });
  }
  return out.sort((a, b) => a.figure - b.figure);
}

/** Grey-level spread of every raster image embedded in the PDF (pdfimages). */
function embeddedImageSpreads(run: Run): number[] {
  const dir = join(run.dir, 'images');
  mkdirSync(dir);
  execFileSync('pdfimages', ['-png', run.pdf, join(dir, 'im')]);
  return readdirSync(dir).sort().map((file) => {
    const png = PNG.sync.read(readFileSync(join(dir, file)));
    let s = 0, s2 = 0;
    const n = png.width * png.height;
    for (let i = 0; i < n; i++) {
      const g = (png.data[4 * i]! + png.data[4 * i + 1]! + png.data[4 * i + 2]!) / 3;
      s += g;
      s2 += g * g;
    }
    return Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
  });
}

function expectFiguresShown(run: Run, figureCount: number): void {
  const pictures = figurePictures(run);
  expect(new Set(pictures.map((p) => p.figure)).size, 'figures found through their destinations').toBe(figureCount);
  for (const p of pictures) {
    const what = `figure ${p.figure}${p.sub} on page ${p.page}: sd ${p.sd.toFixed(1)}, ink ${(100 * p.ink).toFixed(1)} %`;
    expect(p.pixels, what).toBeGreaterThan(1000);
    expect(p.sd, what).toBeGreaterThan(12);
    expect(p.ink, what).toBeGreaterThan(0.01);
  }
  const spreads = embeddedImageSpreads(run);
  expect(spreads.length).toBeGreaterThan(0);
  spreads.forEach((sd, k) => expect(sd, `embedded image ${k}`).toBeGreaterThan(3));
}

describe('vrs validate emd_1997 --emdb-header … --pdf --json', () => {
  let run: Run;
  beforeAll(() => {
    run = validate('emd_1997', [join(REAL_MAPS_DIR, 'emd_1997.map'), '--emdb-header', join(REAL_MAPS_DIR, 'emd_1997_header.xml')]);
  }, 400_000);

  it('has every section heading once, and each section id printed once', () => {
    expect(run.json.summary.sections.map((s: any) => s.id)).toEqual(['0.a', '0.b', '0.c', '0.d', '0.e', '0.f', '0.g', '0.h']);
    for (const h of expectedHeadings(run.json)) expect(run.text, h).toContain(flat(h));
    expect(run.pages.join(' ')).not.toMatch(/\b(0\.[a-h]) +\1\b/);
    expect(run.text).toContain(flat('2.5 Level 0.e Local resolution'));
    expect(run.text).toContain(flat('according to MonoRes (single map)'));
    expect(run.text).toContain(flat('2.8 Level 0.h Hand'));
  });

  it('prints the numbers of the JSON, formatted as the report prints them', () => {
    const j = run.json;
    expect(j.threshold).toBe(1); // the EMDB header's contour level
    expect(j.thresholdSource).toBe('EMDB_HEADER');
    expect(j.resolution).toBe(7);
    const numbers = expectedNumbers(j);
    expect(numbers.length).toBeGreaterThan(60);
    for (const n of numbers) expect(run.text, n).toContain(flat(n));
  });

  it('shows every figure with non-blank picture content (pdftoppm, pdfimages)', () => {
    const captions = run.text.match(/Figure\d+:/g) ?? [];
    expect(captions.length).toBe(23); // as many figures as the VRS report, and the archive checks' 6 (E.a 1, E.b 2, E.c 1, E.d 2)
    expectFiguresShown(run, captions.length);
  });
});

describe('vrs validate emd_5168 (no EMDB header, no resolution)', () => {
  let run: Run;
  beforeAll(() => {
    run = validate('emd_5168', [join(REAL_MAPS_DIR, 'emd_5168.map')]);
  }, 400_000);

  it('0.d–0.h do not apply, and the score counts only the evaluable sections', () => {
    const j = run.json;
    expect(j.resolution).toBeNull();
    expect(j.thresholdSource).toBe('ESTIMATED');
    const sections = j.summary.sections as { id: string; status: string; counted: boolean; title: string; warningCount: number }[];
    for (const s of sections.slice(3)) {
      expect(s.status, s.id).toBe('NOT_APPLICABLE');
      expect(s.counted, s.id).toBe(false);
    }
    for (const key of SECTION_KEYS.slice(3)) expect(j[key].status, key).toBe('NOT_APPLICABLE');
    const counted = sections.filter((s) => s.counted);
    expect(counted.map((s) => s.id)).toEqual(sections.slice(0, 3).filter((s) => s.status !== 'FAILED').map((s) => s.id));
    expect(j.summary.evaluable).toBe(counted.length);
    expect(j.summary.score).toBe(counted.filter((s) => s.status === 'OK').length);
    const text = run.text;
    expect(text).toContain(flat(`The overall score (passing tests) of this report is ${j.summary.score} out of ${j.summary.evaluable} evaluable items.`));
    for (const s of sections.slice(3)) {
      expect(text, s.id).toContain(flat(`${s.title} Sec. ${sectionNumber(s.id)} Does not apply`));
      expect(text, s.id).toContain(flat(`${sectionNumber(s.id)} Level ${s.title}`));
    }
    expect(text.match(/STATUS:Doesnotapply/g)?.length).toBe(5);
    for (const key of SECTION_KEYS.slice(3)) expect(text, key).toContain(flat(`Results: ${j[key].statusReason}`));
    expect(text).toContain(flat('Resolution estimated by user: not reported'));
    expect(text).not.toContain(flat('Public Data-based Report')); // no EMDB entry given
    expect(text).not.toContain(flat('Figure 10: Guinier plot'));
    expect(text).not.toMatch(/Figure\d+:Guinierplot/);
    for (const n of expectedNumbers(j)) expect(text, n).toContain(flat(n));
  });

  it('shows every figure it has with non-blank content', () => {
    const captions = run.text.match(/Figure\d+:/g) ?? [];
    expect(captions.length).toBe(15); // input data 6, raw mask, mass plot, background; the archive checks' 6
    expectFiguresShown(run, captions.length);
  });
});

describe('vrs validate emd_1997 at a threshold above the map maximum', () => {
  it('is refused up front: exit 2, THRESHOLD_ABOVE_MAXIMUM with the map\'s range and a suggested threshold, no PDF', () => {
    const dir = join(root, 'emd_1997_above_max');
    mkdirSync(dir);
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), APOLLO_TELEMETRY_DISABLED: '1', BLOB_DIR: join(root, 'blobs') };
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), 'validate', join(REAL_MAPS_DIR, 'emd_1997.map'), '--threshold', '1000', '--resolution', '7', '--pdf', 'r.pdf'], {
      cwd: dir, env, encoding: 'utf8', timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/vrs: error \[THRESHOLD_ABOVE_MAXIMUM\]: The threshold \(--threshold\) is 1000, above the map's maximum density \(the map's densities go from -?[\d.]+ to [\d.]+\)/);
    expect(run.stderr).toMatch(/e\.g\. [\d.]+ \(the level above which 1 % of the voxels lie\)/);
    expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
  });
});

describe('vrs validate emd_1997 --voxel-size 2.2 (not the header\'s 2.02 Å)', () => {
  let run: Run;
  beforeAll(() => {
    run = validate('emd_1997_voxel', [join(REAL_MAPS_DIR, 'emd_1997.map'), '--threshold', '0.9', '--resolution', '7', '--voxel-size', '2.2']);
  }, 400_000);

  it('analyses and prints the report at the given voxel size: the PDF says so and shows the JSON\'s numbers', () => {
    expect(run.json.voxelSize).toBe(2.2);
    expect(run.text).toContain(flat('Voxel size: 2.200000 (Å) (given by the user; the map header says 2.020000 Å)'));
    for (const n of expectedNumbers(run.json)) expect(run.text, n).toContain(flat(n));
  });
});

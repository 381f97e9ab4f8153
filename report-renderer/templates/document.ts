/**
 * The whole report as one HTML document: first page (entry information and the summarised
 * overall quality), table of contents, "1 Input data", then one chapter per level ("2 Level 0 analysis" 2.1–2.8 …),
 * laid out from the reportLayout query; each section is drawn by its report file (sections/).
 * The body is a flow of unbreakable blocks (`.blk`) and forced breaks (`.brk`) that the
 * paginator (../paginate.ts) distributes over A4 pages before printing.
 */
import { collectRanks, rankingBlock } from './ranking.js';
import type { LevelLayout, LevelRecord, ReportLayout, ReportMap, SectionLayout, SectionStatus } from '../types.js';
import type { Figures, ImageSources } from './figures.js';
import { CONTOUR_SOURCE_TEXT, esc, fx, headingId, headingLabel, num, profileName, sectionLabel } from './format.js';
import type { SectionContext, SectionModule } from './sections.js';
import { ESTIMATED_THRESHOLD_NOTICE_START, NO_RESOLUTION_NOTICE, NO_RESOLUTION_START, overallScoreSentence, RESOLUTION_SENTENCE_START } from './texts.js';

export const PAGE = { widthMm: 210, heightMm: 297, top: 16, bottom: 18, left: 18, right: 18 };

const CSS = `
@page { size: A4; margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: 'DejaVu Serif', serif; font-size: 10pt; line-height: 1.38; color: #111; }
#flow, .page { width: ${PAGE.widthMm - PAGE.left - PAGE.right}mm; }
.page { break-after: page; overflow: hidden; }
.page:last-child { break-after: auto; }
.page > .blk:first-child, .page > .brk + .blk { margin-top: 0; }
.page > .blk:first-child > :first-child { margin-top: 0; }
.blk { break-inside: avoid; margin: 0 0 3mm 0; }
.brk { height: 0; }
h1, h2, h3, h4 { font-family: 'DejaVu Sans', sans-serif; break-after: avoid; }
h1 { font-size: 17pt; margin: 0 0 4mm; border-bottom: 1.5pt solid #2b4c7e; padding-bottom: 1.5mm; color: #1d3557; }
h2 { font-size: 13pt; margin: 2mm 0 2mm; color: #1d3557; }
h3 { font-size: 11pt; margin: 2mm 0 1.5mm; }
h4 { font-size: 10pt; margin: 1.5mm 0 1mm; }
p { margin: 0 0 1.6mm; text-align: justify; }
.method { font-size: 8.5pt; color: #555; }
.mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 8.5pt; }
.cover h1 { border: none; font-size: 22pt; margin: 6mm 0 1mm; }
.cover .sub { font-family: 'DejaVu Sans', sans-serif; font-size: 14pt; color: #2b4c7e; margin-bottom: 1mm; }
.cover .kind { font-size: 10pt; color: #555; margin-bottom: 5mm; }
table.info { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
table.info th { text-align: left; width: 42mm; vertical-align: top; padding: 1mm 2mm 1mm 0; font-family: 'DejaVu Sans', sans-serif; font-weight: bold; }
table.info td { padding: 1mm 0; overflow-wrap: break-word; }
table.info td .mono { word-break: break-all; }
table.data { border-collapse: collapse; margin: 1mm auto 2mm; font-size: 9pt; }
table.data th, table.data td { border-bottom: 0.5pt solid #bbb; padding: 0.7mm 3mm; text-align: right; }
table.data th { font-family: 'DejaVu Sans', sans-serif; border-bottom: 1pt solid #333; }
table.summary { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0; }
table.summary td, table.summary th { padding: 0.8mm 2mm; border-bottom: 0.5pt solid #ddd; }
table.summary th { text-align: left; font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; border-bottom: 1pt solid #333; }
table.components { font-size: 8.5pt; margin: 1mm 0 2mm; }
table.components th, table.components td { padding: 0.4mm 1.6mm; }
table.components th.gap, table.components td.gap { border: none; padding: 0 2mm; }
.st-OK { color: #1e7b34; font-weight: bold; }
.st-WARNING { color: #b35900; font-weight: bold; }
.st-NOT_APPLICABLE { color: #666; }
.st-FAILED { color: #b00020; font-weight: bold; }
.score { font-weight: bold; font-size: 11pt; margin: 2mm 0; }
.alert { border: 1pt solid #b00020; color: #b00020; padding: 2mm; margin: 2mm 0; }
figure.fig { margin: 1mm 0 4mm; text-align: center; }
figure .row { display: flex; justify-content: center; align-items: flex-end; gap: 3mm; flex-wrap: wrap; }
figure .sub { text-align: center; }
figure .pic { display: block; margin: 0 auto; border: 0.5pt solid #ccc; image-rendering: auto; }
figure .plot svg { width: 160mm; height: auto; display: block; margin: 0 auto; }
figure .bar svg { width: 150mm; height: auto; display: block; margin: 1mm auto 0; }
figure .subcap { font-size: 8.5pt; margin-top: 0.8mm; }
figure figcaption { font-size: 9pt; margin-top: 1.5mm; text-align: center; }
.missing { display: flex; align-items: center; justify-content: center; border: 0.5pt dashed #999; color: #777; font-size: 8pt; }
.status { font-family: 'DejaVu Sans', sans-serif; }
.status.ok b, .status.ok { color: #1e7b34; }
.status.warn { color: #b35900; }
ol.warnings li, ul.warnings li { margin-bottom: 1mm; }
.toc table { width: 100%; border-collapse: collapse; font-size: 10.5pt; }
.toc td { padding: 1.2mm 0; }
.toc td.n { width: 12mm; }
.toc td.p { width: 14mm; text-align: right; }
.toc tr.chapter td { font-weight: bold; padding-top: 3mm; }
.toc .dots { border-bottom: 1pt dotted #999; }
a { color: inherit; text-decoration: none; }
`;

const STATUS_TEXT: Record<SectionStatus, (n: number) => string> = {
  OK: () => 'OK',
  WARNING: (n) => `${n} warnings`,
  NOT_APPLICABLE: () => 'Does not apply',
  FAILED: () => 'Could not be measured',
};

export interface DocumentInput {
  map: ReportMap;
  /** the levels and sections in report order (the reportLayout query) */
  layout: ReportLayout;
  /** each level's section modules, by level field then section field */
  modules: ReadonlyMap<string, ReadonlyMap<string, SectionModule<unknown>>>;
  images: ImageSources;
  /** isosurface views: 'plain' and the local keys → 3 PNG data URLs */
  views: Record<string, string[]>;
  figs: Figures;
  /** printed as the report date */
  generatedAt: Date;
}

/**
 * Where the threshold came from. A PDF job asks level0 with its parameters spelled out; the
 * levels service answers the map row's source when the value is the map's registered contour
 * (EMDB header or estimate), and a graph that answers USER for it is read the same way here.
 */
function thresholdSource(m: ReportMap, l: LevelRecord): string {
  if (l.thresholdSource === 'USER' && m.contourSource && m.contourLevel === l.threshold) return m.contourSource;
  return l.thresholdSource;
}

function coverPage(m: ReportMap, l: LevelRecord, levelIds: string[], at: Date): string {
  const e = m.emdb;
  const rows: [string, string][] = [
    ['Map file', esc(m.name)],
    ['SHA-256', `<span class="mono">${esc(m.id)}</span>`],
    ['EMDB ID', e?.id ? esc(e.id) : 'not given'],
    ['Title', e?.title ? esc(e.title) : 'not given'],
    ['Authors', e?.authors?.length ? esc(e.authors.join(', ')) : 'not given'],
    ['Deposited on', e?.depositionDate ? esc(e.depositionDate) : 'not given'],
    ['Reported resolution', l.resolution !== null ? `${num(l.resolution)} Å` : 'not reported'],
    ['Threshold', `${fx(l.threshold, 6)} (${esc(CONTOUR_SOURCE_TEXT[thresholdSource(m, l)] ?? thresholdSource(m, l))})`],
    ['Criteria profile', esc(profileName(l.profile))],
    ['Report generated', esc(at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC')],
  ];
  // as VRS does for an EMDB entry: the report rests on the entry's public data
  const publicData = e?.id
    ? ['<div class="kind">Public Data-based Report</div>', `<p>This report has been generated based on data publicly available at EMDB (${esc(e.id)}).</p>`]
    : ['', ''];
  return `<div class="blk cover">${publicData[0]}<h1>Validation Report Service</h1><div class="sub">Cryo-EM Map Validation Report</div>` +
    `<div class="kind">Report to assess Cryo-EM Volume Map at Level(s) ${esc(levelIds.join(', '))}</div>${publicData[1]}` +
    `<h3>Basic Entry Information:</h3><table class="info">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table></div>`;
}

/** The reference report's "Context": what the levels are (the text of VRS, without its links). */
function context(levelIds: string[]): string {
  const covers = levelIds.length === 1 ? `Level ${levelIds[0]}` : `Levels ${levelIds.slice(0, -1).join(', ')} and ${levelIds[levelIds.length - 1]}`;
  return '<div class="blk"><h2 data-toc-skip>Context</h2>' +
    '<p>Cryo-electron microscopy is one of the most active techniques in Structural Biology, and keeping the quality of the maps deposited at the Electron Microscopy Data Bank is essential. ' +
    'The ultimate quality measure is the consistency of the map and an atomic model, which is only possible for high-resolution maps; the measures of this report assess the map itself.</p>' +
    '<p>The Validation Report Service grades a map from 0 to 5 depending on the information available: Level 0 (the deposited map), 1 (two half maps), 2 (2D classes), 3 (particles), ' +
    '4 (… + angular assignment), 5 (… + micrographs and coordinates), with three optional qualifiers: A (… + atomic model), W (… + image processing workflow) and O (… + other techniques). ' +
    `This report covers ${esc(covers)}; each section names the method it used and its version.</p></div>`;
}

/**
 * The summary of every printed level: with one level, its abstract and score as VRS prints them;
 * with several, each level's sentences and score under its chapter title, then the overall score
 * (sections passing / sections evaluable, over every level).
 */
function summaryBlocks(levels: { layout: LevelLayout; record: LevelRecord }[], sectionNumber: (id: string) => string): string {
  const one = levels.length === 1;
  const abstract = (l: LevelRecord, title: string | null) => {
    // the sections' sentences, then (as VRS prints it, a paragraph of its own) the
    // resolution-estimates sentence, and the no-resolution notice, shown as an alert
    const s = l.summary;
    const notices = s.abstract.filter((x) => x === NO_RESOLUTION_NOTICE || x.startsWith(NO_RESOLUTION_START) || x.startsWith(ESTIMATED_THRESHOLD_NOTICE_START));
    const estimates = s.abstract.filter((x) => x.startsWith(RESOLUTION_SENTENCE_START));
    const sentences = s.abstract.filter((x) => !notices.includes(x) && !estimates.includes(x));
    const res = estimates.length ? `<p>${estimates.map(esc).join(' ')}</p>` : '';
    const alert = notices.map((n) => `<div class="alert">${esc(n)}</div>`).join('');
    const heading = title ? `<h3>${esc(title)}</h3>` : '';
    return `${heading}<p>${sentences.map(esc).join(' ')}</p>${res}${alert}<p class="${one ? 'score' : ''}">${esc(s.scoreSentence)}</p>`;
  };
  const score = levels.reduce((a, l) => a + l.record.summary.score, 0);
  const evaluable = levels.reduce((a, l) => a + l.record.summary.evaluable, 0);
  const overall = one ? '' : `<p class="score">${esc(overallScoreSentence(score, evaluable))}</p>`;
  const s = { sections: levels.flatMap((l) => l.record.summary.sections), warnings: levels.flatMap((l) => l.record.summary.warnings) };
  const rows = s.sections.map((x) =>
    `<tr><td>${esc(sectionLabel(x))}</td><td>Sec. ${sectionNumber(x.id)}</td><td class="st-${x.status}">${STATUS_TEXT[x.status](x.warningCount)}</td></tr>`).join('');
  let out = `<div class="blk"><h2 data-toc-skip>Summarized overall quality</h2>` +
    levels.map((l) => abstract(l.record, one ? null : l.layout.chapterTitle)).join('') + `${overall}</div>` +
    `<div class="blk split"><table class="summary"><thead><tr><th>Section</th><th>In this report</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const withWarnings = s.warnings.filter((w) => w.warnings.length > 0);
  if (withWarnings.length) {
    // the heading line rides in the first section's block, so a page never ends on it alone
    withWarnings.forEach((w, k) => {
      const intro = k === 0 ? '<p>Summary of the warnings across sections.</p>' : '';
      out += `<div class="blk">${intro}<p><b>Section ${sectionNumber(w.id)} (${esc(sectionLabel(w))})</b></p><ol class="warnings">${w.warnings.map((x) => `<li><b>${esc(x)}</b></li>`).join('')}</ol></div>`;
    });
  }
  return out;
}

/** TOC rows, from the layout; the page cells are filled by the paginator (data-toc-target). */
function contents(m: ReportMap, layout: ReportLayout): string {
  const row = (n: string, title: string, chapter: boolean) =>
    `<tr class="${chapter ? 'chapter' : ''}"><td class="n">${n}</td><td class="t"><a href="#${headingId(n)}">${esc(title)}</a></td><td class="p" data-toc-target="${n}">?</td></tr>`;
  let out = row('1', 'Input data', true);
  for (const level of layout) {
    out += row(String(level.chapter), level.chapterTitle, true);
    const record = m[level.field] as LevelRecord;
    for (const s of level.sections.filter((x) => x.graded)) {
      const r = record[s.field] as { id: string; title: string } | null;
      out += row(s.number!, headingLabel(level, r ?? { id: s.id!, title: s.title }), false);
    }
  }
  return `<div class="blk toc"><h1 data-toc-skip>Contents</h1><table>` + out + '</table></div>';
}

/** Section id ("0.a") -> its number in the report ("2.1"), from the layout. */
function sectionNumbers(layout: ReportLayout): (id: string) => string {
  const byId = new Map(layout.flatMap((l) => l.sections.filter((s) => s.id && s.number).map((s) => [s.id!, s.number!] as const)));
  return (id) => byId.get(id) ?? id;
}

/** Chapter 1's heading and the map facts (the first level's parameters). */
function inputChapter(m: ReportMap, l: LevelRecord): string {
  // the voxel size the analyses used; when the user gave one, the header's is named beside it
  const header = m.voxelSize.x;
  const given = Math.abs(l.voxelSize - header) > 1e-6 * l.voxelSize ? ` (given by the user; the map header says ${fx(header, 6)} Å)` : '';
  return `<div class="blk"><h1 id="${headingId('1')}" data-toc="1">1 Input data</h1>` +
    `<p>Input map: ${esc(m.name)}</p><p>SHA256 hash: <span class="mono">${esc(m.id)}</span></p>` +
    `<p>Voxel size: ${fx(l.voxelSize, 6)} (Å)${given}</p><p>Box: ${m.dimensions.x} × ${m.dimensions.y} × ${m.dimensions.z} voxels</p>` +
    `<p>Visualization threshold: ${fx(l.threshold, 6)}</p>` +
    `<p>Resolution estimated by user: ${l.resolution !== null ? `${num(l.resolution)} Å` : 'not reported'}</p></div>`;
}

export function buildDocument(input: DocumentInput, paginateScript: string): string {
  const { map: m, layout, modules, images, views, figs, generatedAt } = input;
  const first = layout[0];
  if (!first) throw new Error('The report layout has no level.');
  const l = m[first.field] as LevelRecord;
  const numbers = sectionNumbers(layout);
  // the cover names the VRS levels only (the archive checks are a chapter, not a level)
  const levelIds = layout.filter((x) => x.vrsLevel).map((x) => x.id);
  const summaries = layout.map((x) => ({ layout: x, record: m[x.field] as LevelRecord }));
  const render = (level: LevelLayout, s: SectionLayout): string => {
    const record = m[level.field] as LevelRecord;
    const ctx: SectionContext = { figs, images, views, threshold: record.threshold, resolution: record.resolution, voxelSize: record.voxelSize, section: s, level, record, map: m };
    return modules.get(level.field)!.get(s.field)!.render(record[s.field] as never, ctx);
  };
  // chapter 1: the map, then every level's ungraded parts (input figures); then one chapter per level
  const body = [
    coverPage(m, l, levelIds, generatedAt),
    context(levelIds),
    summaryBlocks(summaries, numbers),
    rankingBlock(collectRanks(layout.flatMap((level) => level.sections.filter((s) => s.graded).map((s) => (m[level.field] as LevelRecord)[s.field]))), l.resolution),
    '<div class="brk"></div>',
    contents(m, layout),
    '<div class="brk"></div>',
    inputChapter(m, l) + layout.map((level) => level.sections.filter((s) => !s.graded).map((s) => render(level, s)).join('')).join(''),
    ...layout.flatMap((level) => [
      '<div class="brk"></div>',
      `<div class="blk"><h1 id="${headingId(String(level.chapter))}" data-toc="${level.chapter}">${level.chapter} ${esc(level.chapterTitle)}</h1></div>`,
      ...level.sections.filter((s) => s.graded).map((s) => render(level, s)),
    ]),
  ].join('\n');
  return htmlDocument(`VRS report ${m.name}`, body, paginateScript);
}

/** A page of the report's style: the flow of blocks, then the paginator (none when ''). */
export function htmlDocument(title: string, body: string, paginateScript: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head>` +
    `<body><main id="flow">${body}</main>${paginateScript ? `<script>${paginateScript}</script>` : ''}</body></html>`;
}

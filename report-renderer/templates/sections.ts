/**
 * What the sections' templates share (sections/<level>/<section>.ts): the context they are
 * rendered in, the heading, explanation and method block, the verdict (criteria + STATUS or
 * WARNINGS), the "does not apply" and "could not be measured" bodies, the local-map sections'
 * common template, and the generic rendering of a section that has no report file yet.
 * Every number is a field of the GraphQL answer, only formatted here.
 */
import type { Image, LevelLayout, LevelRecord, LocalAnalysis, ReportMap, SectionBase, SectionLayout } from '../types.js';
import { colourBar, histogramPlot } from '../svg/plots.js';
import { figRef, figure, imageSubs, type Figures, type ImageSources, type SubFigure } from './figures.js';
import { esc, fx, headingId, headingLabel, int, num } from './format.js';

export interface SectionContext {
  figs: Figures;
  images: ImageSources;
  /** rendered isosurface views by name ('plain', or a local section's field): 3 data URLs each */
  views: Record<string, string[]>;
  threshold: number;
  resolution: number | null;
  voxelSize: number;
  /** the section being rendered and its level, from the layout (number, title) */
  section: SectionLayout;
  level: LevelLayout;
  /** the level's record and the map (for sections that print parameters or map facts) */
  record: LevelRecord;
  map: ReportMap;
}

/**
 * A section's report file (sections/<level field>/<section field>.ts) exports one of these as
 * its default: the GraphQL selection of its record, the images it shows, its template.
 */
export interface SectionModule<R = never> {
  /** the selection inside `<section field> { … }` of the report query */
  fragment: string;
  /** the stored figures it shows (their bytes are loaded before the HTML is built) */
  images?(record: R): Image[];
  /** an isosurface view the renderer must draw for it: 'plain' (the map's) or 'painted' (its local map on the surface) */
  surface?(record: R): 'plain' | 'painted' | null;
  /** a model trace to draw over the map's isosurface (views named 'model'): x, y, z per point (Å) and each chain's first point */
  overlay?(record: R): ModelTrace | null;
  render(record: R, ctx: SectionContext): string;
}

/** Points of a model trace (Cα), flat x, y, z in Å, and the point index where each chain starts. */
export interface ModelTrace {
  points: number[];
  chainStarts: number[];
}

/** The fields of the `Section` interface the report selects. */
export const SECTION_FIELDS = 'id title status warnings explanation criteria algorithm algorithmVersion statusReason';
/** The fields of an `Image`. */
export const IMAGE_FIELDS = 'sha256 url axis index width height caption';

export const VIEW_CAPTION = 'Views at the following X, Y, Z rotation angles: View 1 (0, −90, −90), View 2 (−90, 0, −90), View 3 (0, 0, 0).';

/** "2.1 Level 0.a Mass analysis" ("5.1 Map-value distribution" beyond VRS): the number from the layout, the label from the record. */
export function sectionHeading(s: SectionBase, ctx: SectionContext): string {
  const n = ctx.section.number ?? '';
  return `<h2 id="${headingId(n)}" data-toc="${n}">${n} ${esc(headingLabel(ctx.level, s))}</h2>`;
}

function head(s: SectionBase, ctx: SectionContext): string {
  return `<div class="blk keep">${sectionHeading(s, ctx)}<h4>Explanation:</h4><p>${esc(s.explanation)}</p>` +
    `<p class="method">Method: ${esc(s.algorithm)} (version ${esc(s.algorithmVersion)})</p></div>`;
}

/** Criteria + STATUS / WARNINGS, as one block (VRS prints them together at the section's end). */
export function verdict(s: SectionBase): string {
  const criteria = s.status === 'NOT_APPLICABLE' ? '' : `<p><b>Automatic criteria:</b> ${esc(s.criteria)}</p>`;
  let status: string;
  switch (s.status) {
    case 'OK':
      status = '<p class="status ok"><b>STATUS:</b> OK</p>';
      break;
    case 'WARNING':
      status = `<p class="status warn"><b>WARNINGS:</b> ${s.warnings.length} warnings</p><ol class="warnings">${s.warnings.map((w) => `<li><b>${esc(w)}</b></li>`).join('')}</ol>`;
      break;
    case 'NOT_APPLICABLE':
      status = '<p class="status na"><b>STATUS:</b> Does not apply</p>';
      break;
    default:
      status = `<p class="status failed"><b>STATUS:</b> Could not be measured${s.statusReason ? ': ' + esc(s.statusReason) : ''}</p>`;
  }
  return `<div class="blk verdict">${criteria}${status}</div>`;
}

function notApplicable(s: SectionBase): string {
  return `<div class="blk"><h4>Results:</h4><p>${s.statusReason ? esc(s.statusReason) : 'This section does not apply.'}</p></div>` + verdict(s);
}

function failed(s: SectionBase, detail: string): string {
  return `<div class="blk"><h4>Results:</h4><p>This analysis could not be measured${s.statusReason ? ': ' + esc(s.statusReason) : '.'}</p>${detail}</div>` + verdict(s);
}

/**
 * A graded section: heading, then its body (or why it has none), then its verdict. A FAILED
 * section may still show what was measured on the way (`failedDetail`, e.g. 0.h's vote of low
 * confidence): numbers are never hidden.
 */
export function guard(s: SectionBase, ctx: SectionContext, body: () => string, failedDetail?: () => string): string {
  if (s.status === 'NOT_APPLICABLE') return head(s, ctx) + notApplicable(s);
  if (s.status === 'FAILED') return head(s, ctx) + failed(s, failedDetail?.() ?? '');
  return head(s, ctx) + body() + verdict(s);
}

const label = (name: string) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
const cell = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : fx(v, 4)) : v === null || v === undefined ? '—' : esc(String(v)));

/**
 * The rendering of a section that has no report file yet: heading, explanation, status and
 * warnings, and a table of its scalar fields (the layout lists them).
 */
export function genericSection(record: Record<string, unknown> | null, ctx: SectionContext): string {
  const fields = ctx.section.scalarFields;
  const table = (r: Record<string, unknown>) => fields.length
    ? `<table class="data"><tbody>${fields.map((f) => `<tr><td>${esc(label(f))}</td><td>${cell(r[f])}</td></tr>`).join('')}</tbody></table>`
    : '';
  if (!ctx.section.graded) {
    return `<div class="blk"><h3>${esc(ctx.section.title)}</h3>${record ? table(record) : ''}</div>`;
  }
  const s = record as unknown as SectionBase;
  return guard(s, ctx, () => `<div class="blk"><h4>Results:</h4>${table(record!)}</div>`);
}

/** The local-map sections' fields: Level 0's 0.e–0.g and Level 1's local resolutions 1.c, 1.e. */
export type LocalSectionKey = 'localResolution' | 'localBFactor' | 'localOccupancy' | 'localFsc' | 'monoRes';

const LOCAL_TEXT: Record<LocalSectionKey, { quantity: string; column: string }> = {
  localResolution: { quantity: 'local resolution', column: 'Resolution (Å)' },
  localBFactor: { quantity: 'local B-factor', column: 'Local B-factor (Å²)' },
  localOccupancy: { quantity: 'local occupancy', column: 'Local Occupancy [0-1]' },
  localFsc: { quantity: 'local resolution', column: 'Resolution (Å)' },
  monoRes: { quantity: 'local resolution', column: 'Resolution (Å)' },
};

/** The sections whose local values are resolutions (the reported resolution is placed among them). */
const RESOLUTION_KEYS: ReadonlySet<LocalSectionKey> = new Set(['localResolution', 'localFsc', 'monoRes']);

/** The selection of a local-map section (0.e–0.g). */
export const LOCAL_FIELDS = `${SECTION_FIELDS} method unit voxels mapSha256
  percentiles { p2_5 p25 p50 p75 p97_5 } reportedResolutionPercentile
  histogram { binEdges counts } views { ${IMAGE_FIELDS} }`;

/** The common template of the local-map sections; `key` is the section's field. */
export function localSection(key: LocalSectionKey, l: LocalAnalysis, ctx: SectionContext, parameters?: string): string {
  return guard(l, ctx, () => {
    const t = LOCAL_TEXT[key]!;
    const h = ctx.figs.next();
    const v = ctx.figs.next();
    const p = l.percentiles;
    const rows = p
      ? ([['2.5%', p.p2_5], ['25%', p.p25], ['50%', p.p50], ['75%', p.p75], ['97.5%', p.p97_5]] as const).map(([k, x]) => `<tr><td>${k}</td><td>${fx(x, 2)}</td></tr>`).join('')
      : '';
    let out = `<div class="blk"><h4>Results:</h4>${parameters ? `<p>${parameters}</p>` : ''}<p>${figRef(h)} shows the histogram of the ${t.quantity} according to ${esc(l.method)} (${int(l.voxels)} voxels). Some representative percentiles are:</p>` +
      `<table class="data narrow"><thead><tr><th>Percentile</th><th>${esc(t.column)}</th></tr></thead><tbody>${rows}</tbody></table>`;
    if (RESOLUTION_KEYS.has(key) && l.reportedResolutionPercentile !== null) {
      out += `<p>The reported resolution, ${fx(ctx.resolution, 2)} Å, is at the percentile ${fx(l.reportedResolutionPercentile, 1)}. `;
    } else out += '<p>';
    out += `${figRef(v)} shows some representative views of the ${t.quantity}.</p></div>`;
    const marker = RESOLUTION_KEYS.has(key) && ctx.resolution !== null ? { value: ctx.resolution, label: `reported ${num(ctx.resolution)} Å` } : undefined;
    const xTitle = l.unit ? `${t.quantity[0]!.toUpperCase()}${t.quantity.slice(1)} (${l.unit})` : `${t.quantity[0]!.toUpperCase()}${t.quantity.slice(1)}`;
    out += figure(h, [{ svg: l.histogram ? histogramPlot(l.histogram, xTitle, marker) : '', label: '' }], `Histogram of the ${t.quantity} according to ${l.method}.`);
    const fromQuery = imageSubs(l.views, ctx.images, 'view');
    const rendered: SubFigure[] = (ctx.views[key] ?? []).map((src, k) => ({ src, label: `View ${k + 1}`, width: 640, height: 512 }));
    const subs = fromQuery.length ? fromQuery : rendered.length ? rendered : [0, 1, 2].map((k) => ({ src: null, label: `View ${k + 1}` }));
    const bar = p ? colourBar(fx(p.p2_5, 2), fx(p.p97_5, 2), `${t.column}: jet colour map, 11 colours from the 2.5 to the 97.5 percentile`) : '';
    const grey = RESOLUTION_KEYS.has(key) && !fromQuery.length ? ' Grey: outside the region the method measured.' : '';
    out += figure(v, subs, `${t.quantity[0]!.toUpperCase()}${t.quantity.slice(1)} according to ${l.method}, painted on the isosurface at threshold ${fx(ctx.threshold, 6)}.${grey} ${VIEW_CAPTION}`)
      .replace('</div><figcaption>', `</div><div class="bar">${bar}</div><figcaption>`);
    return out;
  });
}

/** A local-map section's module: its selection, its views, its template. */
export function localModule<R extends LocalAnalysis = LocalAnalysis>(
  key: LocalSectionKey,
  more?: { fields: string; parameters: (record: R) => string },
): SectionModule<R> {
  return {
    fragment: more ? `${LOCAL_FIELDS} ${more.fields}` : LOCAL_FIELDS,
    images: (l) => l.views ?? [],
    surface: (l) => ((l.status === 'OK' || l.status === 'WARNING') && (l.views ?? []).length === 0 && l.percentiles ? 'painted' : null),
    render: (l, ctx) => localSection(key, l, ctx, more?.parameters(l)),
  };
}

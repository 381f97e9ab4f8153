/**
 * renderReportHtml: runs the report query (one GraphQL request), resolves the figure images
 * (artifact callback or loopback URL) and, when given a browser and a surface provider, renders
 * the isosurface views; then builds the HTML. No number is computed here.
 */
import type { Browser, Page } from 'puppeteer-core';
import { RendererError } from './errors.js';
import type { Image, LevelRecord, LocalAnalysis, ReportLayout, SectionBase, SectionLayout } from './types.js';
import { isLocalUrl, LOCAL_ORIGIN, type LocalRoutes } from './chromium.js';
import { jetColours, openSurfaceViewer, traceSegments, type Colouring, type SurfaceMesh, type SurfaceViewer } from './isosurface.js';
import { paginateScript } from './paginate.js';
import { LAYOUT_QUERY, layoutForInputs, MAP_INPUTS_QUERY, reportQuery, reportVariables, type Executor, type ReportMap, type ReportParams } from './report-query.js';
import { buildDocument } from './templates/document.js';
import { Figures, type ImageSources } from './templates/figures.js';
import { genericSection, SECTION_FIELDS, type SectionModule } from './templates/sections.js';

/** Where the isosurface comes from: the mesh made by the pool (metric level0.isosurface) and,
 *  for 0.e–0.g, the local map sampled at its vertices. The reports service wires these to the store. */
export interface SurfaceProvider {
  mesh(): Promise<SurfaceMesh | null>;
  /** values of a local map at the mesh vertices; key = the section's field ('localResolution', 'localBFactor', 'localOccupancy') */
  vertexValues(key: string, analysis: LocalAnalysis): Promise<Float32Array | null>;
}

export type LocalKey = 'localResolution' | 'localBFactor' | 'localOccupancy';
export const LOCAL_KEYS: readonly LocalKey[] = ['localResolution', 'localBFactor', 'localOccupancy'];

/** Section modules by level field, then section field. */
export type SectionModules = ReadonlyMap<string, ReadonlyMap<string, SectionModule<unknown>>>;

const layouts = new WeakMap<Executor, Promise<ReportLayout>>();

/** The graph's report layout (the reportLayout query), asked once per executor. */
export function fetchLayout(executor: Executor): Promise<ReportLayout> {
  let p = layouts.get(executor);
  if (!p) {
    p = (async () => {
      const answer = await executor(LAYOUT_QUERY, {});
      const layout = answer.data?.reportLayout;
      if (!layout?.length) {
        const why = (answer.errors ?? []).map((e) => `${String(e.extensions?.code ?? 'ERROR')}: ${e.message}`).join('; ');
        throw new RendererError('REPORT_QUERY_FAILED', `The gateway gave no report layout${why ? `: ${why}` : ''}.`);
      }
      return layout;
    })();
    p.catch(() => layouts.delete(executor));
    layouts.set(executor, p);
  }
  return p;
}

/** The generic module of a section that has no report file: its Section fields and scalar fields, in a table. */
function genericModule(s: SectionLayout): SectionModule<unknown> {
  const fields = [...(s.graded ? [SECTION_FIELDS] : []), ...s.scalarFields].join(' ');
  return { fragment: fields || '__typename', render: (record, ctx) => genericSection(record as Record<string, unknown> | null, ctx) };
}

const moduleCache = new Map<string, Promise<SectionModule<unknown> | null>>();

/** sections/<level>/<section>.js, imported by convention (null when there is none). */
function importSection(level: string, section: string): Promise<SectionModule<unknown> | null> {
  const key = `${level}/${section}`;
  let p = moduleCache.get(key);
  if (!p) {
    const url = new URL(`./sections/${level}/${section}.js`, import.meta.url);
    p = import(url.href).then(
      (m: { default?: SectionModule<unknown> }) => m.default ?? null,
      (error: { code?: string; message?: string }) => {
        // only "this file does not exist" falls back to the generic rendering; a broken file fails
        if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(url.pathname)) return null;
        throw error;
      },
    );
    moduleCache.set(key, p);
  }
  return p;
}

/** Each section's report file, or the generic rendering when it has none. */
export async function loadSectionModules(layout: ReportLayout): Promise<SectionModules> {
  const out = new Map<string, Map<string, SectionModule<unknown>>>();
  await Promise.all(layout.map(async (level) => {
    const mods = new Map<string, SectionModule<unknown>>();
    out.set(level.field, mods);
    const loaded = await Promise.all(level.sections.map((s) => importSection(level.field, s.field)));
    level.sections.forEach((s, k) => mods.set(s.field, loaded[k] ?? genericModule(s)));
  }));
  return out;
}

/** The record of a section the graph answered with an error: printed as FAILED with the error. */
function failedSection(s: SectionLayout, reason: string): SectionBase {
  return { id: s.id ?? '', title: s.title, status: 'FAILED', warnings: [], explanation: '', criteria: '', algorithm: '', algorithmVersion: '', computeMillis: null, statusReason: reason };
}

export interface RenderOptions {
  /** reads a PNG artifact's bytes by SHA-256 (in process); preferred over URLs */
  loadArtifact?: (sha256: string) => Promise<Uint8Array | null>;
  /** base for artifact URLs such as /artifacts/{sha}.png, e.g. http://127.0.0.1:4000 (loopback only) */
  artifactBaseUrl?: string;
  surfaces?: SurfaceProvider;
  /** a running Chromium (renderReportPdf passes its own) */
  browser?: Browser;
  /** date printed on the first page (default: now) */
  now?: Date;
  /** timings of the steps, filled in when given */
  timings?: Record<string, number>;
  /**
   * When given (the PDF path), images are served to the page from these local routes instead
   * of being inlined as data: URLs: a report with 30 large images would otherwise be a
   * 10 MB document.write, which costs Chromium seconds.
   */
  routes?: LocalRoutes;
  /** a page guarded with `routes` to draw the isosurface views in (renderReportPdf reuses its page) */
  page?: Page;
  /** renderReportPdf: aborting closes its page (and the Chromium it launched, if it did), which stops the rendering */
  signal?: AbortSignal;
}

export interface RenderedHtml {
  html: string;
  map: ReportMap;
  /** ids of the levels printed ('0', '1' …) */
  levelIds: string[];
  figureCount: number;
}

/**
 * The report's data. A section the graph answered with an error (its field is null, the error's
 * path names it) is printed as FAILED with that error, like the CLI's summary does; any other
 * error (the map, the summary) fails the report.
 */
export async function fetchReport(executor: Executor, params: ReportParams, loaded?: { layout: ReportLayout; modules: SectionModules }): Promise<ReportMap> {
  const layout = loaded?.layout ?? (await fetchMapLayout(executor, params.mapId));
  const modules = loaded?.modules ?? (await loadSectionModules(layout));
  const answer = await executor(reportQuery(layout, (l, s) => modules.get(l)!.get(s)!.fragment), reportVariables(params));
  const map = answer.data?.map;
  const others: string[] = [];
  for (const e of answer.errors ?? []) {
    const code = String(e.extensions?.code ?? 'ERROR');
    const [m, levelField, field] = (e as { path?: readonly (string | number)[] }).path ?? [];
    const level = m === 'map' ? layout.find((l) => l.field === levelField) : undefined;
    const section = typeof field === 'string' ? level?.sections.find((s) => s.field === field) : undefined;
    const record = level && map ? (map[level.field] as Record<string, unknown> | null) : null;
    if (!section || !record) {
      others.push(`${code}: ${e.message}`);
      continue;
    }
    const current = record[section.field] as { status?: string } | null;
    if (current == null || current.status !== 'FAILED') record[section.field] = failedSection(section, `[${code}] ${e.message}`);
  }
  if (others.length) throw new RendererError('REPORT_QUERY_FAILED', `The report query failed: ${[...new Set(others)].join('; ')}`);
  if (!map) throw new RendererError('REPORT_QUERY_FAILED', `The gateway has no map with id ${params.mapId}; register the map first.`);
  return map;
}

/** Every stored figure the sections show. */
function allImages(map: ReportMap, layout: ReportLayout, modules: SectionModules): Image[] {
  return layout.flatMap((level) => {
    const record = map[level.field] as LevelRecord;
    return level.sections.flatMap((s) => {
      const r = record[s.field];
      const images = modules.get(level.field)!.get(s.field)!.images;
      return r && images ? images(r as never) : [];
    });
  });
}

/** A data: URL, or a local route (registered in `routes`) when the page is served by interception. */
function imageSource(bytes: Uint8Array, path: string, contentType: string, routes?: LocalRoutes): string {
  if (!routes) return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;
  routes.set(path, { body: Buffer.from(bytes), contentType });
  return LOCAL_ORIGIN + path;
}

async function loadImages(images: Image[], options: RenderOptions): Promise<ImageSources> {
  const out: ImageSources = new Map();
  await Promise.all(images.map(async (img) => {
    if (out.has(img.sha256)) return;
    out.set(img.sha256, null);
    let bytes: Uint8Array | null = null;
    if (options.loadArtifact) bytes = await options.loadArtifact(img.sha256);
    else if (options.artifactBaseUrl) {
      const url = new URL(img.url, options.artifactBaseUrl).toString();
      if (!isLocalUrl(url)) throw new RendererError('BAD_PARAMETER', `Artifact URL ${url} is not local; the renderer only reads loopback URLs.`);
      const r = await fetch(url);
      if (r.ok) bytes = new Uint8Array(await r.arrayBuffer());
    }
    if (bytes) out.set(img.sha256, imageSource(bytes, `/img/${img.sha256}.png`, 'image/png', options.routes));
  }));
  return out;
}

/** Whether a section of the layout may ask for an isosurface view (its module draws one). */
function mayWantSurfaces(layout: ReportLayout, modules: SectionModules): boolean {
  return layout.some((level) => level.sections.some((s) => {
    const m = modules.get(level.field)?.get(s.field);
    return !!(m?.surface || m?.overlay);
  }));
}

/** The view page, started with the mesh loaded (null without a browser, a surface provider or a mesh). */
async function startSurfaceViewer(options: RenderOptions): Promise<SurfaceViewer | null> {
  const { browser, surfaces } = options;
  if (!browser || !surfaces) return null;
  const mesh = await surfaces.mesh();
  if (!mesh || mesh.indices.length === 0) return null;
  return openSurfaceViewer(browser, mesh, { page: options.page, routes: options.page ? options.routes : undefined });
}

/**
 * Renders the plain and painted isosurface views the sections ask for (surface(), overlay()) in
 * the viewer; a painted view's local map is read and sampled while the previous view is drawn.
 */
async function surfaceViews(map: ReportMap, layout: ReportLayout, modules: SectionModules, options: RenderOptions, viewer: Promise<SurfaceViewer | null> | null): Promise<Record<string, string[]>> {
  const { surfaces } = options;
  if (!viewer || !surfaces) return {};
  const colourings: Colouring[] = [];
  const painted: [string, LocalAnalysis][] = [];
  for (const level of layout) {
    const record = map[level.field] as LevelRecord;
    for (const s of level.sections) {
      const r = record[s.field];
      const want = r ? modules.get(level.field)!.get(s.field)!.surface?.(r as never) : null;
      if (want === 'plain' && !colourings.some((c) => c.name === 'plain')) colourings.push({ name: 'plain', colours: null });
      else if (want === 'painted') painted.push([s.field, r as LocalAnalysis]);
      const trace = r ? modules.get(level.field)!.get(s.field)!.overlay?.(r as never) : null;
      if (trace && trace.points.length >= 6) colourings.push({ name: 'model', colours: null, segments: traceSegments(trace.points, trace.chainStarts) });
    }
  }
  if (colourings.length === 0 && painted.length === 0) return {};
  const v = await viewer;
  if (!v) return {};
  const paint = async ([k, a]: [string, LocalAnalysis]): Promise<Colouring | null> => {
    const values = await surfaces.vertexValues(k, a);
    const p = a.percentiles!;
    return values ? { name: k, colours: jetColours(values, p.p2_5, p.p97_5) } : null;
  };
  const views: Record<string, string[]> = {};
  let next = painted.length > 0 ? paint(painted[0]!) : null;
  for (const c of colourings) views[c.name] = await v.render(c);
  for (let i = 0; i < painted.length; i++) {
    const c = await next!;
    next = i + 1 < painted.length ? paint(painted[i + 1]!) : null; // one local map in memory at a time
    if (c) views[c.name] = await v.render(c);
  }
  if (!options.routes) return views;
  const out: Record<string, string[]> = {};
  for (const [name, urls] of Object.entries(views)) {
    out[name] = urls.map((u, k) => {
      const [head, b64] = u.split(',', 2) as [string, string];
      const type = /data:([^;]+)/.exec(head)?.[1] ?? 'image/png';
      return imageSource(Buffer.from(b64, 'base64'), `/view/${name}-${k}.${type === 'image/jpeg' ? 'jpg' : 'png'}`, type, options.routes);
    });
  }
  return out;
}

/** The inputs the map has by role ('map' always; 'model', 'half1', 'half2' when attached). */
async function mapRoles(executor: Executor, mapId: string): Promise<Set<string>> {
  const answer = await executor(MAP_INPUTS_QUERY, { id: mapId });
  const m = answer.data?.map as { model?: unknown; halfMaps?: { half1?: unknown; half2?: unknown } | null } | null | undefined;
  const roles = new Set(['map']);
  if (m?.model) roles.add('model');
  if (m?.halfMaps?.half1) roles.add('half1');
  if (m?.halfMaps?.half2) roles.add('half2');
  return roles;
}

/** The layout of this map's report: the levels whose inputs it has (layoutForInputs). */
export async function fetchMapLayout(executor: Executor, mapId: string): Promise<ReportLayout> {
  const [layout, roles] = await Promise.all([fetchLayout(executor), mapRoles(executor, mapId)]);
  return layoutForInputs(layout, roles);
}

export async function renderReportHtml(executor: Executor, params: ReportParams, options: RenderOptions = {}): Promise<RenderedHtml> {
  const t = options.timings;
  let t0 = Date.now();
  const layout = await fetchMapLayout(executor, params.mapId);
  const modules = await loadSectionModules(layout);
  // the view page starts (three.js, WebGL, the mesh) in Chromium while the report is queried
  const viewer = mayWantSurfaces(layout, modules) ? startSurfaceViewer(options) : null;
  viewer?.catch(() => undefined); // its failure is thrown where the views are drawn
  try {
    const map = await fetchReport(executor, params, { layout, modules });
    if (t) t.query = Date.now() - t0;
    t0 = Date.now();
    const [images, views] = await Promise.all([loadImages(allImages(map, layout, modules), options), surfaceViews(map, layout, modules, options, viewer)]);
    if (t) t.figures = Date.now() - t0;
    const figs = new Figures();
    const html = buildDocument({ map, layout, modules, images, views, figs, generatedAt: options.now ?? new Date() }, paginateScript());
    return { html, map, levelIds: layout.filter((l) => l.vrsLevel).map((l) => l.id), figureCount: figs.next() - 1 };
  } finally {
    await (await viewer?.catch(() => null))?.close();
  }
}

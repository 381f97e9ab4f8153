/**
 * renderReportHtml: runs the report query (one GraphQL request), resolves the figure images
 * (artifact callback or loopback URL) and, when given a browser and a surface provider, renders
 * the isosurface views; then builds the HTML. No number is computed here.
 */
import type { Browser, Page } from 'puppeteer-core';
import { VrsError } from '../worker-pool/errors.js';
import { placeholderSection, SECTION_FIELDS, type SectionField } from '../worker-pool/metrics/level0/placeholder.js';
import type { Image, Level0Result, LocalAnalysis } from '../worker-pool/metrics/level0/types.js';
import { isLocalUrl, LOCAL_ORIGIN, type LocalRoutes } from './chromium.js';
import { jetColours, renderSurfaceViews, type Colouring, type SurfaceMesh } from './isosurface.js';
import { paginateScript } from './paginate.js';
import { REPORT_QUERY, reportVariables, type Executor, type ReportMap, type ReportParams } from './report-query.js';
import { buildDocument } from './templates/document.js';
import { Figures, type ImageSources } from './templates/figures.js';

/** Where the isosurface comes from: the mesh made by the pool (metric level0.isosurface) and,
 *  for 0.e–0.g, the local map sampled at its vertices. The reports service wires these to the store. */
export interface SurfaceProvider {
  mesh(): Promise<SurfaceMesh | null>;
  /** values of a local map at the mesh vertices; key = 'localResolution' | 'localBFactor' | 'localOccupancy' */
  vertexValues(key: LocalKey, analysis: LocalAnalysis): Promise<Float32Array | null>;
}

export type LocalKey = 'localResolution' | 'localBFactor' | 'localOccupancy';
export const LOCAL_KEYS: readonly LocalKey[] = ['localResolution', 'localBFactor', 'localOccupancy'];

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
  figureCount: number;
}

/**
 * The report's data. A section the graph answered with an error (its field is null, the error's
 * path names it) is printed as FAILED with that error, like the CLI's summary does; any other
 * error (the map, the summary) fails the report.
 */
export async function fetchReport(executor: Executor, params: ReportParams): Promise<ReportMap> {
  const answer = await executor(REPORT_QUERY, reportVariables(params));
  const map = answer.data?.map;
  const others: string[] = [];
  for (const e of answer.errors ?? []) {
    const code = String(e.extensions?.code ?? 'ERROR');
    const [m, l0, field] = (e as { path?: readonly (string | number)[] }).path ?? [];
    const section = m === 'map' && l0 === 'level0' && typeof field === 'string' && field in SECTION_FIELDS ? (field as SectionField) : null;
    if (!section || !map?.level0) {
      others.push(`${code}: ${e.message}`);
      continue;
    }
    const level0 = map.level0 as unknown as Record<string, unknown>;
    const current = level0[section] as { status?: string } | null;
    if (current == null || current.status !== 'FAILED') level0[section] = placeholderSection(section, 'FAILED', `[${code}] ${e.message}`);
  }
  if (others.length) throw new VrsError('REPORT_QUERY_FAILED', `The report query failed: ${[...new Set(others)].join('; ')}`);
  if (!map) throw new VrsError('REPORT_QUERY_FAILED', `The gateway has no map with id ${params.mapId}; register the map first.`);
  return map;
}

function allImages(l: Level0Result): Image[] {
  const d = l.inputData;
  return [
    ...d.centralSlices, ...d.maxVarianceSlices, ...d.projections, ...d.hardMaskSlices, ...d.softMaskSlices, ...d.isosurfaceViews,
    ...(l.mask.rawMaskSlices ?? []), ...(l.background.outlierSlices ?? []), ...(l.bFactor.sharpenedSlices ?? []),
    ...(l.localResolution.views ?? []), ...(l.localBFactor.views ?? []), ...(l.localOccupancy.views ?? []),
  ];
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
      if (!isLocalUrl(url)) throw new VrsError('BAD_PARAMETER', `Artifact URL ${url} is not local; the renderer only reads loopback URLs.`);
      const r = await fetch(url);
      if (r.ok) bytes = new Uint8Array(await r.arrayBuffer());
    }
    if (bytes) out.set(img.sha256, imageSource(bytes, `/img/${img.sha256}.png`, 'image/png', options.routes));
  }));
  return out;
}

/** Renders the plain and painted isosurface views that the query did not already provide. */
async function surfaceViews(map: ReportMap, options: RenderOptions): Promise<Record<string, string[]>> {
  const l = map.level0;
  const { browser, surfaces } = options;
  if (!browser || !surfaces) return {};
  const colourings: Colouring[] = [];
  if (l.inputData.isosurfaceViews.length === 0) colourings.push({ name: 'plain', colours: null });
  const needLocal = LOCAL_KEYS.filter((k) => {
    const a = l[k];
    return (a.status === 'OK' || a.status === 'WARNING') && a.views.length === 0 && a.percentiles;
  });
  if (colourings.length === 0 && needLocal.length === 0) return {};
  const mesh = await surfaces.mesh();
  if (!mesh || mesh.indices.length === 0) return {};
  for (const k of needLocal) {
    const values = await surfaces.vertexValues(k, l[k]);
    const p = l[k].percentiles!;
    if (values) colourings.push({ name: k, colours: jetColours(values, p.p2_5, p.p97_5) });
  }
  const views = await renderSurfaceViews(browser, mesh, colourings, { page: options.page, routes: options.page ? options.routes : undefined });
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

export async function renderReportHtml(executor: Executor, params: ReportParams, options: RenderOptions = {}): Promise<RenderedHtml> {
  const t = options.timings;
  let t0 = Date.now();
  const map = await fetchReport(executor, params);
  if (t) t.query = Date.now() - t0;
  t0 = Date.now();
  const [images, views] = await Promise.all([loadImages(allImages(map.level0), options), surfaceViews(map, options)]);
  if (t) t.figures = Date.now() - t0;
  const figs = new Figures();
  const html = buildDocument({ map, images, views, figs, generatedAt: options.now ?? new Date() }, paginateScript());
  return { html, map, figureCount: figs.next() - 1 };
}

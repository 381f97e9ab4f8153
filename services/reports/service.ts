/**
 * Reports over the metric store: a PDF is one memo row ('report.pdf', the Level 0 parameters)
 * whose computation asks the report renderer (a GraphQL client of the gateway) and stores the
 * PDF in the blob store. Rendered once, then served from the store.
 */
import { createHash } from 'node:crypto';
import { ERROR_CATALOGUE, VrsError, isVrsError, type ErrorCode } from '../../worker-pool/errors.js';
import { clientStoredError } from '../../worker-pool/server-paths.js';
import { reportPhase } from '../../worker-pool/timings.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';
import type { MetricMemo } from '../store/memo.js';
import type { BlobStore } from '../store/blob-store.js';
import type { ReportRecord, ReportsService } from './service-types.js';
import { reportFigureOptions, type ReportFigureDeps, type ReportFigureOptions } from './figures.js';

export const REPORT_METRIC = 'report.pdf';
export const REPORT_VERSION = '7'; // 2: figures and isosurface views in the PDF; 3: failed sections, voxel size used, grey unmeasured region, context; 4: the key holds the printed map facts; 5: long tables split with their header, component table, threshold and resolution wording (issue 17); 6: Level 1 and Level A chapters, the key holds the linked inputs; 7: archive headings without "Level E", residue plots' labels, ranks per profile

/**
 * What the report prints from the map row besides the level's parameters (the cover page's
 * name, EMDB record, the contour level and its source that name the threshold's source, the
 * reported resolution). Part of the stored PDF's key: a PDF is never served for other facts.
 */
export type PrintedMapFacts = (mapId: string) => Promise<unknown>;

/** SHA-256 of a JSON value with its object keys sorted (the same facts give the same digest). */
function digest(value: unknown): string {
  const sorted = (v: unknown): unknown => Array.isArray(v) ? v.map(sorted)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
    : v;
  return createHash('sha256').update(JSON.stringify(sorted(value ?? null))).digest('hex');
}

export type ReportExecutor = (query: string, variables: Record<string, unknown>) => Promise<{ data?: unknown; errors?: readonly unknown[] }>;

interface StoredReport {
  sha256: string;
  pages: number;
  renderedAt: string;
}

type RenderPdf = ((
  executor: ReportExecutor,
  params: { mapId: string; threshold: number; resolution: number | null; profile: string; voxelSize: number },
  options?: ReportFigureOptions & { signal?: AbortSignal },
) => Promise<{ pdf: Uint8Array; pages: number; timings?: Record<string, number> }>) & { close?: () => Promise<void>; warm?: () => Promise<void> };

/**
 * Loaded on first use: puppeteer is not needed by a process that never prints. The reports of
 * one service share one Chromium (a page each), closed when idle or with the service.
 */
async function importRenderer(): Promise<RenderPdf> {
  const [{ renderReportPdf }, { SharedChromium }] = await Promise.all([
    import('../../report-renderer/pdf.js'),
    import('../../report-renderer/shared-chromium.js'),
  ]);
  const chromium = new SharedChromium();
  const render: RenderPdf = (executor, params, options) =>
    chromium.use((browser) => renderReportPdf(executor as Parameters<typeof renderReportPdf>[0], params, { ...options, browser }));
  render.close = () => chromium.close();
  render.warm = () => chromium.use(async () => undefined);
  return render;
}

export class StoreReportsService implements ReportsService {
  /** Set by the gateway process once it can answer queries (the renderer is its client). */
  executor: ReportExecutor | null = null;

  /** Figure images and isosurface sources (set by the app; without them the PDF has no pictures). */
  figures: Omit<ReportFigureDeps, 'blobs'> | null = null;

  #renderer: Promise<RenderPdf> | null = null;

  /**
   * `mapFacts`: what the report prints from the map row (see PrintedMapFacts); the stored PDF's
   * key holds its digest, so a PDF rendered before the row changed is not served after.
   */
  constructor(
    readonly memo: MetricMemo, readonly blobs: BlobStore, readonly loadRenderer: () => Promise<RenderPdf> = importRenderer,
    readonly mapFacts: PrintedMapFacts = async () => null,
  ) {}

  /** Closes the renderer's browser, if one was started. */
  async close(): Promise<void> {
    const renderer = this.#renderer && (await this.#renderer.catch(() => null));
    this.#renderer = null;
    await renderer?.close?.();
  }

  /**
   * Loads the renderer and launches its Chromium now, so that a report asked for soon (vrs
   * validate --pdf, once its sections are stored) does not wait for them. Failures are left
   * for the report itself to meet.
   */
  warm(): void {
    const loading = (this.#renderer ??= this.loadRenderer());
    loading.then((r) => r.warm?.(), () => {
      if (this.#renderer === loading) this.#renderer = null;
    }).catch(() => undefined);
  }

  /** The stored PDF's memo key: the parameters, the printed map facts (digest) and the report version. */
  private async key(mapId: string, params: Level0Params) {
    const map = digest(await this.mapFacts(mapId));
    return { mapId, metric: REPORT_METRIC, params: { ...params, map }, version: REPORT_VERSION };
  }

  async get(mapId: string, params: Level0Params): Promise<ReportRecord> {
    const key = await this.key(mapId, params);
    const state = await this.memo.getState(key);
    if (!state) return { state: 'NOT_STARTED', pdfUrl: null, pages: null, renderedAt: null, error: null };
    if (state.state === 'done') {
      const out = await this.memo.getOrCompute<StoredReport>(key, () => Promise.reject(new Error('unreachable')));
      return this.record(mapId, params, out.result);
    }
    return {
      state: state.state === 'queued' ? 'QUEUED' : state.state === 'running' ? 'RUNNING' : 'FAILED',
      pdfUrl: null, pages: null, renderedAt: null, error: clientStoredError(state.error),
    };
  }

  async render(mapId: string, params: Level0Params, options: { wait?: boolean } = {}): Promise<ReportRecord> {
    if (options.wait) return this.record(mapId, params, await this.stored(mapId, params));
    this.pdf(mapId, params).catch(() => undefined); // the failure is stored in the row; get() reports it
    await new Promise((r) => setTimeout(r, 20));
    const now = await this.get(mapId, params);
    return now.state === 'NOT_STARTED' ? { ...now, state: 'QUEUED' } : now;
  }

  /** The PDF, rendering it once if needed; `signal` stops a rendering in progress (vrs validate's Ctrl-C). */
  async pdf(mapId: string, params: Level0Params, signal?: AbortSignal): Promise<{ sha256: string; pages: number; path: string }> {
    const stored = await this.stored(mapId, params, signal);
    return { ...stored, path: this.blobs.pathOf(stored.sha256, 'application/pdf') };
  }

  private async stored(mapId: string, params: Level0Params, signal?: AbortSignal): Promise<StoredReport> {
    const out = await this.memo.getOrCompute<StoredReport>(await this.key(mapId, params), async () => {
      if (!this.executor) throw new VrsError('REPORT_FAILED', 'Reports can only be rendered by a running gateway.');
      const loading = (this.#renderer ??= this.loadRenderer());
      loading.catch(() => { if (this.#renderer === loading) this.#renderer = null; });
      const renderPdf = await loading;
      try {
        const figures = this.figures ? reportFigureOptions({ ...this.figures, blobs: this.blobs }, mapId, params) : undefined;
        const { pdf, pages, timings } = await renderPdf(this.executor, { mapId, threshold: params.threshold, resolution: params.resolution, profile: params.profile, voxelSize: params.voxelSize }, { ...figures, signal });
        for (const [step, ms] of Object.entries(timings ?? {})) reportPhase(`  pdf: ${step}`, ms);
        const ref = await this.blobs.put(pdf, 'application/pdf', 'report', { mapId });
        return { result: { sha256: ref.sha256, pages, renderedAt: new Date().toISOString() } };
      } catch (error) {
        if (signal?.aborted) throw new VrsError('CANCELLED', 'The report was cancelled before it was printed.');
        if (isVrsError(error)) throw error;
        // the renderer's own errors carry a code of the catalogue (report-renderer/errors.ts)
        const code = (error as { name?: string; code?: string })?.name === 'RendererError' ? (error as { code: string }).code : null;
        if (code && code in ERROR_CATALOGUE) throw new VrsError(code as ErrorCode, (error as Error).message);
        throw new VrsError('REPORT_FAILED', `The report could not be rendered: ${(error as Error)?.message ?? error}`);
      }
    });
    return out.result;
  }

  private record(mapId: string, params: Level0Params, r: StoredReport): ReportRecord {
    const q = new URLSearchParams({ threshold: String(params.threshold), profile: params.profile });
    if (params.resolution != null) q.set('resolution', String(params.resolution));
    return { state: 'DONE', pdfUrl: `/maps/${mapId}/report.pdf?${q}`, pages: r.pages, renderedAt: new Date(r.renderedAt), error: null, pdfSha256: r.sha256 };
  }
}

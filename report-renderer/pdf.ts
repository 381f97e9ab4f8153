/**
 * renderReportPdf: the report as an A4 PDF printed by the system Chromium (puppeteer-core).
 * The page is built from static HTML (plots inlined as SVG, images as data: URLs), paginated
 * by measured layout (paginate.ts), then printed with page numbers in the footer. Fonts are
 * DejaVu (a system font Chromium embeds as subsets).
 */
import type { Browser, Page } from 'puppeteer-core';
import { guardPage, launchChromium, LOCAL_ORIGIN, type LocalRoutes } from './chromium.js';
import type { Layout } from './paginate.js';
import type { Executor, ReportParams } from './report-query.js';
import { renderReportHtml, type RenderOptions } from './render.js';
import { esc } from './templates/format.js';
import { PAGE } from './templates/document.js';

export interface RenderedPdf {
  pdf: Uint8Array;
  pages: number;
  layout: Layout;
  /** milliseconds per step: query, figures (images + isosurface views), layout, print, total */
  timings: Record<string, number>;
}

export async function renderReportPdf(executor: Executor, params: ReportParams, options: RenderOptions = {}): Promise<RenderedPdf> {
  const start = Date.now();
  const timings: Record<string, number> = {};
  const own = !options.browser;
  const browser: Browser = options.browser ?? (await launchChromium());
  if (own) timings.launch = Date.now() - start;
  let page: Page | undefined;
  // aborting closes the page (and an own browser): every step in progress then rejects
  const stop = () => void (own ? browser.close() : page?.close())?.catch(() => undefined);
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    if (options.signal?.aborted) throw new Error('cancelled');
    const routes: LocalRoutes = new Map();
    // one page for everything: the isosurface views first, then the report (a new page is a new renderer process)
    page = (own ? (await browser.pages())[0] : undefined) ?? (await browser.newPage());
    if (options.signal?.aborted) stop();
    await guardPage(page, routes);
    const { html, map, levelIds } = await renderReportHtml(executor, params, { ...options, browser, timings, routes, page });
    routes.set('/report.html', { body: Buffer.from(html), contentType: 'text/html; charset=utf-8' });
    const t0 = Date.now();
    await page.setViewport({ width: 900, height: 1200 });
    await page.emulateMediaType('print');
    await page.goto(LOCAL_ORIGIN + '/report.html', { waitUntil: 'load' });
    await page.waitForFunction('window.__vrsLayout !== undefined', { timeout: 30_000 });
    const layout = (await page.evaluate('window.__vrsLayout')) as Layout;
    timings.layout = Date.now() - t0;
    const t1 = Date.now();
    const footer = `<div style="font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#555;width:100%;margin:0 ${PAGE.left}mm;display:flex;justify-content:space-between">` +
      `<span>VRS Level${levelIds.length > 1 ? 's' : ''} ${esc(levelIds.join(', '))} report · ${esc(map.name)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: footer,
      margin: { top: `${PAGE.top}mm`, bottom: `${PAGE.bottom}mm`, left: `${PAGE.left}mm`, right: `${PAGE.right}mm` },
      preferCSSPageSize: true,
      // no tagged PDF / outline: building the accessibility tree costs seconds on big reports
      tagged: false,
    });
    timings.print = Date.now() - t1;
    timings.total = Date.now() - start;
    return { pdf: new Uint8Array(pdf), pages: countPages(pdf), layout, timings };
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await page?.close().catch(() => undefined); // a shared browser keeps no page of ours
    if (own) await browser.close();
  }
}

/** Number of pages of a PDF made by Chromium (its page tree root carries /Count N). */
export function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  let best = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)) best = Math.max(best, Number(m[1]));
  if (best === 0) for (const m of text.matchAll(/\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) best = Math.max(best, Number(m[1]));
  return best || (text.match(/\/Type\s*\/Page\b/g) ?? []).length;
}

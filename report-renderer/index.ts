/** The report renderer's public surface: one GraphQL query in, HTML or an A4 PDF out. */
export { renderReportHtml, fetchReport, fetchLayout, fetchMapLayout, loadSectionModules, LOCAL_KEYS, type RenderOptions, type SurfaceProvider, type LocalKey } from './render.js';
export { renderReportPdf, countPages, type RenderedPdf } from './pdf.js';
export { LAYOUT_QUERY, reportQuery, urlExecutor, reportVariables, type Executor, type ReportParams, type ReportMap } from './report-query.js';
export { findChromium, launchChromium, CHROMIUM_FLAGS } from './chromium.js';
export { renderSurfaceViews, jetColours, VIEW_ANGLES, type SurfaceMesh } from './isosurface.js';
export type { Layout, FigureBox } from './paginate.js';
export type { ReportLayout, LevelLayout, SectionLayout } from './types.js';
export { RendererError, isRendererError } from './errors.js';
export type { SectionModule, SectionContext } from './templates/sections.js';

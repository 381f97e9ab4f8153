/** What the reports subgraph's resolvers need from the services (implemented by ./service.ts). */
import type { ErrorCode } from '../../worker-pool/errors.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';

export type JobStateName = 'NOT_STARTED' | 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ReportRecord {
  state: JobStateName;
  pdfUrl: string | null;
  pages: number | null;
  renderedAt: Date | null;
  error: { code: ErrorCode; message: string } | null;
  /** SHA-256 of the stored PDF (its blob), once rendered. */
  pdfSha256?: string | null;
}

export interface ReportsService {
  get(mapId: string, params: Level0Params): Promise<ReportRecord>;
  /**
   * Starts rendering (or returns the stored PDF's record) without waiting for it; with
   * `wait`, answers once the PDF is stored (a failure is thrown, with its code).
   */
  render(mapId: string, params: Level0Params, options?: { wait?: boolean }): Promise<ReportRecord>;
}

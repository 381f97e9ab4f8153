/**
 * The renderer's errors: a code of the product's error catalogue (worker-pool/errors.ts, which
 * the renderer does not import) and a message. The reports service turns them into VrsErrors
 * (services/reports/service.ts), so users see the same codes as before.
 */
export type RendererErrorCode = 'BAD_PARAMETER' | 'CHROMIUM_NOT_FOUND' | 'REPORT_QUERY_FAILED' | 'WEBGL_UNAVAILABLE';

export class RendererError extends Error {
  override readonly name = 'RendererError';
  constructor(readonly code: RendererErrorCode, message: string) {
    super(message);
  }
}

export function isRendererError(error: unknown): error is RendererError {
  return error instanceof RendererError;
}

/**
 * Errors over HTTP, in one place: the HTTP status of each error code, the catalogue codes
 * given to Apollo's, graphql-armor's and Fastify's own errors, and the answer's shape:
 * `{"errors": [{message, extensions: {code}}]}` (the GraphQL shape) on /graphql,
 * `{"error": {code, message}}` on the other routes. Codes are those of worker-pool/errors.ts.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { Socket } from 'node:net';
import { ERROR_CATALOGUE, VrsError, isVrsError, type ErrorCode } from '../../worker-pool/errors.js';
import { detailsWithoutServerPaths, withoutServerPaths } from '../../worker-pool/server-paths.js';

// --- status tables -----------------------------------------------------------------------

/** The HTTP status of an error code; a code not listed is 400 when the user's input is at fault, else 500. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  MAP_NOT_REGISTERED: 404,
  MAP_BUSY: 409,
  ROUTE_NOT_FOUND: 404,
  ARTIFACT_NOT_FOUND: 404,
  MAP_TOO_LARGE: 413,
  MEMORY_BUDGET_EXCEEDED: 413,
  REQUEST_TOO_LARGE: 413,
  REQUEST_TIMEOUT: 504,
  DB_UNAVAILABLE: 503,
  DASHBOARD_NOT_BUILT: 503,
  BLOB_NOT_FOUND: 404,
  API_KEY_REQUIRED: 401,
  API_KEY_INVALID: 401,
  RATE_LIMITED: 429,
  UPLOAD_QUOTA_EXCEEDED: 429,
};

export function httpStatusOf(error: unknown): number {
  if (!isVrsError(error)) return 500;
  return HTTP_STATUS[error.code] ?? (error.isInputError ? 400 : 500);
}

/**
 * Apollo's own codes as codes of the catalogue (the original kept beside, as `graphqlCode`):
 * a client only ever receives codes of the catalogue (the ErrorCode enum, the README's table).
 * Any other code, or none, is INTERNAL.
 */
const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'QUERY_INVALID',
  GRAPHQL_VALIDATION_FAILED: 'QUERY_INVALID',
  BAD_USER_INPUT: 'BAD_PARAMETER',
  OPERATION_RESOLUTION_FAILURE: 'QUERY_INVALID',
  PERSISTED_QUERY_NOT_SUPPORTED: 'BAD_REQUEST', // the gateway keeps no persisted queries (apollo.ts)
  PERSISTED_QUERY_NOT_FOUND: 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

/** graphql-armor's rejections (their messages: armor gives them no code of their own). */
const ARMOR_MESSAGES = [/depth limit/i, /cost limit/i, /aliases limit/i, /token limit/i, /directives limit/i];

/** The codes that mean the client's query itself cannot run. */
const QUERY_FAULT_CODES = new Set<string>(['QUERY_INVALID', 'BAD_PARAMETER', 'QUERY_TOO_COMPLEX']);

/** Apollo's formatError: ours from VrsError, armor's rejections as QUERY_TOO_COMPLEX, Apollo's codes mapped. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (ARMOR_MESSAGES.some((re) => re.test(formatted.message))) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX' } };
  }
  const original = (error as { originalError?: unknown })?.originalError;
  // every message the client reads, without the server's folders (worker-pool/server-paths.ts)
  formatted = { ...formatted, message: withoutServerPaths(formatted.message) };
  if (formatted.extensions?.details) formatted = { ...formatted, extensions: { ...formatted.extensions, details: detailsWithoutServerPaths(formatted.extensions.details) } };
  if (isVrsError(original)) return { ...formatted, extensions: { ...formatted.extensions, code: original.code } };
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && Object.hasOwn(ERROR_CATALOGUE, apolloCode)) return formatted;
  const code = (typeof apolloCode === 'string' ? APOLLO_CODES[apolloCode] : undefined) ?? 'INTERNAL';
  return { ...formatted, extensions: { ...formatted.extensions, code, ...(apolloCode !== undefined ? { graphqlCode: apolloCode } : {}) } };
}

/**
 * The HTTP status of a GraphQL answer. A syntax error can come back as HTTP 500 (a plugin that
 * reads the document before Apollo's parse, graphql-armor's token limit, throws it): an answer
 * whose every error is the client's query is a 400.
 */
export function graphqlStatusOf(status: number | undefined, body: string): number {
  if (status !== 500) return status ?? 200;
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors ?? [];
    const codes = errors.map((e) => e.extensions?.code);
    return codes.length > 0 && codes.every((c) => c !== undefined && QUERY_FAULT_CODES.has(c)) ? 400 : 500;
  } catch {
    return 500;
  }
}

/** An error of a GraphQL answer (asked in process) as a VrsError with its code; an unknown code is INTERNAL. */
export function errorOfAnswer(error: { message?: string; extensions?: { code?: unknown } } | undefined): VrsError {
  const code = error?.extensions?.code;
  if (code === 'INTERNAL') return new VrsError('INTERNAL'); // logged where it happened
  if (typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code)) return new VrsError(code as ErrorCode, error?.message);
  console.error('[http] the graph answered an error without a catalogue code:', error);
  return new VrsError('INTERNAL');
}

/** Fastify's own errors (body parsing, URL decoding) as catalogue errors; null for others. */
function fromFastify(error: FastifyError, request: FastifyRequest): VrsError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit;
      const declared = Number(request.headers['content-length'] ?? 0);
      return new VrsError('REQUEST_TOO_LARGE', declared > limit
        ? `The request body is ${declared} bytes; the limit is ${limit} bytes.`
        : `The request body is over the limit of ${limit} bytes.`);
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new VrsError('BAD_REQUEST', 'The request body is not as long as its Content-Length says.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new VrsError('BAD_REQUEST', 'The Content-Type header is malformed.');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new VrsError('BAD_REQUEST', `The URL ${request.url.slice(0, 100)} is malformed (a bad %-escape, or a path segment too long).`);
    default:
      return null;
  }
}

// --- answers -----------------------------------------------------------------------------

/** The client closed the connection before its request body ended: nobody to answer. */
export class ClientClosed extends Error {
  override readonly name = 'ClientClosed';
}

/** Node's error for a request stream cut short by the client ('aborted', ECONNRESET). */
export function isClientAbort(error: unknown): boolean {
  if (error instanceof ClientClosed) return true;
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && e.code === 'ECONNRESET' && e.message === 'aborted';
}

function isGraphqlPath(url: string): boolean {
  const end = url.search(/[?#]/);
  return (end < 0 ? url : url.slice(0, end)) === '/graphql';
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

/**
 * Answers an error in the shape of its route. A client that went away gets one short log line
 * and no answer; only unexpected errors are logged with their stack. (Fastify's error handler,
 * not-found handler and framework-error handler all come here.)
 */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply | void {
  if (isClientAbort(error)) {
    console.warn(`[http] ${request.method} ${request.url.slice(0, 100)}: the client closed the connection before the end of its request`);
    reply.hijack();
    reply.raw.destroy();
    return;
  }
  const known = isVrsError(error) ? error : fromFastify(error as FastifyError, request);
  if (!known) console.error('[http] internal error:', error);
  if (reply.raw.headersSent) {
    reply.hijack();
    reply.raw.destroy();
    return;
  }
  const code: ErrorCode = known?.code ?? 'INTERNAL';
  const message = known ? withoutServerPaths(known.message) : 'An internal error occurred; the details are in the server log.';
  return sendJson(reply, httpStatusOf(known), isGraphqlPath(request.url) ? { errors: [{ message, extensions: { code } }] } : { error: { code, message } });
}

/**
 * A request Node's HTTP parser refuses (malformed, headers too large, not received in time):
 * Node's answer (400, 431 or 408, then close), with a body in the routes' shape.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message]: [number, string, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'REQUEST_TOO_LARGE', 'The request headers are larger than the server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request was not received in time.']
        : [400, 'Bad Request', 'BAD_REQUEST', 'The HTTP request is malformed.'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

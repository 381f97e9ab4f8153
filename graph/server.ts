/**
 * The HTTP server of the gateway process (node:http, one process): POST /graphql,
 * PUT /maps/{filename}, GET /maps/{id}/report.pdf, GET /artifacts/{sha256}.{ext}, GET /healthz.
 * Limits: request body size, upload size, query depth/cost/aliases (graphql-armor), a
 * per-request timeout.
 */
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloGateway } from '@apollo/gateway';
import {
  GraphQLError, Kind, type ASTNode, type ASTVisitor, type FloatValueNode, type GraphQLFormattedError, type IntValueNode, type ValidationContext,
} from 'graphql';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VrsError, isVrsError, type ErrorCode } from '../worker-pool/errors.js';
import { MAP_ID_PATTERN, CriteriaProfile } from '../services/maps/common.type.js';
import { mapLoader, type SubgraphContext } from '../services/maps/context.js';
import { checkArgs } from '../services/level0/level.resolver.js';
import { DASHBOARD_CSP, dashboardAsset } from './dashboard.js';
import { createGateway, type GatewayOptions } from './gateway.js';
import type { HttpServices } from './http-services.js';

process.env.APOLLO_TELEMETRY_DISABLED = '1';

export interface ServerLimits {
  /** POST /graphql body, bytes (default 1 MiB). */
  bodyBytes: number;
  /** PUT /maps upload, bytes (default 4 GiB). */
  uploadBytes: number;
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  /** GraphQL request timeout, ms (default 10 min: a section may compute for minutes). */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 1 << 20,
  uploadBytes: 4 * 2 ** 30,
  maxDepth: 10,
  maxCost: 20_000,
  maxAliases: 30,
  maxTokens: 5_000,
  requestTimeoutMs: 10 * 60_000,
};

export interface ServerOptions extends GatewayOptions {
  services: HttpServices;
  host?: string;
  port?: number;
  limits?: Partial<ServerLimits>;
  /** Schema introspection (default: on unless NODE_ENV=production). */
  introspection?: boolean;
  /** Apollo's local landing page (default off: its default loads assets from a CDN). */
  landingPage?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  apollo: ApolloServer<SubgraphContext>;
  gateway: ApolloGateway;
  close(): Promise<void>;
}

const ARMOR_MESSAGES = [/depth limit/i, /cost limit/i, /aliases limit/i, /token limit/i, /directives limit/i];

/** Error codes in answers: ours from VrsError, armor's rejections as QUERY_TOO_COMPLEX. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (ARMOR_MESSAGES.some((re) => re.test(formatted.message))) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX' } };
  }
  const original = (error as { originalError?: unknown })?.originalError;
  if (isVrsError(original)) return { ...formatted, extensions: { ...formatted.extensions, code: original.code } };
  // Apollo's own codes for a query that cannot run, as codes of the catalogue (the original kept beside)
  const apolloCode = formatted.extensions?.code;
  const code = typeof apolloCode === 'string' ? APOLLO_CODES[apolloCode] : undefined;
  if (code) return { ...formatted, extensions: { ...formatted.extensions, code, graphqlCode: apolloCode } };
  return formatted;
}

const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'QUERY_INVALID',
  GRAPHQL_VALIDATION_FAILED: 'QUERY_INVALID',
  BAD_USER_INPUT: 'BAD_PARAMETER',
  OPERATION_RESOLUTION_FAILURE: 'QUERY_INVALID',
};

/**
 * A syntax error can come back as HTTP 500 (a plugin that reads the document before Apollo's
 * parse, graphql-armor's token limit, throws it): an answer whose every error is the client's
 * query is a 400.
 */
function statusOf(status: number | undefined, body: string): number {
  if (status !== 500) return status ?? 200;
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors ?? [];
    const codes = errors.map((e) => e.extensions?.code);
    return codes.length > 0 && codes.every((c) => c === 'QUERY_INVALID' || c === 'BAD_PARAMETER' || c === 'QUERY_TOO_COMPLEX') ? 400 : 500;
  } catch {
    return 500;
  }
}

/**
 * A number literal beyond the range of a double (`threshold: 1e400`) parses as Infinity, which
 * graphql-js's Float accepts and the gateway's query planner then refuses as an internal error
 * (HTTP 500): refuse it at validation (HTTP 400), as BAD_PARAMETER like any bad argument.
 */
export function finiteNumberLiterals(context: ValidationContext): ASTVisitor {
  const check = (node: FloatValueNode | IntValueNode, _key: unknown, parent: ASTNode | readonly ASTNode[] | undefined) => {
    if (Number.isFinite(Number(node.value))) return;
    const argument = parent && 'kind' in parent && parent.kind === Kind.ARGUMENT ? `${parent.name.value}: ` : '';
    const error = new VrsError('BAD_PARAMETER', `The number ${argument}${node.value.slice(0, 40)} in the query is beyond the range of a double (about ±1.8e308); give a finite number.`);
    // formatError answers the VrsError's code (originalError); Apollo makes the status 400
    context.reportError(new GraphQLError(error.message, { nodes: node, originalError: error, extensions: { code: error.code } }));
  };
  return { FloatValue: check, IntValue: check };
}

/** How long a stopping server waits for the requests in flight before closing their connections. */
const DRAIN_MS = 5_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function httpStatusOf(error: unknown): number {
  if (!isVrsError(error)) return 500;
  if (error.code === 'MAP_NOT_REGISTERED' || error.code === 'ROUTE_NOT_FOUND' || error.code === 'ARTIFACT_NOT_FOUND') return 404;
  if (error.code === 'MAP_TOO_LARGE' || error.code === 'REQUEST_TOO_LARGE') return 413;
  if (error.code === 'REQUEST_TIMEOUT') return 504;
  if (error.code === 'DB_UNAVAILABLE') return 503;
  return error.isInputError ? 400 : 500;
}

/** The client closed the connection before its request body ended: nobody to answer. */
class ClientClosed extends Error {
  override readonly name = 'ClientClosed';
}

/** Node's error for a request stream cut short by the client ('aborted', ECONNRESET). */
function isClientAbort(error: unknown): boolean {
  if (error instanceof ClientClosed) return true;
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && e.code === 'ECONNRESET' && e.message === 'aborted';
}

/**
 * Answers an error: `{"errors": [{message, extensions: {code}}]}` (the GraphQL shape) on
 * /graphql, `{"error": {code, message}}` on the other routes. A client that went away gets
 * one short log line and no answer; only unexpected errors are logged with their stack.
 */
function sendError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (isClientAbort(error)) {
    console.warn(`[http] ${req.method} ${(req.url ?? '').slice(0, 100)}: the client closed the connection before the end of its request`);
    res.destroy();
    return;
  }
  if (!isVrsError(error)) console.error('[http] internal error:', error);
  const code: ErrorCode = isVrsError(error) ? error.code : 'INTERNAL';
  const message = isVrsError(error) ? error.message : 'An internal error occurred; the details are in the server log.';
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, httpStatusOf(error), isGraphqlPath(req) ? { errors: [{ message, extensions: { code } }] } : { error: { code, message } });
}

function isGraphqlPath(req: IncomingMessage): boolean {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname === '/graphql';
  } catch {
    return false; // a URL even WHATWG cannot parse: not /graphql
  }
}

/** Reads a request body up to `limit` bytes; a bigger one is refused with REQUEST_TOO_LARGE. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new VrsError('REQUEST_TOO_LARGE', `The request body is ${declared} bytes; the limit is ${limit} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new VrsError('REQUEST_TOO_LARGE', `The request body is over the limit of ${limit} bytes.`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', (e) => reject(isClientAbort(e) ? new ClientClosed('aborted') : e));
  });
}

/** Plain decimal notation, optionally with an exponent (not 0x10, 0b1, Infinity or " 5 ", which Number() takes). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numberParam(q: URLSearchParams, name: string): number | null {
  const v = q.get(name);
  if (v == null || v === '') return null;
  if (!DECIMAL.test(v)) throw new VrsError('BAD_PARAMETER', `${name} must be a decimal number such as 0.5 or 3.4 (got "${v.slice(0, 40)}").`);
  return Number(v);
}

function profileParam(q: URLSearchParams): CriteriaProfile {
  const v = (q.get('profile') ?? 'standard').toLowerCase().replace('_', '-');
  if (v === 'standard') return CriteriaProfile.STANDARD;
  if (v === 'vrs-2024') return CriteriaProfile.VRS_2024;
  throw new VrsError('BAD_PARAMETER', `profile must be standard or vrs-2024 (got "${q.get('profile')}").`);
}

const MEDIA_TYPES: Record<string, string> = { png: 'image/png', svg: 'image/svg+xml', json: 'application/json', mrc: 'application/x-mrc', map: 'application/x-mrc', pdf: 'application/pdf', bin: 'application/octet-stream' };

async function sendFile(res: ServerResponse, path: string, mediaType: string, immutable: boolean): Promise<void> {
  const s = await stat(path);
  res.writeHead(200, {
    'content-type': mediaType,
    'content-length': s.size,
    ...(immutable ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
  });
  await new Promise<void>((resolve, reject) => createReadStream(path).on('error', reject).on('end', resolve).pipe(res));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const services = options.services;
  const gateway = await createGateway(options);
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  const production = process.env.NODE_ENV === 'production';
  const plugins: ApolloServerPlugin<SubgraphContext>[] = [
    ...(protection.plugins as ApolloServerPlugin<SubgraphContext>[]),
    options.landingPage ?? false
      ? ApolloServerPluginLandingPageLocalDefault({ embed: false })
      : ApolloServerPluginLandingPageDisabled(),
  ];
  const apollo = new ApolloServer<SubgraphContext>({
    gateway,
    introspection: options.introspection ?? !production,
    plugins,
    validationRules: [...protection.validationRules, finiteNumberLiterals],
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // The commands own the signals (vrs serve closes the app, vrs validate stops cleanly):
    // Apollo's handler would stop the server and re-raise the signal, killing the process.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req, limits.bodyBytes) : Buffer.alloc(0);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let parsed: unknown = undefined;
    if (req.method === 'POST') {
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new VrsError('BAD_REQUEST', 'The POST /graphql body is not valid JSON; send {"query": "...", "variables": {...}}.');
      }
    }
    const context: SubgraphContext = { services };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new VrsError('REQUEST_TIMEOUT', `The query took longer than ${limits.requestTimeoutMs} ms; start the work with startLevel0 and poll level0Status.`)), limits.requestTimeoutMs);
    });
    try {
      const answer = await Promise.race([
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: url.search, body: parsed },
          context: async () => context,
        }),
        timeout,
      ]);
      const outHeaders: Record<string, string> = {};
      for (const [k, v] of answer.headers) outHeaders[k] = v;
      if (answer.body.kind === 'complete') {
        outHeaders['content-length'] = String(Buffer.byteLength(answer.body.string));
        res.writeHead(statusOf(answer.status, answer.body.string), outHeaders);
        res.end(answer.body.string);
      } else {
        res.writeHead(answer.status ?? 200, outHeaders);
        for await (const chunk of answer.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, filename: string): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.uploadBytes) {
      req.resume();
      throw new VrsError('MAP_TOO_LARGE', `The upload is ${declared} bytes; the limit is ${limits.uploadBytes} bytes.`);
    }
    const record = await services.ingestUpload(req, filename, { maxBytes: limits.uploadBytes });
    sendJson(res, 201, {
      id: record.id, name: record.name, sizeBytes: record.sizeBytes,
      dimensions: record.dimensions, voxelSize: record.voxelSize, formatIssues: record.formatIssues,
    });
  }

  async function reportPdf(res: ServerResponse, mapId: string, q: URLSearchParams): Promise<void> {
    if (!MAP_ID_PATTERN.test(mapId)) throw new VrsError('MAP_ID_MALFORMED', `"${mapId.slice(0, 80)}" is not a map id (64 lowercase hex digits).`);
    // the rules of the graph's level0 arguments, before anything is looked up or rendered
    const args = { threshold: numberParam(q, 'threshold'), resolution: numberParam(q, 'resolution'), profile: profileParam(q) };
    checkArgs(args);
    const ctx: SubgraphContext = { services };
    const map = await mapLoader(ctx).load(mapId);
    if (!map) throw new VrsError('MAP_NOT_REGISTERED', `No map has id ${mapId}.`);
    const { params } = await services.levels.resolveParams('level0', map, args);
    const pdf = await services.reportPdf(mapId, params);
    await sendFile(res, pdf.path, 'application/pdf', false);
  }

  async function artifact(res: ServerResponse, sha256: string, ext: string): Promise<void> {
    const found = await services.artifactFile(sha256, ext);
    if (!found) throw new VrsError('ARTIFACT_NOT_FOUND', `No artifact ${sha256}.${ext}.`);
    await sendFile(res, found.path, found.mediaType || MEDIA_TYPES[ext] || 'application/octet-stream', true);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/graphql' && (req.method === 'POST' || req.method === 'GET')) return graphql(req, res, url);
    let m: RegExpMatchArray | null;
    if (req.method === 'PUT' && (m = path.match(/^\/maps\/([^/]+)$/))) return upload(req, res, decodeURIComponent(m[1]!));
    if (req.method === 'GET' && (m = path.match(/^\/maps\/([^/]+)\/report\.pdf$/))) return reportPdf(res, m[1]!, url.searchParams);
    if (req.method === 'GET' && (m = path.match(/^\/artifacts\/([^/]*)$/))) {
      const name = m[1]!.match(/^([0-9a-f]{64})\.([a-z0-9]{1,8})$/);
      if (!name) throw new VrsError('ARTIFACT_ID_MALFORMED', `"${m[1]!.slice(0, 80)}" is not an artifact name; use /artifacts/{sha256}.{ext} (64 lowercase hex digits, e.g. .png).`);
      return artifact(res, name[1]!, name[2]!);
    }
    const page = req.method === 'GET' ? dashboardAsset(path) : null;
    if (page) {
      res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length, 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
      res.end(page.body);
      return;
    }
    if (req.method === 'GET' && path === '/healthz') {
      const database = await services.databaseHealthy().catch(() => false);
      return sendJson(res, database ? 200 : 503, { status: database ? 'ok' : 'degraded', database });
    }
    req.resume();
    throw new VrsError('ROUTE_NOT_FOUND', `${req.method} ${path} is not a route; see spec/graphql.md (POST /graphql, PUT /maps/{filename}, GET /maps/{id}/report.pdf, GET /artifacts/{sha256}.png, GET /healthz) or open / for the dashboard.`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error) => sendError(req, res, error));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    server,
    apollo,
    gateway,
    async close() {
      // Stop accepting, let the requests in flight answer (idle keep-alive connections close at
      // once), and cut what is still open after DRAIN_MS: a client gets its answer, not a reset.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      await closed;
      clearTimeout(cut);
      await apollo.stop();
    },
  };
}

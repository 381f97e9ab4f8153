/**
 * The HTTP layer over small in-memory services (no database, no Chromium): the PDF route asks
 * the graph (renderReport through the gateway, whose resolver calls the reports service) and
 * streams the file it names; Fastify's own errors, the timeout, methods and malformed requests
 * answer in the routes' shapes with catalogue codes.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, VrsError } from '../worker-pool/errors.js';
import type { Level0Params } from '../worker-pool/metrics/types.js';
import type { MapRecord } from '../services/maps/service-types.js';
import type { ReportRecord } from '../services/reports/service-types.js';
import type { HttpServices } from './http-services.js';
import { startServer, type RunningServer } from './server.js';

const ID = 'a'.repeat(64);
const FAILING = 'f'.repeat(64);
const SLOW = '5'.repeat(64);
const PDF_SHA = 'b'.repeat(64);
const record = (id: string) => ({
  id, name: 'm.map', sizeBytes: 4096, createdAt: new Date('2026-01-02T03:04:05Z'), header: {},
  dimensions: { x: 4, y: 4, z: 4 }, voxelSize: { x: 2, y: 2, z: 2 }, origin: { x: 0, y: 0, z: 0 }, originSource: null,
  axisOrder: null, statistics: { min: 0, max: 1, mean: 0.5, std: 0.1, rms: 0.5 }, formatIssues: [],
  contourLevel: 0.5, contourSource: null, reportedResolution: 8, emdb: null,
}) satisfies MapRecord;

let dir: string;
let pdfPath: string;
const renders: { mapId: string; params: Level0Params; wait: boolean }[] = [];
const done = (mapId: string): ReportRecord => ({ state: 'DONE', pdfUrl: `/maps/${mapId}/report.pdf`, pages: 3, renderedAt: new Date(), error: null, pdfSha256: PDF_SHA });

const services = {
  maps: {
    getMany: async (ids: readonly string[]) => {
      if (ids.includes(SLOW)) await new Promise((r) => setTimeout(r, 600));
      return ids.map((id) => ([ID, FAILING, SLOW].includes(id) ? record(id) : null));
    },
  },
  levels: {
    resolveParams: async (_level: string, map: MapRecord, args: { threshold?: number | null; resolution?: number | null; profile?: string | null }) => ({
      params: { threshold: args.threshold ?? map.contourLevel!, resolution: args.resolution ?? map.reportedResolution, profile: args.profile ?? 'standard', voxelSize: 2 },
      thresholdSource: args.threshold != null ? 'USER' : 'EMDB_HEADER',
    }),
  },
  reports: {
    get: async (mapId: string) => done(mapId),
    render: async (mapId: string, params: Level0Params, options: { wait?: boolean } = {}) => {
      renders.push({ mapId, params, wait: options.wait ?? false });
      if (mapId === FAILING) throw new VrsError('REPORT_FAILED', 'The report could not be rendered: the printer is out of paper.');
      return done(mapId);
    },
  },
  ingestUpload: async () => { throw new Error('not used'); },
  artifactFile: async (sha256: string, ext: string) => (sha256 === PDF_SHA && ext === 'pdf' ? { path: pdfPath, mediaType: 'application/pdf' } : null),
  databaseHealthy: async () => true,
} as unknown as HttpServices;

let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrs-server-test-'));
  pdfPath = join(dir, 'report.pdf');
  writeFileSync(pdfPath, '%PDF-1.7 a stand-in for a stored report\n%%EOF\n');
  server = await startServer({ services, port: 0, limits: { requestTimeoutMs: 300, bodyBytes: 10_000 } });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${server.url}${path}`, init);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: type.startsWith('application/json') ? ((await res.json()) as any) : Buffer.from(await res.arrayBuffer()) };
};

/** One raw HTTP/1.1 exchange (requests fetch will not send). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(request));
    let out = '';
    socket.on('data', (c) => (out += c));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('GET /maps/{id}/report.pdf asks the graph', () => {
  it('renders through renderReport(wait: true) with the parsed parameters and streams the stored PDF', async () => {
    renders.length = 0;
    const r = await get(`/maps/${ID}/report.pdf?threshold=0.25&resolution=6.5&profile=VRS_2024`);
    expect([r.status, r.type]).toEqual([200, 'application/pdf']);
    expect(r.body.toString()).toBe('%PDF-1.7 a stand-in for a stored report\n%%EOF\n');
    expect(renders).toEqual([{ mapId: ID, params: { threshold: 0.25, resolution: 6.5, profile: 'vrs-2024', voxelSize: 2 }, wait: true }]);
    const defaults = await get(`/maps/${ID}/report.pdf`);
    expect(defaults.status).toBe(200);
    expect(renders[1]).toEqual({ mapId: ID, params: { threshold: 0.5, resolution: 8, profile: 'standard', voxelSize: 2 }, wait: true });
  });

  it("answers the graph's errors with their codes and statuses", async () => {
    const unknown = await get(`/maps/${'c'.repeat(64)}/report.pdf`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'MAP_NOT_REGISTERED']);
    const malformed = await get('/maps/not-an-id/report.pdf');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'MAP_ID_MALFORMED']);
    const negative = await get(`/maps/${ID}/report.pdf?resolution=-1`);
    expect([negative.status, negative.body.error.code]).toEqual([400, 'BAD_PARAMETER']);
    const failed = await get(`/maps/${FAILING}/report.pdf`);
    expect([failed.status, failed.body.error]).toEqual([500, { code: 'REPORT_FAILED', message: expect.stringContaining('out of paper') }]);
  });

  it('refuses a malformed id and query parameters that are not decimal numbers or profiles before asking', async () => {
    renders.length = 0;
    for (const q of ['threshold=0x10', 'threshold=1e400', 'resolution=abc', 'profile=loose']) {
      const r = await get(`/maps/${ID}/report.pdf?${q}`);
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'BAD_PARAMETER']);
    }
    const both = await get('/maps/abc/report.pdf?threshold=abc'); // the id is checked first
    expect([both.status, both.body.error.code]).toEqual([400, 'MAP_ID_MALFORMED']);
    expect(renders).toEqual([]);
  });

  it('renderReport answers the PDF SHA-256 to any client', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($id: ID!) { renderReport(mapId: $id, wait: true) { state pdfSha256 } }', variables: { id: ID } }),
    });
    expect(await res.json()).toEqual({ data: { renderReport: { state: 'DONE', pdfSha256: PDF_SHA } } });
  });
});

describe('HTTP errors in the shapes of their routes', () => {
  it('a query that takes longer than the timeout answers 504 REQUEST_TIMEOUT', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { map(id: $id) { id } }', variables: { id: SLOW } }),
    });
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ errors: [{ message: expect.stringMatching(/longer than 300 ms/), extensions: { code: 'REQUEST_TIMEOUT' } }] });
  });

  it('a streamed body over the limit (no Content-Length) answers 413 REQUEST_TOO_LARGE; an empty POST 400 BAD_REQUEST', async () => {
    const body = new ReadableStream({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode(' '.repeat(5_000)));
        c.close();
      },
    });
    const big = await get('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect([big.status, big.body]).toEqual([413, { errors: [{ message: 'The request body is over the limit of 10000 bytes.', extensions: { code: 'REQUEST_TOO_LARGE' } }] }]);
    const empty = await get('/graphql', { method: 'POST' });
    expect([empty.status, empty.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('GET /graphql runs a query; HEAD and other methods are not routes', async () => {
    const q = await get(`/graphql?query=${encodeURIComponent('{ map(id: "' + ID + '") { id } }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect([q.status, q.body]).toEqual([200, { data: { map: { id: ID } } }]);
    const head = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    const del = await get('/graphql', { method: 'DELETE' });
    expect([del.status, del.body.errors[0].extensions.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    const other = await get('/maps/x/report.pdf/more');
    expect([other.status, other.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });

  it('a GET of /graphql with no query: a browser gets the GraphQL IDE page, anything else 400 BAD_REQUEST saying where to go', async () => {
    const asked: Record<string, string>[] = [{ accept: 'application/json' }, { accept: '*/*', 'apollo-require-preflight': '1' }, {}];
    for (const headers of asked) {
      const res = await get('/graphql', { headers });
      expect([res.status, res.body]).toEqual([400, { errors: [{ message: expect.stringContaining('open /graphql in a browser for the GraphQL IDE'), extensions: { code: 'BAD_REQUEST' } }] }]);
      expect(Object.keys(ERROR_CATALOGUE)).toContain(res.body.errors[0].extensions.code);
    }
    // what Chromium sends when it navigates: the IDE (GraphiQL, built into dist/dashboard/ by npm run build)
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(await page.text()).toMatch(/<title>VRS · GraphQL IDE<\/title>[\s\S]*<script type="module"[^>]* src="\/assets\/graphiql-[^"]+\.js"/);
  });

  it('malformed URLs and requests answer 400 BAD_REQUEST in the JSON shape', async () => {
    const badEscape = await get('/artifacts/%E0%A4%A.png');
    expect([badEscape.status, badEscape.body.error.code]).toEqual([400, 'BAD_REQUEST']);
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  });

  it('an operationName the document does not hold answers 400 BAD_REQUEST naming it and the operations present', async () => {
    const query = 'query One { map(id: "' + ID + '") { id } } query Two { map(id: "' + ID + '") { name } }';
    const post = (body: unknown) => get('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const unknown = await post({ query, operationName: 'Three' });
    expect([unknown.status, unknown.body]).toEqual([400, { errors: [{ message: 'The document has no operation named "Three"; its operations are One, Two.', extensions: { code: 'BAD_REQUEST' } }] }]);
    // several operations and no name; a name given for an anonymous operation
    const none = await post({ query });
    expect([none.status, none.body]).toEqual([400, { errors: [{ message: 'The document holds several operations (One, Two); give operationName to choose one.', extensions: { code: 'BAD_REQUEST' } }] }]);
    const anonymous = await post({ query: '{ map(id: "' + ID + '") { id } }', operationName: 'One' });
    expect([anonymous.status, anonymous.body]).toEqual([400, { errors: [{ message: 'The document has no operation named "One"; its only operation is anonymous.', extensions: { code: 'BAD_REQUEST' } }] }]);
    // the name of an operation present runs it
    const two = await post({ query, operationName: 'Two' });
    expect([two.status, two.body]).toEqual([200, { data: { map: { name: 'm.map' } } }]);
  });

  it('an empty artifact name is malformed, not missing', async () => {
    const r = await get('/artifacts/');
    expect([r.status, r.body.error.code]).toEqual([400, 'ARTIFACT_ID_MALFORMED']);
  });
});

/**
 * The whole stack over real HTTP on 127.0.0.1 and a real PostgreSQL (a scratch database):
 * upload a real map, register its EMDB header, query one section at a time, and check in
 * the store what was computed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../worker-pool/paths.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

const MAP = join(REAL_MAPS_DIR, 'emd_1997.map');
const MAP_SHA = createHash('sha256').update(readFileSync(MAP)).digest('hex');

let stack: TestStack;
let mapId: string;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

async function put(name: string, body: Buffer | NodeJS.ReadableStream, length?: number) {
  const res = await fetch(`${stack.app.url}/maps/${encodeURIComponent(name)}`, {
    method: 'PUT', body: body as any, duplex: 'half', headers: length != null ? { 'content-length': String(length) } : {},
  } as RequestInit);
  return { status: res.status, json: (await res.json()) as any };
}

const rows = async (metric?: string) =>
  (await stack.app.backend.store.memo.listResults(mapId)).filter((r) => !metric || r.metric === metric);

beforeAll(async () => {
  stack = await startTestStack({ uploadBytes: 6_000_000, maxDepth: 5 });
});
afterAll(async () => {
  await stack?.stop();
});

describe('whole stack over HTTP', () => {
  it('uploads emd_1997.map (streamed, hashed) and answers its id', async () => {
    const { status, json } = await put('emd_1997.map', createReadStream(MAP) as any, statSync(MAP).size);
    expect(status).toBe(201);
    expect(json.id).toBe(MAP_SHA);
    expect(json.dimensions).toEqual({ x: 100, y: 100, z: 100 });
    mapId = json.id;
  });

  it('registers the EMDB header: contour 1.0 from the header, resolution 7 Å', async () => {
    const r = await stack.gql(`mutation($id: ID!) { registerMap(input: { uploadId: $id, emdbHeaderPath: "emd_1997_header.xml" }) {
      id contourLevel contourSource reportedResolution emdb { id pixelSize { x } } voxelSize { x } header { nx mapc cella { x } } } }`, { id: mapId });
    expect(r.errors).toBeUndefined();
    const m = r.data.registerMap;
    expect(m).toMatchObject({ id: mapId, contourLevel: 1, contourSource: 'EMDB_HEADER', reportedResolution: 7 });
    expect(m.emdb.pixelSize.x).toBeCloseTo(2.02, 6);
    expect(m.voxelSize.x).toBeCloseTo(2.02, 4);
    expect(m.header).toMatchObject({ nx: 100, mapc: 1 });
  });

  it('computes ONE section (and only what it needs), then serves it from the store', async () => {
    const q = `query($id: ID!) { map(id: $id) { id level0 { threshold thresholdSource mass { id status leftSpace { x y z } computeMillis fromCache } } } }`;
    const first = await stack.gql(q, { id: mapId });
    expect(first.errors).toBeUndefined();
    const l0 = first.data.map.level0;
    expect(l0).toMatchObject({ threshold: 1, thresholdSource: 'EMDB_HEADER' });
    expect(l0.mass).toMatchObject({ id: '0.a', fromCache: false });
    const computed = new Set((await rows()).map((r) => r.metric));
    const needed = new Set(stack.app.backend.compute.orchestrator.registry.dependencyOrder('level0.mass'));
    expect(computed).toEqual(needed); // e.g. level0.masks + level0.mass, nothing else
    const before = await rows();
    const t0 = performance.now();
    const again = await stack.gql(q, { id: mapId });
    const millis = performance.now() - t0;
    expect(again.data.map.level0.mass).toEqual({ ...l0.mass, fromCache: true });
    const after = await rows();
    expect(after.map((r) => [r.id, r.attempts, r.state])).toEqual(before.map((r) => [r.id, r.attempts, r.state]));
    console.log(`[stack] mass first ${l0.mass.computeMillis} ms computing; again ${millis.toFixed(1)} ms over HTTP from the store`);
    // the default profile is STANDARD itself: same memo key as naming it, and it reads back
    const named = await stack.gql(`query($id: ID!) { map(id: $id) { level0(profile: STANDARD) { profile mass { fromCache } } } }`, { id: mapId });
    expect(named.data.map.level0).toEqual({ profile: 'STANDARD', mass: { fromCache: true } });
    const unnamed = await stack.gql(`query($id: ID!) { map(id: $id) { level0 { profile } report { state } } }`, { id: mapId });
    expect(unnamed.errors).toBeUndefined();
    expect(unnamed.data.map.level0.profile).toBe('STANDARD');
  });

  it('20 concurrent identical queries for an uncomputed section cause one computation', async () => {
    expect(await rows('level0.background')).toHaveLength(0);
    const q = `query($id: ID!) { map(id: $id) { level0 { background { status tStatistic percentBeyond5Sigma } } } }`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => stack.gql(q, { id: mapId })));
    for (const a of answers) expect(a.errors).toBeUndefined();
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    const bg = await rows('level0.background');
    expect(bg).toHaveLength(1);
    expect(bg[0]).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('two server processes on one database asked at once cause one computation', async () => {
    expect(await rows('level0.bFactor')).toHaveLength(0);
    const child = await startSecondServer();
    try {
      const q = JSON.stringify({ query: `query($id: ID!) { map(id: $id) { level0 { bFactor { status bFactor } } } }`, variables: { id: mapId } });
      const ask = (url: string) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: q }).then((r) => r.json() as any);
      const [a, b] = await Promise.all([ask(stack.app.url), ask(child.url)]);
      expect(a.errors).toBeUndefined();
      expect(b).toEqual(a);
      const bf = await rows('level0.bFactor');
      expect(bf).toHaveLength(1);
      expect(bf[0]).toMatchObject({ state: 'done', attempts: 1 });
    } finally {
      child.process.kill('SIGTERM');
    }
  });

  it('a dashboard starts all sections and polls their states', async () => {
    const r = await stack.gql(`mutation($id: ID!) { startLevel0(mapId: $id) { section state } }`, { id: mapId });
    expect(r.errors).toBeUndefined();
    expect(r.data.startLevel0.map((s: any) => s.section)).toContain('bFactor');
    const poll = async () => (await stack.gql(`query($id: ID!) { level0Status(mapId: $id) { section state computeMillis } }`, { id: mapId })).data.level0Status as any[];
    let states = await poll();
    expect(states.find((x) => x.section === 'mass').state).toBe('DONE');
    // Every section runs to its end (and stops writing blobs before the next tests look at them).
    const deadline = Date.now() + 120_000;
    while (states.some((x) => x.state === 'QUEUED' || x.state === 'RUNNING') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      states = await poll();
    }
    expect(states.map((x) => x.section)).toEqual(['inputData', 'mass', 'mask', 'background', 'bFactor', 'localResolution', 'localBFactor', 'localOccupancy', 'hand']);
    for (const x of states) expect([x.section, x.state]).toEqual([x.section, 'DONE']);
  });

  it('a map whose stored file was deleted is repaired by registering the same bytes at another place', async () => {
    const first = await put('emd_5625.map', readFileSync(join(REAL_MAPS_DIR, 'emd_5625.map')));
    expect(first.status).toBe(201);
    const id = first.json.id;
    const q = `query($id: ID!) { map(id: $id) { level0(threshold: 0.1) { mass { status } } } }`;
    rmSync((await stack.app.backend.store.maps.get(id))!.blobPath!); // the uploaded blob is lost
    const broken = await stack.gql(q, { id });
    expect(broken.errors?.[0]?.extensions?.code).toBe('MAP_NOT_FOUND');
    const r = await stack.gql(`mutation { registerMap(input: { path: "emd_5625.map" }) { id } }`);
    expect(r.data?.registerMap.id).toBe(id);
    expect((await stack.app.backend.store.maps.get(id))!.blobPath).toBe(join(REAL_MAPS_DIR, 'emd_5625.map'));
    const repaired = await stack.gql(q, { id });
    expect(repaired.errors).toBeUndefined();
    expect(repaired.data.map.level0.mass.status).toMatch(/^(OK|WARNING|FAIL)/);
  });

  describe('bad requests get codes and leave nothing behind', () => {
    const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;

    it('unknown and malformed map ids', async () => {
      expect(codeOf(await stack.gql(`{ map(id: "${'0'.repeat(64)}") { id } }`))).toBe('MAP_NOT_REGISTERED');
      expect(codeOf(await stack.gql(`{ map(id: "not-a-sha") { id } }`))).toBe('MAP_ID_MALFORMED');
      expect(codeOf(await stack.gql(`{ map(id: "not-a-sha") { level0 { mass { id } } } }`))).toBe('MAP_ID_MALFORMED');
    });

    it('a threshold above the map maximum is refused up front with THRESHOLD_ABOVE_MAXIMUM (level0, startLevel0, level0Status, the PDF route); nothing is computed', async () => {
      const max = (await stack.app.backend.store.maps.get(mapId))!.statistics.max as number;
      const r = await stack.gql(`query($id: ID!) { map(id: $id) { level0(threshold: 1e9) { mass { status } summary { score } } } }`, { id: mapId });
      expect(r.data?.map?.level0 ?? null).toBeNull();
      const err = r.errors?.find((e) => e.path?.join('.') === 'map.level0');
      expect(err?.extensions?.code).toBe('THRESHOLD_ABOVE_MAXIMUM');
      expect(err?.message).toContain(`to ${Number(max.toPrecision(6))})`); // the map's range
      expect(err?.message).toMatch(/e\.g\. [-\d.e]+ \(the level above which 1 % of the voxels lie\)/);
      for (const op of ['mutation($id: ID!) { startLevel0(mapId: $id, threshold: 1e9) { section } }', 'query($id: ID!) { level0Status(mapId: $id, threshold: 1e9) { section } }']) {
        expect(codeOf(await stack.gql(op, { id: mapId })), op).toBe('THRESHOLD_ABOVE_MAXIMUM');
      }
      const pdf = await fetch(`${stack.app.url}/maps/${mapId}/report.pdf?threshold=1e9`);
      expect(pdf.status).toBe(400);
      expect(JSON.stringify(await pdf.json())).toContain('THRESHOLD_ABOVE_MAXIMUM');
      expect((await rows()).filter((x) => (x.params as { threshold?: number }).threshold === 1e9)).toEqual([]); // nothing stored at that threshold
    });

    it('a path outside the data root', async () => {
      const before = (await stack.app.backend.store.maps.list({ first: 100 })).items.length;
      const r = await stack.gql(`mutation { registerMap(input: { path: "/etc/passwd" }) { id } }`);
      expect(codeOf(r)).toBe('PATH_OUTSIDE_DATA_ROOT');
      const r2 = await stack.gql(`mutation { registerMap(input: { path: "../../../../etc/hostname" }) { id } }`);
      expect(codeOf(r2)).toBe('PATH_OUTSIDE_DATA_ROOT');
      expect((await stack.app.backend.store.maps.list({ first: 100 })).items.length).toBe(before);
    });

    it('a too-deep query', async () => {
      const r = await stack.gql(`{ mapList { edges { node { header { cella { x } } } } } }`);
      expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    });

    it('a non-map upload and an upload over the limit leave no file and no row', async () => {
      const blobsBefore = filesUnder(join(stack.dataDir, 'blobs'));
      const mapsBefore = (await stack.app.backend.store.maps.list({ first: 100 })).items.length;
      const junk = Buffer.alloc(50_000, 7);
      const bad = await put('junk.map', junk);
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toMatch(/^MAP_/);
      const big = Buffer.alloc(7_000_000, 1);
      const tooBig = await put('big.map', big);
      expect(tooBig.status).toBe(413);
      expect(tooBig.json.error.code).toBe('MAP_TOO_LARGE');
      const badName = await put('notes.txt', Buffer.from('hello'));
      expect(badName.json.error.code).toBe('UPLOAD_BAD_NAME');
      // the refused upload's temporary file is removed just after the answer: poll, do not race it
      await expect.poll(() => filesUnder(join(stack.dataDir, 'blobs')), { timeout: 5000 }).toEqual(blobsBefore);
      expect((await stack.app.backend.store.maps.list({ first: 100 })).items.length).toBe(mapsBefore);
    });

    it('PUT /maps/%zz.map (a bad %-escape) is a coded 400, not a 500', async () => {
      const res = await fetch(`${stack.app.url}/maps/%zz.map`, { method: 'PUT', body: new Uint8Array(2048) });
      expect([res.status, ((await res.json()) as any).error.code]).toEqual([400, 'BAD_REQUEST']);
    });

    it('a body that is no map is refused from its first 1024 bytes: answered while the rest is unsent, then the connection closes', async () => {
      const blobsBefore = filesUnder(join(stack.dataDir, 'blobs'));
      const { port } = new URL(stack.app.url);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      let answer = '';
      socket.on('data', (d) => (answer += d));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined); // the server may reset the rest of the body
      const declared = 5_000_000; // under the stack's 6 MB limit: only the content can refuse it
      socket.write(`PUT /maps/zeros.map HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${declared}\r\n\r\n`);
      socket.write(Buffer.alloc(64 * 1024)); // 64 kB of the 5 MB, then nothing more
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe('MAP_NOT_A_MAP');
      expect(filesUnder(join(stack.dataDir, 'blobs'))).toEqual(blobsBefore);
    });

    it('a small .map.gz that decompresses beyond the upload limit is refused (413 MAP_TOO_LARGE) and leaves nothing', async () => {
      const blobsBefore = filesUnder(join(stack.dataDir, 'blobs'));
      const n = 128; // 128³ float32 = 8.4 MB decompressed, over the stack's 6 MB upload limit
      const data = new Float32Array(n * n * n).map((_, i) => (i % 101 === 0 ? 1 : 0));
      const bomb = gzipSync(writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } }));
      expect(bomb.length).toBeLessThan(1_000_000);
      const r = await put('bomb.map.gz', bomb);
      expect([r.status, r.json.error?.code]).toEqual([413, 'MAP_TOO_LARGE']);
      expect(r.json.error.message).toMatch(/decompresses to \d+ bytes/);
      expect(filesUnder(join(stack.dataDir, 'blobs'))).toEqual(blobsBefore);
      expect(await stack.app.backend.store.maps.get(createHash('sha256').update(bomb).digest('hex'))).toBeNull();
    });

    it('registerMap: emdbHeaderPath to a folder or to no file, a name with NUL or too long: BAD_PARAMETER, not INTERNAL', async () => {
      const register = (input: string) => stack.gql(`mutation($id: ID!) { registerMap(input: { uploadId: $id, ${input} }) { id } }`, { id: mapId });
      for (const input of ['emdbHeaderPath: "."', 'emdbHeaderPath: "nope.xml"', 'name: "a\\u0000b"', `name: "${'x'.repeat(256)}"`]) {
        const r = await register(input);
        expect([input.slice(0, 30), codeOf(r)]).toEqual([input.slice(0, 30), 'BAD_PARAMETER']);
        expect(r.errors![0].message).toMatch(/emdbHeaderPath|name/);
      }
    });

    it('report.pdf query parameters follow the level0 argument rules, decimal numbers only: 400 BAD_PARAMETER', async () => {
      for (const q of ['resolution=-1', 'resolution=0', 'threshold=0x10', 'threshold=Infinity', 'threshold=1e400', 'threshold=%201', 'resolution=abc']) {
        const res = await fetch(`${stack.app.url}/maps/${mapId}/report.pdf?${q}`);
        const body = (await res.json()) as any;
        expect([q, res.status, body.error?.code]).toEqual([q, 400, 'BAD_PARAMETER']);
      }
    });

    it('/graphql answers its own errors in the GraphQL shape: bad JSON, too large, unknown method', async () => {
      const post = (body: string) => fetch(`${stack.app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const cases: [Promise<Response>, number, string][] = [
        [post('{"query": '), 400, 'BAD_REQUEST'],
        [post(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(1_100_000) })), 413, 'REQUEST_TOO_LARGE'],
        [fetch(`${stack.app.url}/graphql`, { method: 'PUT', body: '{}' }), 404, 'ROUTE_NOT_FOUND'],
      ];
      for (const [answer, status, code] of cases) {
        const res = await answer;
        const body = (await res.json()) as any;
        expect([res.status, Object.keys(body)]).toEqual([status, ['errors']]);
        expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code } }]);
      }
      // the other routes keep {"error": {code, message}}
      const other = await fetch(`${stack.app.url}/nowhere`);
      expect(((await other.json()) as any).error.code).toBe('ROUTE_NOT_FOUND');
    });

    it('a number literal beyond the double range answers 400 BAD_PARAMETER (not 500 INVALID_GRAPHQL)', async () => {
      const res = await fetch(`${stack.app.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ map(id: "${mapId}") { level0(threshold: 1e400) { threshold } } }` }),
      });
      const body = (await res.json()) as any;
      expect([res.status, codeOf(body)]).toEqual([400, 'BAD_PARAMETER']);
      expect(body.errors[0].message).toMatch(/threshold: 1e400/);
    });

    it('a query that cannot run answers 400 with a catalogue code: syntax, unknown field, bad variable', async () => {
      const post = async (query: string, variables: Record<string, unknown> = {}) => {
        const res = await fetch(`${stack.app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
        const body = (await res.json()) as any;
        return [res.status, codeOf(body)];
      };
      expect(await post('{ map(')).toEqual([400, 'QUERY_INVALID']);
      expect(await post('{ nope }')).toEqual([400, 'QUERY_INVALID']);
      expect(await post('query($t: Float) { map(id: "x") { level0(threshold: $t) { threshold } } }', { t: 'abc' })).toEqual([400, 'BAD_PARAMETER']);
    });

    it('a client that drops its POST mid-body is not logged as an internal error', async () => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const closed = new Promise<void>((resolve) => stack.app.server.once('request', (req) => req.once('close', () => resolve())));
        const { port } = new URL(stack.app.url);
        const socket = connect(Number(port), '127.0.0.1');
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query": "{ __typ');
        await new Promise((r) => setTimeout(r, 100));
        socket.destroy();
        await closed;
        await new Promise((r) => setTimeout(r, 200)); // the route's catch runs after the close
        expect(errors).not.toHaveBeenCalled();
        const lines = warnings.mock.calls.map((c) => c.map(String).join(' '));
        expect(lines.length).toBeLessThanOrEqual(1);
        for (const line of lines) expect(line).not.toMatch(/\n\s+at /); // no stack trace
      } finally {
        errors.mockRestore();
        warnings.mockRestore();
      }
    });

    it('healthz answers with the database state and the pool\'s load', async () => {
      const res = await fetch(`${stack.app.url}/healthz`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { pool: { threads: number } };
      expect(body).toEqual({ status: 'ok', database: true, pool: { threads: body.pool.threads, running: 0, queued: 0, saturated: false, longestRunningMs: 0 } });
      expect(body.pool.threads).toBeGreaterThanOrEqual(1);
    });
  });
});

/** A second `vrs serve` process on the same database and blob folder. */
async function startSecondServer(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), 'serve', '--port', '0', '--data-root', REAL_MAPS_DIR], {
    env: { ...process.env, DATABASE_URL: stack.db.url, BLOB_DIR: join(stack.dataDir, 'blobs'), VRS_DATA_DIR: stack.dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c) => (err += c));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = out.match(/serving (http:\/\/[^/\s]+)\/graphql/);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`second server exited ${code}: ${err}`)));
  });
  return { url, process: child };
}

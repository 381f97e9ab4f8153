/**
 * The two graph fields the dashboard added, on the whole stack: Level0.isosurface names a mesh
 * file that /artifacts/ serves in the layout its description gives (its triangle count read
 * back from the bytes), and forgetMap removes a map with its stored results (the metric rows
 * counted in the database before and after), then answers MAP_NOT_REGISTERED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestStack, type TestStack } from '../testing/stack.js';

describe('forgetMap and Level0.isosurface', () => {
  let stack: TestStack;
  let id: string;
  beforeAll(async () => {
    stack = await startTestStack();
    id = (await stack.gql(`mutation { registerMap(input: {path: "emd_1997.map", contourLevel: 1}) { id } }`)).data.registerMap.id;
  });
  afterAll(async () => { await stack?.stop(); });

  const metricRows = async () => {
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM metric_results WHERE map_id = $1', [id])).rows[0].n);
    } finally {
      await client.end();
    }
  };

  it('serves the isosurface at the threshold as a mesh file of the described layout', async () => {
    const answer = await stack.gql(`query($id: ID!) { map(id: $id) { level0(threshold: 1) { isosurface { threshold step vertices triangles sha256 url } } } }`, { id });
    expect(answer.errors).toBeUndefined();
    const s = answer.data.map.level0.isosurface;
    expect(s.threshold).toBe(1);
    expect(s.url).toBe(`/artifacts/${s.sha256}.bin`);
    const res = await fetch(`${stack.app.url}${s.url}`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect(Buffer.from(bytes.subarray(0, 8)).toString()).toBe('VRSMESH1');
    expect(view.getUint32(8, true)).toBe(s.vertices);
    expect(view.getUint32(12, true)).toBe(3 * s.triangles);
    expect(bytes.byteLength).toBe(16 + 24 * s.vertices + 12 * s.triangles);
    expect(s.triangles).toBeGreaterThan(1000); // GroEL at threshold 1 is a closed surface of many triangles
  }, 300_000);

  it('forgets the map and its stored results, and says so for an unknown one', async () => {
    expect(await metricRows()).toBeGreaterThan(0); // the isosurface and what it needed
    const forgot = await stack.gql(`mutation($id: ID!) { forgetMap(id: $id) }`, { id });
    expect(forgot).toEqual({ data: { forgetMap: true } });
    expect(await metricRows()).toBe(0);
    expect((await stack.gql(`query($id: ID!) { map(id: $id) { id } }`, { id })).data.map).toBeNull();
    const again = await stack.gql(`mutation($id: ID!) { forgetMap(id: $id) }`, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('MAP_NOT_REGISTERED');
    const malformed = await stack.gql(`mutation { forgetMap(id: "nope") }`);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('MAP_ID_MALFORMED');
    // registering the same file again starts afresh
    expect((await stack.gql(`mutation { registerMap(input: {path: "emd_1997.map"}) { id } }`)).data.registerMap.id).toBe(id);
  }, 120_000);
});

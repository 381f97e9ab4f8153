/**
 * GET /maps/{id}/report.pdf over the whole stack (HTTP on 127.0.0.1, scratch database, the
 * system Chromium): the route asks the graph for the report, which is rendered once however
 * many ask at once, and then served from the store: the same bytes as the stored PDF that the
 * graph names by its SHA-256 (pdfUrl and /artifacts/{sha256}.pdf give them too).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../../report-renderer/chromium.js';
import { REPORT_METRIC } from '../../services/reports/service.js';
import { startTestStack, type TestStack } from '../testing/stack.js';

// Skipped only where Chromium is truly absent, and then it says so; CI installs it and sets CI.
const noChromium = chromiumMissing();
if (noChromium && !process.env.CI) console.warn(`[report-pdf.test] skipping: ${noChromium}`);

describe.skipIf(noChromium !== null && !process.env.CI)('GET /maps/{id}/report.pdf', () => {
  let stack: TestStack;
  let mapId: string;
  beforeAll(async () => {
    stack = await startTestStack();
    const r = await stack.gql(`mutation { registerMap(input: { path: "emd_1997.map", emdbHeaderPath: "emd_1997_header.xml" }) { id } }`);
    expect(r.errors).toBeUndefined();
    mapId = r.data.registerMap.id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const pdf = async (path: string) => {
    const res = await fetch(`${stack.app.url}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const reportRows = async () => (await stack.app.backend.store.memo.listResults(mapId)).filter((r) => r.metric === REPORT_METRIC);

  it('renders once for two requests at once, then serves the stored file the graph names', async () => {
    const [a, b] = await Promise.all([pdf(`/maps/${mapId}/report.pdf`), pdf(`/maps/${mapId}/report.pdf?profile=standard`)]);
    for (const r of [a, b]) expect([r.status, r.type, r.bytes.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    const rows = await reportRows();
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([['done', 1]]);

    const q = await stack.gql(`query($id: ID!) { map(id: $id) { report { state pdfUrl pdfSha256 pages } } }`, { id: mapId });
    expect(q.errors).toBeUndefined();
    const report = q.data.map.report;
    expect(report.state).toBe('DONE');
    expect(report.pdfSha256).toBe(createHash('sha256').update(a.bytes).digest('hex'));
    expect(report.pages).toBeGreaterThan(1);

    for (const path of [report.pdfUrl, `/artifacts/${report.pdfSha256}.pdf`, `/maps/${mapId}/report.pdf?threshold=1&resolution=7`]) {
      const again = await pdf(path);
      expect([path, again.status, again.bytes.equals(a.bytes)]).toEqual([path, 200, true]);
    }
    expect((await reportRows()).map((r) => [r.state, r.attempts])).toEqual([['done', 1]]); // nothing rendered again
  }, 240_000);
});

/**
 * The report over the real stack: the PDF is rendered through the same query a client sends
 * to the gateway, then its text is checked against numbers read back with a second,
 * independent query. By default the test starts the whole stack itself (HTTP on 127.0.0.1, a
 * scratch database) and registers emd_1997 with its EMDB header (contour 1.0, 7 Å). To aim it
 * at a running gateway instead (vrs serve) and a registered map, set
 * VRS_GATEWAY_URL=http://127.0.0.1:4000/graphql and VRS_REPORT_MAP_ID=<sha256>
 * (optionally VRS_REPORT_THRESHOLD / VRS_REPORT_RESOLUTION).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/stack.js';
import { renderReportPdf, urlExecutor } from '../../report-renderer/index.js';
import { fx } from '../../report-renderer/templates/format.js';

const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
let url = process.env.VRS_GATEWAY_URL;
let mapId = process.env.VRS_REPORT_MAP_ID;
let stack: TestStack | undefined;

beforeAll(async () => {
  if (url && mapId) return;
  stack = await startTestStack();
  url = `${stack.app.url}/graphql`;
  const r = await stack.gql(`mutation { registerMap(input: { path: "emd_1997.map", emdbHeaderPath: "emd_1997_header.xml" }) { id } }`);
  expect(r.errors).toBeUndefined();
  mapId = r.data.registerMap.id;
});
afterAll(async () => {
  await stack?.stop();
});

describe('report PDF against a running gateway (its own stack, or VRS_GATEWAY_URL)', () => {
  it('has every section heading and the numbers the gateway answers', async () => {
    const executor = urlExecutor(url!);
    const params = { mapId: mapId!, threshold: num(process.env.VRS_REPORT_THRESHOLD), resolution: num(process.env.VRS_REPORT_RESOLUTION) };
    const r = await renderReportPdf(executor, params, { artifactBaseUrl: new URL(url!).origin });
    const dir = mkdtempSync(join(tmpdir(), 'vrs-e2e-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), r.pdf);
      const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const h of ['1 Input data', '2 Level 0 analysis', '2.1 Level 0.a', '2.2 Level 0.b', '2.3 Level 0.c', '2.4 Level 0.d', '2.5 Level 0.e', '2.6 Level 0.f', '2.7 Level 0.g', '2.8 Level 0.h']) {
        expect(text).toContain(h);
      }
      const check = await executor(
        `query($id: ID!, $t: Float, $r: Float) { map(id: $id) { level0(threshold: $t, resolution: $r) {
           threshold mass { leftSpace { x } } mask { totalVoxels overlap } summary { scoreSentence } } } }`,
        { id: mapId, t: params.threshold, r: params.resolution },
      );
      const l = (check.data?.map as unknown as { level0: { threshold: number; mass: { leftSpace: { x: number } }; mask: { totalVoxels: number; overlap: number }; summary: { scoreSentence: string } } }).level0;
      expect(text).toContain(fx(l.threshold, 6));
      expect(text).toContain(fx(l.mass.leftSpace.x, 2));
      expect(text).toContain(String(l.mask.totalVoxels));
      expect(text).toContain(fx(l.mask.overlap, 2));
      expect(text).toContain(l.summary.scoreSentence);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

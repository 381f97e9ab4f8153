/** GET /artifacts/{sha256}.{ext}: the route over the real store (scratch database, blob folder). */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../services/store/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../services/store/testing.js';
import { REAL_MAPS_DIR } from '../worker-pool/paths.js';
import { startApp, type App } from './app.js';

let db: ScratchDatabase;
let dir: string;
let store: Store;
let app: App;
let png: Buffer;
let sha: string;

/** A 3×2 RGBA PNG with known pixels. */
function smallPng(): Buffer {
  const image = new pngjs.PNG({ width: 3, height: 2 });
  for (let i = 0; i < 6; i++) image.data.set([i * 40, 255 - i * 40, 7, 255], i * 4);
  return pngjs.PNG.sync.write(image);
}

beforeAll(async () => {
  db = await createScratchDatabase('vrs_artifacts');
  dir = mkdtempSync(join(tmpdir(), 'vrs-artifacts-'));
  store = await openStore({ url: db.url, blobDir: join(dir, 'blobs') });
  app = await startApp({ port: 0, host: '127.0.0.1', dataRoot: REAL_MAPS_DIR, store });
  png = smallPng();
  sha = (await store.blobs.put(png, 'image/png', 'test-figure')).sha256;
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /artifacts/{sha256}.png', () => {
  it('serves the stored PNG: same bytes, image/png, immutable', async () => {
    expect(sha).toBe(createHash('sha256').update(png).digest('hex'));
    const res = await fetch(`${app.url}/artifacts/${sha}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(png)).toBe(true);
    const decoded = pngjs.PNG.sync.read(body);
    expect([decoded.width, decoded.height, decoded.data[4], decoded.data[5]]).toEqual([3, 2, 40, 215]);
  });

  it('answers 404 ARTIFACT_NOT_FOUND for an unknown SHA-256, and for a known one with another type', async () => {
    for (const path of [`/artifacts/${'0'.repeat(64)}.png`, `/artifacts/${sha}.svg`]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'ARTIFACT_NOT_FOUND' } });
    }
  });

  it('refuses malformed names with 400 ARTIFACT_ID_MALFORMED', async () => {
    const bad = [`${sha.slice(0, 63)}.png`, `${sha.toUpperCase()}.png`, `${sha}`, `${sha}.PNG`, `${sha}.png.exe`, 'x.png', '%2e%2e%2fetc%2fpasswd', `${sha}%00.png`];
    for (const name of bad) {
      const res = await fetch(`${app.url}/artifacts/${name}`);
      expect(res.status, name).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, name).toBe('ARTIFACT_ID_MALFORMED');
      expect(body.error.message).toMatch(/\/artifacts\/\{sha256\}\.\{ext\}/);
    }
  });
});

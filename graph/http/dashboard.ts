/**
 * The dashboard (dashboard/, a Vite + Preact single-page app built into dist/dashboard/ by
 * npm run build): GET / answers its index.html (no-cache, with an ETag: a new build is seen at
 * once), GET /assets/{name} its content-hashed files (immutable, cached for a year). The app
 * talks to the server only through POST /graphql, PUT /maps/{filename}, /artifacts/ and the
 * PDF route; its Content-Security-Policy lets it load nothing from anywhere else.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VrsError } from '../../worker-pool/errors.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { MEDIA_TYPES } from './files.js';

export const DASHBOARD_DIR = join(REPO_ROOT, 'dist', 'dashboard');
export const DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
const ASSET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(js|css|svg|png|woff2)$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml', png: 'image/png', woff2: 'font/woff2' };
const SECURITY = { 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

function notBuilt(): VrsError {
  return new VrsError('DASHBOARD_NOT_BUILT', `The dashboard bundle is missing from ${DASHBOARD_DIR}; run npm run build.`);
}

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  // index.html is read again when its file changes (a rebuild under a running server names new
  // assets); the assets are content-hashed, so a name read once never changes
  let index: { body: Buffer; etag: string; mtimeMs: number } | undefined;
  const assets = new Map<string, Buffer>();
  app.get('/', async (request, reply: FastifyReply) => {
    const file = join(DASHBOARD_DIR, 'index.html');
    const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : -1;
    if (mtimeMs < 0) throw notBuilt();
    if (index?.mtimeMs !== mtimeMs) {
      const body = readFileSync(file);
      index = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, mtimeMs };
    }
    reply.headers({ ...SECURITY, 'cache-control': 'no-cache', etag: index.etag });
    if (request.headers['if-none-match'] === index.etag) return reply.code(304).send();
    return reply.code(200).header('content-type', 'text/html; charset=utf-8').send(index.body);
  });
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const name = request.params.name;
    const m = ASSET_NAME.exec(name);
    const path = join(DASHBOARD_DIR, 'assets', name);
    if (!m || !existsSync(path)) throw new VrsError('ROUTE_NOT_FOUND', `The dashboard has no asset ${name.slice(0, 80)}.`);
    let body = assets.get(name);
    if (!body) assets.set(name, (body = readFileSync(path)));
    return reply.code(200)
      .headers({ ...SECURITY, 'content-type': TYPES[m[1]!] ?? MEDIA_TYPES[m[1]!] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' })
      .send(body);
  });
};

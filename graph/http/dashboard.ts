/**
 * The dashboard (dashboard/, a Vite + Preact single-page app built into dist/dashboard/ by
 * npm run build): GET / answers its index.html (no-cache, with an ETag: a new build is seen at
 * once), GET /assets/{name} its content-hashed files (immutable, cached for a year). The app
 * talks to the server only through POST /graphql, PUT /maps/{filename}, /artifacts/ and the
 * PDF route; its Content-Security-Policy lets it load nothing from anywhere else.
 * The same build holds the GraphQL IDE (graphiql.html), answered by sendGraphiql to a browser's
 * GET /graphql (./graphql.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
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
/**
 * The IDE's policy: as the dashboard's, except that GraphiQL's libraries add <style> elements
 * (Radix's scroll lock, CodeMirror) and its fonts are data: URLs in its CSS. Scripts stay 'self'.
 */
export const GRAPHIQL_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src data:; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
const SECURITY = { 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

function notBuilt(): VrsError {
  return new VrsError('DASHBOARD_NOT_BUILT', `The dashboard bundle is missing from ${DASHBOARD_DIR}; run npm run build.`);
}

interface Page { body: Buffer; etag: string; mtimeMs: number }

/**
 * One HTML page of the build, read again when its file changes (a rebuild under a running
 * server names new assets): no-cache with an ETag, so a new build is seen at once.
 */
function htmlPage(name: string, csp: string) {
  let page: Page | undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const file = join(DASHBOARD_DIR, name);
    const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : -1;
    if (mtimeMs < 0) throw notBuilt();
    if (page?.mtimeMs !== mtimeMs) {
      const body = readFileSync(file);
      page = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, mtimeMs };
    }
    reply.headers({ ...SECURITY, 'content-security-policy': csp, 'cache-control': 'no-cache', etag: page.etag });
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
    return reply.code(200).header('content-type', 'text/html; charset=utf-8').send(page.body);
  };
}

/** The GraphQL IDE's page (GraphiQL, built with the dashboard; its assets under /assets/). */
export const sendGraphiql = htmlPage('graphiql.html', GRAPHIQL_CSP);

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  // the assets are content-hashed, so a name read once never changes
  const assets = new Map<string, Buffer>();
  app.get('/', htmlPage('index.html', DASHBOARD_CSP));
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

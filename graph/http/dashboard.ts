/**
 * The dashboard's static files (graph/dashboard/: one HTML page, its script, styles and icon),
 * served at GET /, /dashboard.js, /dashboard.css and /favicon.svg. The page talks to the
 * server only through the public GraphQL API and PUT /maps; its Content-Security-Policy lets
 * it load nothing else.
 */
import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../worker-pool/paths.js';

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

export const DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  for (const [path, { file, type }] of Object.entries(FILES)) {
    let body: Buffer | undefined; // read on first request
    app.get(path, async (_request, reply) => {
      body ??= readFileSync(join(REPO_ROOT, 'graph', 'dashboard', file));
      return reply
        .code(200)
        .headers({ 'content-type': type, 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' })
        .send(body);
    });
  }
};

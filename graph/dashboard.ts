/**
 * The dashboard's static files (graph/dashboard/: one HTML page, its script, styles and icon),
 * served at GET /, /dashboard.js, /dashboard.css and /favicon.svg. The page talks to the
 * server only through the public GraphQL API and PUT /maps; its Content-Security-Policy lets
 * it load nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../worker-pool/paths.js';

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

export const DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

const cache = new Map<string, Buffer>();

/** The file served at `path`, or null when `path` is not one of the dashboard's. */
export function dashboardAsset(path: string): { body: Buffer; type: string } | null {
  const entry = FILES[path];
  if (!entry) return null;
  let body = cache.get(path);
  if (!body) cache.set(path, (body = readFileSync(join(REPO_ROOT, 'graph', 'dashboard', entry.file))));
  return { body, type: entry.type };
}

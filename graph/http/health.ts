/**
 * GET /healthz: liveness, whether the database answers and whether the pool has a free thread.
 * It always answers within HEALTH_DEADLINE_MS: a database that does not answer by then (frozen,
 * unreachable) counts as down. `status` is `ok`, `saturated` (every pool thread busy: new
 * computations wait, cached results still answer; HTTP 200) or `degraded` (the database does
 * not answer; HTTP 503).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { HttpServices } from '../http-services.js';
import { sendJson } from './errors.js';

/** How long /healthz waits for the database's answer, ms. */
export const HEALTH_DATABASE_MS = 800;

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([p.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsync<{ services: HttpServices }> = async (app, { services }) => {
  app.get('/healthz', async (_request, reply) => {
    const database = await within(Promise.resolve().then(() => services.databaseHealthy()), HEALTH_DATABASE_MS, false);
    const pool = services.poolLoad?.() ?? null;
    const status = !database ? 'degraded' : pool?.saturated ? 'saturated' : 'ok';
    return sendJson(reply, database ? 200 : 503, { status, database, ...(pool ? { pool } : {}) });
  });
};

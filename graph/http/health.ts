/** GET /healthz: liveness, and whether the database answers (200 ok, or 503 degraded). */
import type { FastifyPluginAsync } from 'fastify';
import type { HttpServices } from '../http-services.js';
import { sendJson } from './errors.js';

export const healthRoutes: FastifyPluginAsync<{ services: HttpServices }> = async (app, { services }) => {
  app.get('/healthz', async (_request, reply) => {
    const database = await services.databaseHealthy().catch(() => false);
    return sendJson(reply, database ? 200 : 503, { status: database ? 'ok' : 'degraded', database });
  });
};

/**
 * API keys on the routes that change or give out data: GraphQL mutations, PUT /maps uploads and
 * GET /blobs. A key is required when the server listens beyond loopback (or VRS_REQUIRE_API_KEY=1),
 * sent as `Authorization: Bearer KEY` or `x-api-key: KEY`: 401 API_KEY_REQUIRED without one,
 * 401 API_KEY_INVALID for an unknown or revoked one. Any request that carries a key counts
 * against the key's rate (429 RATE_LIMITED with Retry-After), and an upload against its daily
 * quota (429 UPLOAD_QUOTA_EXCEEDED).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse, type OperationDefinitionNode } from 'graphql';
import { RateLimiter, type ApiKeyRecord, type ApiKeys } from '../../services/auth/api-keys.js';
import { VrsError } from '../../worker-pool/errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

/** Whether keys are required: a server reachable beyond loopback, or VRS_REQUIRE_API_KEY=1 (0 turns it off). */
export function keysRequired(host: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.VRS_REQUIRE_API_KEY === '1') return true;
  if (env.VRS_REQUIRE_API_KEY === '0') return false;
  return !LOOPBACK.has(host);
}

/** The key the request carries, if any. */
export function keyOf(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header ? header.trim() : null;
}

/** True for a GraphQL request whose operation is a mutation (a query that does not parse is Apollo's to refuse). */
export function isMutation(body: unknown): boolean {
  const b = body as { query?: unknown; operationName?: unknown } | undefined;
  if (!b || typeof b.query !== 'string') return false;
  try {
    const ops = parse(b.query).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const op = typeof b.operationName === 'string' ? ops.find((o) => o.name?.value === b.operationName) : ops.length === 1 ? ops[0] : undefined;
    return op ? op.operation === 'mutation' : ops.some((o) => o.operation === 'mutation');
  } catch {
    return false;
  }
}

function needsKey(request: FastifyRequest): boolean {
  const path = request.url.split(/[?#]/, 1)[0]!;
  if (request.method === 'PUT' && path.startsWith('/maps/')) return true;
  if (path.startsWith('/blobs/')) return true;
  return path === '/graphql' && request.method === 'POST' && isMutation(request.body);
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKeyRecord;
  }
}

export function installAuth(app: FastifyInstance, keys: ApiKeys, required: boolean): void {
  const limiter = new RateLimiter();
  app.addHook('preHandler', async (request, reply) => {
    const key = keyOf(request);
    if (!key) {
      if (required && needsKey(request)) {
        if (request.method === 'PUT') reply.header('connection', 'close'); // the upload is not read
        reply.header('www-authenticate', 'Bearer');
        throw new VrsError('API_KEY_REQUIRED', `${request.method} ${request.url.split('?', 1)[0]} needs an API key on this server (it listens beyond loopback): send Authorization: Bearer KEY; the operator makes one with vrs keys create.`);
      }
      return;
    }
    const record = await keys.verify(key).catch((error: unknown) => {
      if (request.method === 'PUT') reply.header('connection', 'close');
      throw error;
    });
    const wait = limiter.take(record.id, record.ratePerMinute);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new VrsError('RATE_LIMITED', `Key ${record.id} (${record.name}) may make ${record.ratePerMinute} requests a minute; retry in ${wait} s.`);
    }
    if (request.method === 'PUT' && request.url.startsWith('/maps/')) {
      const declared = Number(request.headers['content-length'] ?? 0);
      const used = await keys.uploadedToday(record.id);
      if (used + declared > record.uploadBytesPerDay) {
        reply.header('connection', 'close');
        throw new VrsError('UPLOAD_QUOTA_EXCEEDED', `Key ${record.id} uploaded ${used} bytes today; this ${declared}-byte upload would pass its quota of ${record.uploadBytesPerDay} bytes a day.`);
      }
    }
    request.apiKey = record;
  });
  // an upload counts once it is stored
  app.addHook('onResponse', async (request, reply) => {
    if (request.apiKey && request.method === 'PUT' && reply.statusCode === 201) {
      await keys.addUpload(request.apiKey.id, Number(request.headers['content-length'] ?? 0)).catch(() => undefined);
    }
  });
}

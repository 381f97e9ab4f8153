/**
 * GET /blobs/{sha256}: the bytes of a registered map, an attached input or an upload, by its
 * SHA-256, for worker hosts (services/jobs/blob-cache.ts verifies what it receives against
 * the hash), and PUT /blobs/{sha256}?mediaType=…: a worker's artifact, kept when it hashes to
 * {sha256}. Both need an API key when the server listens beyond loopback (auth.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import { VrsError } from '../../worker-pool/errors.js';
import type { HttpServices } from '../http-services.js';
import { sendFile } from './files.js';

export const blobRoutes: FastifyPluginAsync<{ services: HttpServices }> = async (app, { services }) => {
  app.get<{ Params: { sha256: string } }>('/blobs/:sha256', async (request, reply) => {
    const sha256 = request.params.sha256;
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new VrsError('BAD_PARAMETER', `A blob is addressed as /blobs/{sha256}: 64 lowercase hex digits, got "${sha256.slice(0, 80)}".`);
    const path = await services.blobFile?.(sha256);
    if (!path) throw new VrsError('BLOB_NOT_FOUND', `No map or uploaded file has SHA-256 ${sha256}.`);
    reply.header('x-content-sha256', sha256);
    return sendFile(reply, path, 'application/octet-stream', true);
  });
  // a worker's artifact (a hard mask, a figure), before its memo row is done
  app.put<{ Params: { sha256: string }; Querystring: { mediaType?: string } }>('/blobs/:sha256', async (request, reply) => {
    const sha256 = request.params.sha256;
    const mediaType = request.query.mediaType ?? '';
    if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[a-z]+\/[a-z0-9.+-]+$/.test(mediaType)) {
      request.raw.resume();
      throw new VrsError('BAD_PARAMETER', 'PUT /blobs/{sha256}?mediaType=type/subtype takes an artifact: 64 lowercase hex digits and its media type.');
    }
    if (!services.putBlob) throw new VrsError('ROUTE_NOT_FOUND', 'This server stores no artifacts from workers.');
    await services.putBlob(sha256, mediaType, request.raw);
    return reply.code(204).send();
  });
};

/**
 * GET /artifacts/{sha256}.{ext}: an artifact of the blob store (figure images, and the other
 * artifacts by their extension), immutable. 400 ARTIFACT_ID_MALFORMED for a name that is not
 * 64 lowercase hex digits and a short lowercase extension; 404 ARTIFACT_NOT_FOUND when no
 * artifact has that SHA-256 and type.
 */
import type { FastifyPluginAsync } from 'fastify';
import { VrsError } from '../../worker-pool/errors.js';
import type { HttpServices } from '../http-services.js';
import { MEDIA_TYPES, sendFile } from './files.js';

const ARTIFACT_NAME = /^([0-9a-f]{64})\.([a-z0-9]{1,8})$/;

export const artifactRoutes: FastifyPluginAsync<{ services: HttpServices }> = async (app, { services }) => {
  app.get<{ Params: { name?: string } }>('/artifacts/:name', async (request, reply) => {
    const name = request.params.name ?? '';
    const m = ARTIFACT_NAME.exec(name);
    if (!m) throw new VrsError('ARTIFACT_ID_MALFORMED', `"${name.slice(0, 80)}" is not an artifact name; use /artifacts/{sha256}.{ext} (64 lowercase hex digits, e.g. .png).`);
    const [, sha256, ext] = m as unknown as [string, string, string];
    const found = await services.artifactFile(sha256, ext);
    if (!found) throw new VrsError('ARTIFACT_NOT_FOUND', `No artifact ${sha256}.${ext}.`);
    return sendFile(reply, found.path, found.mediaType || MEDIA_TYPES[ext] || 'application/octet-stream', true);
  });
};

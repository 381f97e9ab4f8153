/**
 * PUT /maps/{filename}: a map streamed into the blob store while it is hashed, then read and
 * validated (services/maps: ingestUpload); answers 201 with the Map id. Over the upload limit
 * (declared, streamed, or a .gz once decompressed) it is 413 MAP_TOO_LARGE, and a refused
 * file leaves nothing behind. The body is never buffered: the route reads the raw request.
 * A body whose first 1024 bytes are no MRC header is refused at once (services/maps/
 * upload-head.ts); the rest is not read, and the answer closes the connection.
 */
import type { FastifyPluginAsync } from 'fastify';
import { VrsError } from '../../worker-pool/errors.js';
import type { HttpServices } from '../http-services.js';
import { sendJson } from './errors.js';

export interface UploadRouteOptions {
  services: HttpServices;
  /** Upload limit, bytes (a .gz: once decompressed). */
  uploadBytes: number;
}

export const uploadRoutes: FastifyPluginAsync<UploadRouteOptions> = async (app, { services, uploadBytes }) => {
  // the body stays unread for the route, whatever its type
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.put<{ Params: { filename: string } }>('/maps/:filename', async (request, reply) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > uploadBytes) {
      request.raw.resume();
      throw new VrsError('MAP_TOO_LARGE', `The upload is ${declared} bytes; the limit is ${uploadBytes} bytes.`);
    }
    let record: Awaited<ReturnType<HttpServices['ingestUpload']>>;
    try {
      record = await services.ingestUpload(request.raw, request.params.filename, { maxBytes: uploadBytes, declaredBytes: declared > 0 ? declared : undefined });
    } catch (error) {
      // refused before its end (a header that is no map): the rest is not read, the connection not reused
      if (!request.raw.complete) reply.header('connection', 'close');
      throw error;
    }
    // a map (registered: its Map id) or an atomic model (stored: its id for attachModel, and what was read)
    const model = 'kind' in record && record.kind === 'model' ? record.model : null;
    return sendJson(reply, 201, {
      kind: model ? 'model' : 'map', id: record.id, name: record.name, sizeBytes: record.sizeBytes,
      dimensions: record.dimensions, voxelSize: record.voxelSize, formatIssues: record.formatIssues,
      ...(model ? { model } : {}),
    });
  });
};

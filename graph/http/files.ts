/** A stored file (artifact, report) streamed as the answer, with its length and type. */
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png', svg: 'image/svg+xml', json: 'application/json', mrc: 'application/x-mrc', map: 'application/x-mrc',
  pdf: 'application/pdf', bin: 'application/octet-stream',
};

/** `immutable`: content-addressed, cacheable for ever. */
export async function sendFile(reply: FastifyReply, path: string, mediaType: string, immutable: boolean): Promise<FastifyReply> {
  const s = await stat(path);
  reply.code(200).header('content-type', mediaType).header('content-length', s.size);
  if (immutable) reply.header('cache-control', 'public, max-age=31536000, immutable');
  return reply.send(createReadStream(path));
}

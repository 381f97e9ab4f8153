/**
 * Artifacts between hosts: a worker publishes the files its metrics make (a hard mask, figures)
 * to the gateway (PUT /blobs/{sha256}?mediaType=…) before their memo rows are done, and fetches
 * those another host made (GET /blobs/{sha256}, verified) before a metric that reads them runs.
 * The gateway so holds every artifact: /artifacts and the PDF work as on one machine.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { blobPath, extensionForMediaType } from '../../worker-pool/io/blob-files.js';
import { VrsError } from '../../worker-pool/errors.js';
import type { ArtifactRef } from '../../worker-pool/metrics/types.js';
import type { ArtifactSync } from '../compute/orchestrator.js';
import { authHeaders, fetchVerified, type BlobSources } from './blob-cache.js';

export class GatewayArtifacts implements ArtifactSync {
  constructor(private readonly root: string, private readonly sources: BlobSources) {}

  async ensureLocal(refs: ArtifactRef[]): Promise<void> {
    await Promise.all(refs.map(async (ref) => {
      const path = blobPath(this.root, ref.sha256, extensionForMediaType(ref.mediaType));
      if (!existsSync(path)) await fetchVerified(this.sources, ref.sha256, path);
    }));
  }

  async publish(refs: ArtifactRef[]): Promise<void> {
    for (const ref of refs) {
      const path = blobPath(this.root, ref.sha256, extensionForMediaType(ref.mediaType));
      const url = `${this.sources.gatewayUrl!.replace(/\/$/, '')}/blobs/${ref.sha256}?mediaType=${encodeURIComponent(ref.mediaType)}`;
      const res = await fetch(url, {
        method: 'PUT', headers: { 'content-length': String(statSync(path).size), ...authHeaders(this.sources) },
        body: Readable.toWeb(createReadStream(path)) as ReadableStream, duplex: 'half',
      } as RequestInit);
      if (!res.ok) throw new VrsError('BLOB_MISSING', `Publishing artifact ${ref.sha256} to ${url} failed (${res.status}): ${(await res.text()).slice(0, 300)}`);
    }
  }
}

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
      await putWhileTransient(url, () => ({
        method: 'PUT', headers: { 'content-length': String(statSync(path).size), ...authHeaders(this.sources) },
        body: Readable.toWeb(createReadStream(path)) as ReadableStream, duplex: 'half',
      } as RequestInit), ref.sha256);
    }
  }
}

/** How long a worker keeps re-sending an artifact the gateway cannot take yet (its database restarts). */
const PUBLISH_RETRY_MS = 120_000;

/**
 * PUT with retries while the answer says "later" (the gateway unreachable, a 5xx while its
 * database restarts, a 429): a cut upload is not the section's fault, and failing it would store
 * an error for a result that exists. Other answers (401, 400) fail at once.
 */
async function putWhileTransient(url: string, request: () => RequestInit, sha256: string): Promise<void> {
  const deadline = Date.now() + PUBLISH_RETRY_MS;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    let failure: string;
    try {
      const res = await fetch(url, request());
      if (res.ok) return;
      failure = `(${res.status}): ${(await res.text()).slice(0, 300)}`;
      if (res.status < 500 && res.status !== 429) throw new VrsError('BLOB_MISSING', `Publishing artifact ${sha256} to ${url} failed ${failure}`);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // fetch: refused, reset
      failure = `(${error.message})`;
    }
    if (Date.now() + delay > deadline) throw new VrsError('BLOB_MISSING', `Publishing artifact ${sha256} to ${url} failed for ${PUBLISH_RETRY_MS / 1000} s ${failure}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * The blob store as the services see it: files in BLOB_DIR (content-addressed, see
 * worker-pool/io/blob-files.ts) plus a row per artifact.
 */
import type { DataSource } from 'typeorm';
import { blobPath, extensionForMediaType, readBlob, readVolumeBlob, writeBlob } from '../../worker-pool/io/blob-files.js';
import type { ArtifactRef } from '../../worker-pool/metrics/types.js';
import { withDb } from './db-errors.js';
import { ArtifactRow } from './entities/index.js';

export class BlobStore {
  constructor(readonly root: string, private readonly dataSource: DataSource, private readonly where: string) {}

  pathOf(sha256: string, mediaType: string): string {
    return blobPath(this.root, sha256, extensionForMediaType(mediaType));
  }

  /** Writes the file and records its row (idempotent: same bytes, same row). */
  async put(bytes: Uint8Array, mediaType: string, role: string, owner: { mapId?: string | null; metricResultId?: string | null } = {}): Promise<ArtifactRef> {
    const written = await writeBlob(this.root, bytes, extensionForMediaType(mediaType));
    const ref: ArtifactRef = { sha256: written.sha256, mediaType, role, sizeBytes: written.sizeBytes };
    await this.record(ref, owner);
    return ref;
  }

  async record(ref: ArtifactRef, owner: { mapId?: string | null; metricResultId?: string | null } = {}): Promise<void> {
    await withDb(this.where, () => this.dataSource.query(
      `INSERT INTO artifacts (sha256, media_type, size_bytes, role, map_id, metric_result_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING`,
      [ref.sha256, ref.mediaType, ref.sizeBytes, ref.role, owner.mapId ?? null, owner.metricResultId ?? null]));
  }

  async get(sha256: string): Promise<ArtifactRow | null> {
    return withDb(this.where, () => this.dataSource.getRepository(ArtifactRow).findOneBy({ sha256 }));
  }

  async listForMap(mapId: string): Promise<ArtifactRow[]> {
    return withDb(this.where, () => this.dataSource.getRepository(ArtifactRow).find({ where: { mapId }, order: { createdAt: 'ASC' } }));
  }

  /** The bytes of a recorded artifact (BLOB_MISSING when the file is gone). */
  async read(sha256: string, mediaType: string): Promise<Uint8Array> {
    return readBlob(this.root, sha256, extensionForMediaType(mediaType));
  }

  /** A volume artifact (a local map) read to compute with, on huge pages when big (readVolumeBlob): not for serving. */
  async readVolume(sha256: string, mediaType: string): Promise<Uint8Array> {
    return readVolumeBlob(this.root, sha256, extensionForMediaType(mediaType));
  }
}

/** What the HTTP routes need beyond the subgraphs' services. */
import type { Readable } from 'node:stream';
import type { Services } from '../services/maps/context.js';
import type { UploadRecord } from '../services/maps/service-types.js';
import type { PoolLoad } from '../worker-pool/pool.js';
import type { ApiKeys } from '../services/auth/api-keys.js';

export interface UploadLimits {
  maxBytes: number;
  /** The body's Content-Length, when sent: the header is checked against it before the body is read. */
  declaredBytes?: number;
}

export interface HttpServices extends Services {
  /**
   * Streams an upload into the blob store while hashing, reads and validates it, creates the
   * row: a map (registered), or an atomic model (stored for attachModel; kind 'model').
   */
  ingestUpload(body: Readable, filename: string, limits: UploadLimits): Promise<UploadRecord>;
  /** An artifact file's path (null when there is none); a report PDF is one too (`pdf`). */
  artifactFile(sha256: string, ext: string): Promise<{ path: string; mediaType: string } | null>;
  /** Whether the database answers. */
  databaseHealthy(): Promise<boolean>;
  /** The compute pool's threads and tasks (for /healthz); absent when this process computes nothing. */
  poolLoad?(): PoolLoad;
  /** API keys (checked on mutations, uploads and blobs: graph/http/auth.ts). */
  apiKeys?: ApiKeys;
  /** The local path of the file with this SHA-256 (GET /blobs/{sha256}), or null. */
  blobFile?(sha256: string): Promise<string | null>;
  /** Stores a worker's artifact by its SHA-256 (PUT /blobs/{sha256}). */
  putBlob?(sha256: string, mediaType: string, body: Readable): Promise<void>;
  /** Jobs of the compute queue by state (/metrics), when asking queues jobs. */
  jobCounts?(): Promise<Record<string, number>>;
  close?(): Promise<void>;
}

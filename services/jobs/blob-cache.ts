/**
 * Maps by content on a worker host: a file is found by its SHA-256 in the local cache, else in
 * a shared folder (a file named by its SHA-256, optionally with an extension), else fetched from
 * the gateway (GET /blobs/{sha256}, with the worker's API key) while it is hashed, and kept
 * only when the hash matches. The cache holds at most `maxBytes`; the least recently used
 * files go first (their modification time is their last use).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VrsError } from '../../worker-pool/errors.js';
import { blobCacheLookups } from '../observability/metrics.js';

export interface BlobSources {
  /** The gateway's base URL (http://host:port). */
  gatewayUrl?: string;
  apiKey?: string;
  /** A folder every host sees (NFS…), with files named by their SHA-256. */
  sharedDir?: string;
}

export interface BlobCacheStats {
  hits: number;
  shared: number;
  fetched: number;
  evicted: number;
  bytes: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class BlobCache {
  readonly stats: BlobCacheStats = { hits: 0, shared: 0, fetched: 0, evicted: 0, bytes: 0 };
  readonly #inFlight = new Map<string, Promise<string>>();

  constructor(readonly dir: string, readonly maxBytes: number, private readonly sources: BlobSources) {
    mkdirSync(dir, { recursive: true });
  }

  /** A local path holding the file of this SHA-256. */
  path(sha256: string): Promise<string> {
    if (!SHA256.test(sha256)) return Promise.reject(new VrsError('BAD_PARAMETER', `A blob is addressed by a lowercase hex SHA-256, got "${sha256.slice(0, 80)}".`));
    const pending = this.#inFlight.get(sha256);
    if (pending) return pending;
    const run = this.#find(sha256).finally(() => this.#inFlight.delete(sha256));
    this.#inFlight.set(sha256, run);
    return run;
  }

  async #find(sha256: string): Promise<string> {
    const local = join(this.dir, sha256);
    if (existsSync(local)) {
      this.stats.hits++;
      blobCacheLookups.inc({ outcome: 'hit' });
      const now = new Date();
      await utimes(local, now, now).catch(() => undefined); // its last use, for the LRU order
      return local;
    }
    const shared = await this.#inShared(sha256);
    if (shared) {
      this.stats.shared++;
      blobCacheLookups.inc({ outcome: 'shared' });
      return shared; // read in place; the orchestrator checks the SHA-256 when it reads it
    }
    if (!this.sources.gatewayUrl) {
      throw new VrsError('MAP_FILE_MISSING', `File ${sha256} is not in this worker's cache${this.sources.sharedDir ? ` nor in ${this.sources.sharedDir}` : ''}, and no gateway is set to fetch it from (vrs worker --gateway URL).`);
    }
    await this.#fetch(sha256, local);
    this.stats.fetched++;
    blobCacheLookups.inc({ outcome: 'fetched' });
    await this.#evict(sha256);
    return local;
  }

  async #inShared(sha256: string): Promise<string | null> {
    const dir = this.sources.sharedDir;
    if (!dir) return null;
    const names = await readdir(dir).catch(() => [] as string[]);
    const name = names.find((n) => n === sha256 || n.startsWith(`${sha256}.`));
    return name ? join(dir, name) : null;
  }

  async #fetch(sha256: string, target: string): Promise<void> {
    await fetchVerified(this.sources, sha256, target);
  }

  /** Removes the least recently used files until the cache fits, never the one just added. */
  async #evict(keep: string): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => SHA256.test(n));
    const files = await Promise.all(names.map(async (n) => {
      const s = await stat(join(this.dir, n)).catch(() => null);
      return s ? { n, size: s.size, used: s.mtimeMs } : null;
    }));
    const present = files.filter((f): f is { n: string; size: number; used: number } => f !== null).sort((a, b) => a.used - b.used);
    let total = present.reduce((sum, f) => sum + f.size, 0);
    for (const f of present) {
      if (total <= this.maxBytes) break;
      if (f.n === keep) continue;
      await rm(join(this.dir, f.n), { force: true });
      total -= f.size;
      this.stats.evicted++;
    }
    this.stats.bytes = total;
  }
}

/** GET {gateway}/blobs/{sha256} into `target`, kept only when its SHA-256 matches (else BLOB_HASH_MISMATCH). */
export async function fetchVerified(sources: BlobSources, sha256: string, target: string): Promise<void> {
  const url = `${sources.gatewayUrl!.replace(/\/$/, '')}/blobs/${sha256}`;
  const response = await fetch(url, { headers: authHeaders(sources) }).catch((error: unknown) => {
    throw new VrsError('MAP_FILE_MISSING', `Cannot reach the gateway for file ${sha256} (${url}): ${(error as Error).message}.`);
  });
  if (!response.ok || !response.body) {
    const body = await response.text().catch(() => '');
    throw new VrsError('MAP_FILE_MISSING', `The gateway answered ${response.status} for ${url}: ${body.slice(0, 300)}`);
  }
  await mkdir(dirname(target), { recursive: true });
  const part = `${target}.${process.pid}.${randomUUID()}.part`;
  const hash = createHash('sha256');
  const hashing = new Transform({ transform(chunk, _enc, done) { hash.update(chunk); done(null, chunk); } });
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), hashing, createWriteStream(part));
    const got = hash.digest('hex');
    if (got !== sha256) throw new VrsError('BLOB_HASH_MISMATCH', `The file fetched from ${url} hashes to ${got}, not ${sha256}; it was not kept.`);
    await rename(part, target);
  } finally {
    await rm(part, { force: true });
  }
}

export function authHeaders(sources: BlobSources): Record<string, string> {
  return sources.apiKey ? { authorization: `Bearer ${sources.apiKey}` } : {};
}

/**
 * API keys (issue 19): a key is `vrs_<id>_<secret>`; only the SHA-256 of the whole key is
 * stored, so the table gives nothing usable away. A key has a request rate per minute and an
 * upload quota per day; a revoked key is refused at once (every check reads the row: one
 * indexed lookup, only on the routes that need a key).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { VrsError } from '../../worker-pool/errors.js';
import { withDb } from '../store/db-errors.js';
import { queryRows } from '../store/query-rows.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  ratePerMinute: number;
  uploadBytesPerDay: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface Raw {
  id: string; name: string; rate_per_minute: number; upload_bytes_per_day: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null;
}

const toRecord = (r: Raw): ApiKeyRecord => ({
  id: r.id, name: r.name, ratePerMinute: r.rate_per_minute, uploadBytesPerDay: Number(r.upload_bytes_per_day),
  createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

const KEY_FORMAT = /^vrs_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;
const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

export const DEFAULT_RATE_PER_MINUTE = 600;
export const DEFAULT_UPLOAD_BYTES_PER_DAY = 200 * 2 ** 30;

export class ApiKeys {
  constructor(private readonly dataSource: DataSource, private readonly where: string) {}

  /** A new key: the secret is returned once, only its hash is stored. */
  async create(name: string, options: { ratePerMinute?: number; uploadBytesPerDay?: number } = {}): Promise<{ key: string; record: ApiKeyRecord }> {
    const rate = options.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE;
    const quota = options.uploadBytesPerDay ?? DEFAULT_UPLOAD_BYTES_PER_DAY;
    if (!name.trim()) throw new VrsError('BAD_PARAMETER', 'A key needs a name (who or what uses it).');
    if (!Number.isInteger(rate) || rate < 1) throw new VrsError('BAD_PARAMETER', `The rate must be a whole number of requests per minute ≥ 1 (got ${rate}).`);
    if (!Number.isFinite(quota) || quota < 0) throw new VrsError('BAD_PARAMETER', `The upload quota must be bytes per day ≥ 0 (got ${quota}).`);
    const id = randomBytes(8).toString('hex');
    const key = `vrs_${id}_${randomBytes(32).toString('base64url')}`;
    const rows = await this.db(() => queryRows<Raw>(this.dataSource,
      'INSERT INTO api_keys (id, name, secret_hash, rate_per_minute, upload_bytes_per_day) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [id, name.trim(), hashOf(key), rate, Math.floor(quota)]));
    return { key, record: toRecord(rows[0]!) };
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.db(() => queryRows<Raw>(this.dataSource, 'SELECT * FROM api_keys ORDER BY created_at, id'))).map(toRecord);
  }

  /** Revokes a key by its id (the part after `vrs_`); false when there is no such live key. */
  async revoke(id: string): Promise<boolean> {
    const rows = await this.db(() => queryRows<Raw>(this.dataSource, 'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING *', [id]));
    return rows.length > 0;
  }

  /** The live key this secret is, else API_KEY_INVALID. */
  async verify(key: string): Promise<ApiKeyRecord> {
    const invalid = () => new VrsError('API_KEY_INVALID', 'The API key is unknown or revoked; ask the operator for a new one (vrs keys create).');
    if (!KEY_FORMAT.test(key)) throw invalid();
    const rows = await this.db(() => queryRows<Raw>(this.dataSource,
      'UPDATE api_keys SET last_used_at = now() WHERE secret_hash = $1 AND revoked_at IS NULL RETURNING *', [hashOf(key)]));
    if (!rows[0]) throw invalid();
    return toRecord(rows[0]);
  }

  /** Bytes uploaded with this key today (UTC). */
  async uploadedToday(id: string): Promise<number> {
    const rows = await this.db(() => queryRows<{ bytes: string }>(this.dataSource, "SELECT bytes FROM api_key_uploads WHERE key_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date", [id]));
    return Number(rows[0]?.bytes ?? 0);
  }

  async addUpload(id: string, bytes: number): Promise<void> {
    await this.db(() => this.dataSource.query(
      `INSERT INTO api_key_uploads (key_id, day, bytes) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2)
       ON CONFLICT (key_id, day) DO UPDATE SET bytes = api_key_uploads.bytes + EXCLUDED.bytes`, [id, bytes]));
  }

  private db<T>(operation: () => Promise<T>): Promise<T> {
    return withDb(this.where, operation);
  }
}

/**
 * Requests per key per minute, as a token bucket held in this process (a gateway behind a load
 * balancer limits per process). Answers the seconds to wait, or 0 when the request may go.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  take(id: string, perMinute: number, now = Date.now()): number {
    const b = this.#buckets.get(id) ?? { tokens: perMinute, at: now };
    b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60_000) * perMinute);
    b.at = now;
    this.#buckets.set(id, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - b.tokens) / perMinute) * 60));
  }
}

/**
 * Map rows kept in process so that a cached section's request does not read the maps table
 * (twice: the maps subgraph and the level0 subgraph each look the map up). Map rows change
 * (metadata, removal), and other processes may change them, so the cache is trusted only
 * while this process LISTENs on MAPS_CHANNEL: every write NOTIFYs the map's id at commit,
 * which drops that row here and in every other listening process. While the LISTEN
 * connection is down (not yet up, lost, reconnecting) every lookup goes to the database, and
 * the cache starts empty after each (re)connection, since notifications may have been missed.
 * A read that raced with a change is not stored (generation check).
 * Rows handed out are shared: callers must treat them as read-only.
 */
import pg from 'pg';
import type { MapRow } from './entities/index.js';

export const MAPS_CHANNEL = 'vrs_maps';

export class MapRowCache {
  readonly #rows = new Map<string, MapRow>();
  #generation = 0;
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #retryAfter = 0;
  #closed = false;

  /** `url` null: no LISTEN connection, hence no caching (every lookup reads the table). */
  constructor(private readonly url: string | null, readonly capacity = 1000) {}

  /** True while changes of other processes reach us (the cache is in use). */
  get live(): boolean {
    return this.#client !== null;
  }

  /** Bumps on every change seen; a read started before a bump is not stored. */
  get generation(): number {
    this.#ensureListening();
    return this.#generation;
  }

  get(id: string): MapRow | undefined {
    if (!this.live) return undefined;
    const row = this.#rows.get(id);
    if (row) {
      this.#rows.delete(id); // refresh its LRU position
      this.#rows.set(id, row);
    }
    return row;
  }

  /** Stores a row read from the table when nothing changed since `generation` was taken. */
  put(row: MapRow, generation: number): void {
    if (!this.live || generation !== this.#generation || this.capacity === 0) return;
    this.#rows.set(row.id, row);
    if (this.#rows.size > this.capacity) this.#rows.delete(this.#rows.keys().next().value!);
  }

  /** A row changed or went away (this process wrote it, or another one told us). */
  invalidate(id: string): void {
    this.#generation++;
    this.#rows.delete(id);
  }

  #reset(): void {
    this.#generation++;
    this.#rows.clear();
  }

  #ensureListening(): void {
    if (!this.url || this.#closed || this.#client || this.#connecting || Date.now() < this.#retryAfter) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
    const drop = (): void => {
      if (this.#client === client) this.#client = null;
      this.#reset();
      this.#retryAfter = Date.now() + 2000;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel === MAPS_CHANNEL && message.payload) this.invalidate(message.payload);
    });
    this.#connecting = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${MAPS_CHANNEL}`);
        if (this.#closed) {
          await client.end();
          return;
        }
        this.#reset(); // whatever happened before we listened is unknown
        this.#client = client;
      } catch {
        drop();
      } finally {
        this.#connecting = null;
      }
    })();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#connecting;
    const client = this.#client;
    this.#client = null;
    this.#reset();
    await client?.end().catch(() => undefined);
  }
}

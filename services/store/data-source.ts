/**
 * The TypeORM data source. DATABASE_URL selects a server; without it the embedded
 * PostgreSQL starts (or is attached to) in the data folder. Migrations run at open, under
 * an advisory lock so that processes starting together do not race; never `synchronize`.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { phase } from '../../worker-pool/timings.js';
import { embeddedClusterDir } from './config.js';
import { describeUrl, withDb } from './db-errors.js';
import { ensureEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.js';
import type { PreparedCluster } from './initdb.js';
import { ENTITIES } from './entities/index.js';

/** Arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_284_011;

export interface DataSourceOptions {
  /** A postgres:// URL; default DATABASE_URL, else the embedded server. */
  url?: string;
  /** Embedded cluster folder when no URL is given (default `<VRS_DATA_DIR>/pg`). */
  clusterDir?: string;
  /** The embedded cluster made ahead of need (prepareCluster), adopted when there is none yet. */
  preparedCluster?: PreparedCluster | null;
  /** Run pending migrations at open (default true). */
  migrate?: boolean;
  poolSize?: number;
  /** How long to wait for a connection before DB_UNAVAILABLE (ms, default 5000). */
  connectTimeoutMs?: number;
  /** Client-side limit for one query (ms, default 30000): a server that vanished without a reset does not hang us. */
  queryTimeoutMs?: number;
}

export interface OpenDataSource {
  dataSource: DataSource;
  /** The URL in use (with the embedded password; do not log it). */
  url: string;
  /** host:port/database, safe for messages. */
  where: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/**
 * Every pooled connection keeps an 'error' listener of its own. pg-pool hands a released
 * connection to the next waiter synchronously, while pg is still reading the socket chunk that
 * finished the last query, and TypeORM attaches its listener only a microtask later: when that
 * chunk also holds the server's farewell (FATAL 57P01 "terminating connection due to
 * unexpected postmaster exit"), pg emitted 'error' with no listener and the process exited (a
 * gateway died twice in the stack test's restart, the last statement a pool.query). With this
 * listener the connection is only marked broken: its next statement fails (DB_UNAVAILABLE,
 * retried) and the pool drops it on release.
 */
function keepErrorsFromCrashing(client: { on(event: 'error', listener: () => void): unknown }): void {
  client.on('error', () => undefined);
}

export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName: 'vrs',
    poolSize: options.poolSize ?? 10,
    connectTimeoutMS: options.connectTimeoutMs ?? 5000,
    extra: { query_timeout: options.queryTimeoutMs ?? 30_000, keepAlive: true, onConnect: keepErrorsFromCrashing },
    // Pool errors (a server that went away) are reported by the next query as DB_UNAVAILABLE.
    poolErrorHandler: () => undefined,
  });
}

export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

export async function openDataSource(options: DataSourceOptions = {}): Promise<OpenDataSource> {
  let url = options.url ?? process.env.DATABASE_URL;
  let embedded: EmbeddedServer | null = null;
  if (!url) {
    embedded = await ensureEmbeddedPostgres(options.clusterDir ?? embeddedClusterDir(), { prepared: options.preparedCluster });
    url = embedded.url;
  }
  const where = describeUrl(url);
  const dataSource = createDataSource(url, options);
  try {
    await withDb(where, () => dataSource.initialize());
    if (options.migrate ?? true) await phase('  store: migrations', () => withDb(where, () => runMigrations(dataSource)));
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  let closed: Promise<void> | null = null;
  return {
    dataSource, url, where, embedded,
    close: () => (closed ??= (async () => {
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      await embedded?.stop();
    })()),
  };
}

/**
 * The migrations on an empty database: up (the tables and every column the entities map, nothing pending),
 * down (every one reverted, nothing of ours left), and up again (the same schema as the
 * first time). A scratch database on the run's server (the shared one when DATABASE_URL is
 * set, else the embedded one the test run starts); only that database is dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDataSource, runMigrations, type OpenDataSource } from '../services/store/data-source.js';
import { createScratchDatabase, type ScratchDatabase } from '../services/store/testing.js';
import { MIGRATIONS } from './index.js';

/** TypeORM's own bookkeeping table (the migrations that ran). */
const LEDGER = 'migrations';

/** Everything the public schema holds except TypeORM's ledger and what belongs to it, one line each, sorted. */
async function schema(ds: DataSource): Promise<string[]> {
  const rows: { line: string }[] = await ds.query(`
    WITH ledger AS (SELECT $1::text AS name, coalesce(to_regclass($1::text)::oid, 0) AS oid)
    SELECT 'relation ' || c.relkind::text || ' ' || c.relname AS line
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, ledger l
     WHERE n.nspname = 'public' AND c.oid <> l.oid
       AND c.oid NOT IN (SELECT indexrelid FROM pg_index WHERE indrelid = l.oid) -- the ledger's index
       AND c.oid NOT IN (SELECT objid FROM pg_depend WHERE classid = 'pg_class'::regclass AND refobjid = l.oid) -- and sequence
    UNION ALL
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '-')
      FROM information_schema.columns, ledger l WHERE table_schema = 'public' AND table_name <> l.name
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(c.oid)
      FROM pg_constraint c, ledger l WHERE connamespace = 'public'::regnamespace AND conrelid <> l.oid
    UNION ALL
    SELECT 'index ' || indexdef FROM pg_indexes, ledger l WHERE schemaname = 'public' AND tablename <> l.name
    UNION ALL
    SELECT 'type ' || typname FROM pg_type
     WHERE typnamespace = 'public'::regnamespace AND typrelid = 0 AND typname NOT LIKE '\\_%'`, [LEDGER]);
  return rows.map((r) => r.line).sort();
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return rows.map((r) => r.table_name);
}

async function applied(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await ds.query(`SELECT name FROM ${LEDGER} ORDER BY id`);
  return rows.map((r) => r.name);
}

describe('migrations: up, down, up on an empty database', () => {
  let db: ScratchDatabase;
  let store: OpenDataSource;

  beforeAll(async () => {
    db = await createScratchDatabase('vrs_migrations');
    store = await openDataSource({ url: db.url, migrate: false });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const names = MIGRATIONS.map((m) => new m().name ?? m.name);
  let first: string[] = [];

  it('starts from an empty database', async () => {
    expect(await tables(store.dataSource)).toEqual([]);
    expect(await schema(store.dataSource)).toEqual([]);
  });

  it('up: every migration runs, the tables are there and match the entities', async () => {
    await runMigrations(store.dataSource);
    const entityTables = [...new Set(store.dataSource.entityMetadatas.map((e) => e.tableName))];
    expect(entityTables).toEqual(expect.arrayContaining(['maps', 'metric_results', 'artifacts']));
    expect(await tables(store.dataSource)).toEqual(expect.arrayContaining([...entityTables, LEDGER]));
    expect(await applied(store.dataSource)).toEqual(names);
    expect(await store.dataSource.showMigrations()).toBe(false); // nothing pending
    first = await schema(store.dataSource);
    // Every column an entity maps is there.
    const columns = new Set(first.filter((l) => l.startsWith('column ')).map((l) => l.split(' ')[1]));
    const mapped = store.dataSource.entityMetadatas.flatMap((e) => e.columns.map((c) => `${e.tableName}.${c.databaseName}`));
    expect(mapped.filter((c) => !columns.has(c))).toEqual([]);
  });

  it('down: every migration is reverted and nothing of ours is left', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await store.dataSource.undoLastMigration({ transaction: 'all' });
    expect(await tables(store.dataSource)).toEqual([LEDGER]);
    expect(await applied(store.dataSource)).toEqual([]);
    expect(await schema(store.dataSource)).toEqual([]);
  });

  it('up again: the same schema as the first time', async () => {
    await runMigrations(store.dataSource);
    expect(await applied(store.dataSource)).toEqual(names);
    expect(await schema(store.dataSource)).toEqual(first);
  });
});

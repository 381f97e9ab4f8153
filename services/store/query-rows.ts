import type { DataSource, EntityManager } from 'typeorm';

interface PgPoolLike {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Rows of a statement, whatever its kind. (TypeORM's plain `query` answers UPDATE/DELETE …
 * RETURNING with `[rows, count]` but INSERT/SELECT with `rows`; pg's and the structured
 * form are uniform.) Outside a transaction this goes straight to the data source's pg pool:
 * the memo's hot path (one indexed read) then costs about half as much as through a
 * TypeORM query runner.
 */
export async function queryRows<T>(source: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const manager = 'manager' in source ? source.manager : source;
  if (manager.queryRunner) return (await manager.queryRunner.query(sql, params, true)).records as T[];
  const pool = (manager.connection.driver as unknown as { master?: PgPoolLike }).master;
  if (pool && typeof pool.query === 'function') return (await pool.query(sql, params)).rows as T[];
  const runner = manager.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).records as T[];
  } finally {
    await runner.release();
  }
}

import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of a statement, whatever its kind. (TypeORM's plain `query` answers UPDATE/DELETE …
 * RETURNING with `[rows, count]` but INSERT/SELECT with `rows`; the structured form is uniform.)
 */
export async function queryRows<T>(source: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const manager = 'manager' in source ? source.manager : source;
  if (manager.queryRunner) return (await manager.queryRunner.query(sql, params, true)).records as T[];
  const runner = manager.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).records as T[];
  } finally {
    await runner.release();
  }
}

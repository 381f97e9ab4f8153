/**
 * Turns "the database is not there" (refused, reset, closed, timed out, shut down) into one
 * clear error, DB_UNAVAILABLE, instead of a driver stack trace or a hang.
 */
import { VrsError, isVrsError } from '../../worker-pool/errors.js';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  // PostgreSQL: admin/crash shutdown, cannot connect now, connection exceptions (class 08).
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006',
]);

const CONNECTION_MESSAGES = [
  'connection terminated',
  'timeout exceeded when trying to connect',
  'query read timeout',
  'not queryable',
  'cannot use a pool after calling end',
  'connection is not established',
  'connection refused',
  'the database system is shutting down',
  'the database system is starting up',
  // TypeORM releases a transaction's query runner when its connection fails between two
  // statements (a restart); the COMMIT then finds it released, and nothing was committed
  'query runner already released',
  // ...and a statement sent through the transaction's EntityManager (manager.query) says it
  // in other words (QueryRunnerProviderAlreadyReleasedError): the same lost connection, nothing
  // committed. Unrecognised, it made the memo drop a computed result whose store the restart
  // cut (the stack test's double level0.inputData: its store writes many artifact rows)
  'query runner was already released',
];

export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  const message = typeof e.message === 'string' ? e.message.toLowerCase() : '';
  if (CONNECTION_MESSAGES.some((m) => message.includes(m))) return true;
  if (e.driverError && isConnectionError(e.driverError, depth + 1)) return true;
  if (e.cause && isConnectionError(e.cause, depth + 1)) return true;
  if (Array.isArray(e.errors)) return e.errors.some((inner) => isConnectionError(inner, depth + 1));
  return false;
}

/** Host and port of a URL for messages, without the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

export function dbUnavailable(error: unknown, where: string): VrsError {
  const reason = error instanceof Error ? error.message : String(error);
  return new VrsError('DB_UNAVAILABLE', `PostgreSQL at ${where} does not answer (${reason}); check that it is running and that DATABASE_URL points at it, then retry.`);
}

/** Runs a database operation; connection failures become DB_UNAVAILABLE, other errors pass. */
export async function withDb<T>(where: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isVrsError(error) && isConnectionError(error)) throw dbUnavailable(error, where);
    throw error;
  }
}

/** PostgreSQL foreign-key violation (23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return e?.code === '23503' || e?.driverError?.code === '23503';
}

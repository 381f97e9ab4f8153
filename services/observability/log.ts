/**
 * Structured logs (pino, one JSON object a line on stderr, so stdout keeps the commands'
 * own output): level from VRS_LOG_LEVEL (default info; `silent` turns them off).
 */
import { pino, type Logger } from 'pino';

export function createLogger(name: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({ name, level: env.VRS_LOG_LEVEL ?? 'info', base: { pid: process.pid } }, pino.destination(2));
}

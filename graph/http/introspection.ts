/**
 * Whether the graph answers schema introspection: an explicit setting (vrs serve --introspection
 * / --no-introspection, else VRS_INTROSPECTION=on|off), else on when the server listens on
 * loopback only (a developer's machine: tools and the dashboard may read the schema) and off when
 * it listens on any other address. NODE_ENV plays no part.
 */
import { VrsError } from '../../worker-pool/errors.js';

/** 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export function introspectionEnabled(explicit: boolean | undefined, host: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (explicit !== undefined) return explicit;
  const setting = env.VRS_INTROSPECTION?.trim().toLowerCase();
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  if (setting) throw new VrsError('BAD_PARAMETER', `VRS_INTROSPECTION must be on or off (got ${JSON.stringify(env.VRS_INTROSPECTION)}).`);
  return isLoopbackHost(host);
}

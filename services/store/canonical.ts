/**
 * Canonical parameters for memo keys: the same parameters always give the same text (object
 * keys sorted at every depth, undefined members dropped), so the key does not depend on the
 * order in which a caller happened to build its object.
 */
import { createHash } from 'node:crypto';
import { VrsError } from '../../worker-pool/errors.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalise(value, '$'));
}

function canonicalise(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new VrsError('BAD_PARAMETER', `Parameter ${path} is ${value}; memo keys need finite numbers.`);
    }
    return Object.is(value, -0) ? 0 : value;
  }
  if (Array.isArray(value)) return value.map((item, i) => canonicalise(item === undefined ? null : item, `${path}[${i}]`));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = canonicalise(member, `${path}.${key}`);
    }
    return out;
  }
  throw new VrsError('BAD_PARAMETER', `Parameter ${path} has type ${typeof value}; memo keys hold JSON values only.`);
}

/** SHA-256 hex of the canonical JSON: the params part of the memo key. */
export function paramsHash(params: unknown): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex');
}

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, paramsHash } from './canonical.js';

describe('canonical parameters', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ threshold: 0.5, profile: 'standard' })).toBe(canonicalJson({ profile: 'standard', threshold: 0.5 }));
    expect(canonicalJson(-0)).toBe('0');
  });

  it('hashes the canonical text with SHA-256', () => {
    const text = '{"profile":"standard","threshold":0.5}';
    expect(paramsHash({ threshold: 0.5, profile: 'standard' })).toBe(createHash('sha256').update(text).digest('hex'));
    // Python: hashlib.sha256(json.dumps({"a": 1}, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    expect(paramsHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });

  it('refuses values that are not JSON', () => {
    expect(() => canonicalJson({ t: Number.NaN })).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
    expect(() => canonicalJson({ t: Infinity })).toThrow(/\$\.t/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { BUFFER_POOL_MAX_BYTES, emptyBufferPool, pooledBytes, returnSharedBuffer, takeSharedBuffer } from './buffer-pool.js';

afterEach(emptyBufferPool);

describe('buffer pool: big shared buffers reused within a thread', () => {
  it('gives a returned buffer back to the next taker of its size, zero-filled', () => {
    const a = takeSharedBuffer(1 << 20);
    new Float32Array(a).fill(Number.NaN);
    returnSharedBuffer(a);
    expect(pooledBytes()).toBe(1 << 20);
    const b = takeSharedBuffer(1 << 20);
    expect(b).toBe(a);
    expect(new Uint8Array(b).every((v) => v === 0)).toBe(true);
    expect(pooledBytes()).toBe(0);
  });

  it('zero-fills buffers whose size is not a multiple of 8 to the last byte', () => {
    const a = takeSharedBuffer((1 << 20) + 13);
    new Uint8Array(a).fill(255);
    returnSharedBuffer(a);
    const b = takeSharedBuffer((1 << 20) + 13);
    expect(b).toBe(a);
    expect(new Uint8Array(b).every((v) => v === 0)).toBe(true);
  });

  it('allocates anew for another size, and for a buffer not given back', () => {
    const a = takeSharedBuffer(1 << 20);
    returnSharedBuffer(a);
    const other = takeSharedBuffer((1 << 20) + 8);
    expect(other).not.toBe(a);
    expect(other.byteLength).toBe((1 << 20) + 8);
    expect(takeSharedBuffer(1 << 20)).toBe(a);
    expect(takeSharedBuffer(1 << 20)).not.toBe(a);
  });

  it('ignores a buffer given back twice and keeps at most BUFFER_POOL_MAX_BYTES, dropping the oldest', () => {
    const a = takeSharedBuffer(1 << 20);
    returnSharedBuffer(a);
    returnSharedBuffer(a);
    expect(pooledBytes()).toBe(1 << 20);
    const big = BUFFER_POOL_MAX_BYTES / 2;
    const [x, y] = [new SharedArrayBuffer(big), new SharedArrayBuffer(big)];
    returnSharedBuffer(x);
    returnSharedBuffer(y);
    expect(pooledBytes()).toBe(BUFFER_POOL_MAX_BYTES); // a (the oldest) dropped
    expect(takeSharedBuffer(1 << 20)).not.toBe(a);
  });
});

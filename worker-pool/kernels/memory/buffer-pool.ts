/**
 * A per-thread pool of big SharedArrayBuffers given back by computations that are done with
 * them, so the next computation of the same size reuses memory whose pages are already mapped.
 *
 * Why: on this project's VMs a fresh page costs far more than the work done in it: even on huge
 * pages (shared-memory.ts) a freshly allocated 128.6 MB spectrum (400³) costs 0.3–0.7 CPU-s of
 * first touches, because the guest gives freed memory back to its host (free page reporting)
 * and the host maps it again on the next touch; a buffer kept in the pool costs a memset
 * (≈ 0.02 s). 1.a takes its two spectra from here, so every 1.a after the first in a process (a
 * server's worker, the bench's later runs) skips those faults; a single CLI run still pays them.
 *
 * Rules: `takeSharedBuffer` returns a zero-filled buffer of exactly the size asked for (a pooled
 * one of that size, else a new one from sharedBuffer); whoever calls `returnSharedBuffer` must
 * hold no view of the buffer afterwards (the next taker overwrites it). The pool keeps at most
 * BUFFER_POOL_MAX_BYTES per thread (`VRS_BUFFER_POOL_MB`, 0 turns it off), drops the oldest
 * beyond that, and empties itself BUFFER_POOL_IDLE_MS after the last buffer came back (an idle
 * server holds no memory for it).
 */
import { sharedBuffer } from './shared-memory.js';

/** Bytes kept per thread: by default 1 GiB (four 400³ spectra, or two 512³ ones). */
export const BUFFER_POOL_MAX_BYTES = poolLimit();
/** The pool empties itself this long after the last buffer was given back. */
export const BUFFER_POOL_IDLE_MS = 60_000;

function poolLimit(): number {
  const mb = typeof process === 'undefined' ? undefined : process.env.VRS_BUFFER_POOL_MB;
  const v = mb === undefined || mb === '' ? NaN : Number(mb);
  return Number.isFinite(v) && v >= 0 ? v * 2 ** 20 : 2 ** 30;
}

const pooled: SharedArrayBuffer[] = [];
let pooledTotal = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Bytes now held by this thread's pool. */
export function pooledBytes(): number {
  return pooledTotal;
}

/** Drops every pooled buffer (the garbage collector frees them). */
export function emptyBufferPool(): void {
  pooled.length = 0;
  pooledTotal = 0;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
}

/** A zero-filled SharedArrayBuffer of `bytes` bytes: a pooled one of that size when there is one. */
export function takeSharedBuffer(bytes: number): SharedArrayBuffer {
  const i = pooled.findIndex((b) => b.byteLength === bytes);
  if (i < 0) return sharedBuffer(bytes);
  const [buffer] = pooled.splice(i, 1);
  pooledTotal -= bytes;
  zero(buffer!);
  return buffer!;
}

/**
 * Zeroes a shared buffer 8 bytes at a time: V8 fills a typed array on shared memory element by
 * element (relaxed atomic stores), so a Uint8Array fill of 128 MB takes ~37 ms, a Float64Array's ~5.
 */
function zero(buffer: SharedArrayBuffer): void {
  const words = buffer.byteLength >> 3;
  new Float64Array(buffer, 0, words).fill(0);
  new Uint8Array(buffer, words << 3).fill(0);
}

/** Gives `buffer` to this thread's pool; the caller keeps no view of it. */
export function returnSharedBuffer(buffer: SharedArrayBuffer): void {
  if (buffer.byteLength > BUFFER_POOL_MAX_BYTES || pooled.includes(buffer)) return;
  pooled.push(buffer);
  pooledTotal += buffer.byteLength;
  while (pooledTotal > BUFFER_POOL_MAX_BYTES) pooledTotal -= pooled.shift()!.byteLength;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(emptyBufferPool, BUFFER_POOL_IDLE_MS);
  (idleTimer as { unref?: () => void }).unref?.();
}

/**
 * Zero-filled SharedArrayBuffers for the project's big buffers (volumes, spectra), on
 * transparent huge pages when the optional native allocator is built (`native/huge-pages.cc`,
 * built by `npm ci`), else plain `new SharedArrayBuffer`.
 *
 * Why: on the 2-core Firecracker VMs this project is measured on, every fresh 4 KiB page costs
 * a fault of ~11 µs, so the first touch of a 256 MB buffer costs ~0.9–1.1 CPU-s, often more than
 * the work done in it (1.a's two 128.6 MB spectra: ≈ 2 CPU-s of its 9). Transparent huge pages
 * are in `madvise` mode there (and on most distributions), and V8 never asks for them; with
 * MADV_HUGEPAGE the same first touch costs 0.02–0.3 CPU-s (a C test: 256 MB, four runs).
 * Neither JavaScript nor N-API can put outside memory behind a SharedArrayBuffer, hence a small
 * V8 addon. Buffers behave exactly as plain ones (Atomics, postMessage to worker threads and
 * the pool, garbage collection: the mapping is unmapped when the last thread drops it).
 *
 * The addon is loaded with `process.dlopen` (no module import: the kernels stay importable in a
 * browser, where `process` is undefined and plain buffers are used). `VRS_HUGE_PAGES=0` turns it
 * off (comparisons, or a kernel where huge pages misbehave).
 */

/** Buffers from this size on go to huge pages (each wastes at most one partly used 2 MiB page). */
export const HUGE_PAGE_MIN_BYTES = 8 << 20;

interface NativeAllocator {
  allocate(bytes: number): SharedArrayBuffer | null;
  hugePageBytes: number;
}

/** Whether the native allocator is in use, and why not when it is not. */
export type AllocatorStatus = { native: true; path: string } | { native: false; reason: string };

/** Where node-gyp puts the addon (the repository's build/Release), from dist/ or from the sources. */
const ADDON_URLS = ['../../../../build/Release/vrs_memory.node', '../../../build/Release/vrs_memory.node'];

/** Loads the addon at `path`; the reason it cannot be used otherwise. */
export function loadNativeAllocator(path: string): { allocator: NativeAllocator; status: AllocatorStatus } | { allocator: null; status: AllocatorStatus } {
  try {
    const module = { exports: {} as Partial<NativeAllocator> };
    process.dlopen(module, path);
    const { allocate, hugePageBytes } = module.exports;
    if (typeof allocate !== 'function' || typeof hugePageBytes !== 'number') return { allocator: null, status: { native: false, reason: `${path} is not the huge-page allocator` } };
    return { allocator: { allocate, hugePageBytes }, status: { native: true, path } };
  } catch (e) {
    return { allocator: null, status: { native: false, reason: (e as Error).message.split('\n')[0]! } };
  }
}

let loaded: { allocator: NativeAllocator | null; status: AllocatorStatus } | undefined;

function nativeAllocator(): NativeAllocator | null {
  if (loaded) return loaded.allocator;
  if (typeof process === 'undefined' || typeof process.dlopen !== 'function') loaded = { allocator: null, status: { native: false, reason: 'not running in Node.js' } };
  else if (process.env.VRS_HUGE_PAGES === '0') loaded = { allocator: null, status: { native: false, reason: 'VRS_HUGE_PAGES=0' } };
  else if (process.platform !== 'linux') loaded = { allocator: null, status: { native: false, reason: `${process.platform}: transparent huge pages are Linux's` } };
  else {
    const tries = [];
    for (const url of ADDON_URLS) {
      tries.push(loadNativeAllocator(decodeURIComponent(new URL(url, import.meta.url).pathname)));
      if (tries.at(-1)!.allocator) break;
    }
    loaded = tries.find((t) => t.allocator) ?? tries[0]!; // not built: the reason for the usual place (from dist/)
  }
  return loaded.allocator;
}

/** Whether big buffers come from the huge-page allocator in this thread (loads it on first use). */
export function sharedMemoryAllocator(): AllocatorStatus {
  nativeAllocator();
  return loaded!.status;
}

/**
 * A zero-filled SharedArrayBuffer of `bytes` bytes: on huge pages from HUGE_PAGE_MIN_BYTES on
 * when the native allocator is loaded, else (and when its mmap fails) `new SharedArrayBuffer`.
 */
export function sharedBuffer(bytes: number): SharedArrayBuffer {
  if (bytes >= HUGE_PAGE_MIN_BYTES && Number.isSafeInteger(bytes)) {
    const buffer = nativeAllocator()?.allocate(bytes);
    if (buffer) return buffer;
  }
  return new SharedArrayBuffer(bytes);
}

/**
 * An explicit garbage collection for threads that drop big SharedArrayBuffers (Node.js only).
 *
 * Why: V8 triggers collections from its own heap's growth and from the external memory it is
 * told about, and it is told nothing about shared backing stores (their per-isolate accounting
 * length is 0, so that a buffer shared by n threads is not counted n times). A thread that
 * allocates little JavaScript but passes 128–256 MB spectra around — a pool worker between two
 * sections, an FFT helper that received a pass's buffers by postMessage — keeps every buffer it
 * dropped mapped until some unrelated collection, which may never come. In a whole 400³
 * `vrs validate` that held about 1 GB of dead buffers at its peak (README, Benchmarks).
 *
 * `gc` is not a global without `--expose-gc`; setting the flag at run time and reading `gc` from
 * a fresh context gives the same function (the flag is process-wide, the context is thrown away).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let gc: Gc | undefined;

function exposedGc(): Gc {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
  }
  return gc;
}

/**
 * Collects garbage now:
 * - `full`: what `gc()` does, mark-compacts until nothing more is freed (a few ms on a helper
 *   thread's small heap, ~11 ms on a pool worker's); the buffers it frees are unmapped before it
 *   returns, which is what an idle thread needs (a `major` one may leave that to a later task of
 *   the thread's event loop: the FFT helpers kept their buffers after it, measured);
 * - `major`: one mark-compact (≈ 1 ms on a pool worker).
 * (A minor collection is no use here: it did not free buffers a thread received by postMessage.)
 * Call it where nothing still references what should go (not inside the function that holds it).
 */
export function collectGarbage(type: 'full' | 'major' = 'full'): void {
  if (type === 'full') exposedGc()();
  else exposedGc()({ type });
}

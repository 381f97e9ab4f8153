/**
 * The FFT's helper threads: created lazily the first time a transform asks for more than one
 * thread, kept (unref'd, so they never hold the process open) for later transforms, and
 * shared by all transforms of this thread. The calling thread works too, and blocks with
 * Atomics.wait until every chunk of the pass is done, so the transforms stay synchronous
 * calls that work the same on the main thread and inside a pool worker.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { engineFor } from './engines.js';
import { CONTROL_BYTES, runChunk, viewOf, workOnPass, type PassJob } from './jobs.js';

const helpers: Worker[] = [];

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function ensureHelpers(count: number): void {
  while (helpers.length < count) {
    const w = new Worker(new URL('./fft-worker.js', import.meta.url));
    w.unref();
    // a dead helper only means fewer hands: the owner claims the chunks it would have taken
    w.on('error', () => undefined);
    w.on('exit', () => {
      const i = helpers.indexOf(w);
      if (i >= 0) helpers.splice(i, 1);
    });
    helpers.push(w);
  }
}

/** Runs every chunk of `job` on this thread and `threads − 1` helpers. */
export function runPass(job: PassJob, threads: number): void {
  const eng = engineFor(job.engine);
  const shared = [job.a, job.b, job.mask, job.out, ...(job.extra ?? [])].every((r) => r === undefined || r.buffer instanceof SharedArrayBuffer);
  const helpersWanted = Math.min(threads, job.total) - 1;
  if (helpersWanted <= 0 || !shared) {
    const a = viewOf(job.a), b = viewOf(job.b);
    for (let i = 0; i < job.total; i++) runChunk(eng, job, a, b, i);
    return;
  }
  ensureHelpers(helpersWanted);
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const withControl: PassJob = { ...job, control };
  for (let h = 0; h < helpersWanted && h < helpers.length; h++) helpers[h]!.postMessage(withControl);
  workOnPass(eng, withControl);
  const ctl = new Int32Array(control, 0, 4);
  for (let done = Atomics.load(ctl, 1); done < job.total; done = Atomics.load(ctl, 1)) Atomics.wait(ctl, 1, done);
  if (Atomics.load(ctl, 2) !== 0) {
    const bytes = new Uint8Array(control, 16, 1024);
    const end = bytes.indexOf(0);
    throw new Error('FFT helper thread failed: ' + new TextDecoder().decode(bytes.slice(0, end < 0 ? 1024 : end)));
  }
}

/** Stops the helper threads (they are unref'd, so this is only needed to free them early). */
export async function shutdownFftThreads(): Promise<void> {
  const all = helpers.splice(0);
  await Promise.all(all.map((w) => w.terminate()));
}

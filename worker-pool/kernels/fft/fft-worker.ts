/**
 * Helper thread of the FFT team: waits for pass jobs from its owner and works on their chunks
 * until none is left (see jobs.ts). It holds its own engine workspaces and plan caches.
 * If its engine cannot start it claims nothing, and the owner thread does all the chunks.
 * After its passes it collects its garbage: the buffers the passes were sent.
 */
import { parentPort } from 'node:worker_threads';
import { collectGarbage } from '../memory/collect-garbage.js';
import { engineFor } from './engines.js';
import { workOnPass, type PassJob } from './jobs.js';

parentPort!.on('message', (job: PassJob) => {
  let engine;
  try {
    engine = engineFor(job.engine);
  } catch {
    return;
  }
  workOnPass(engine, job);
  // The pass's buffers came in by postMessage and are garbage here once it is done; this
  // thread allocates almost nothing else, so without a collection it keeps the spectra of its
  // past passes mapped (collect-garbage.ts; 256³ transforms left ~450 MB, measured). Once the
  // passes stop coming for a moment (a transform's passes follow each other within ms), after
  // this handler returns, when `job` no longer references them.
  if (collectTimer) clearTimeout(collectTimer);
  collectTimer = setTimeout(collectAfterPasses, QUIET_MS);
  collectTimer.unref();
});

const QUIET_MS = 50;
let collectTimer: ReturnType<typeof setTimeout> | undefined;

function collectAfterPasses(): void {
  collectTimer = undefined;
  collectGarbage('full');
}

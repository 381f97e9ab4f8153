/**
 * Helper thread of the FFT team: waits for pass jobs from its owner and works on their chunks
 * until none is left (see jobs.ts). It holds its own engine workspaces and plan caches.
 * If its engine cannot start it claims nothing, and the owner thread does all the chunks.
 */
import { parentPort } from 'node:worker_threads';
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
});

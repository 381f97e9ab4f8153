/**
 * Stress test of the FFT thread team (team.ts, jobs.ts): many transforms of different sizes back
 * to back, and the same from two worker_threads at once (each with its own team) while the main
 * thread transforms too. Every 2-thread result must equal, bit for bit, the 1-thread result of
 * the same engine (the chunks run the same code whichever thread claims them). Outputs are views
 * into one reused SharedArrayBuffer, filled with NaN first, so a chunk left unwritten or written
 * late by a helper still busy with an earlier pass shows up as a difference.
 * Written after a resampled 400³ map once came out entirely below the threshold under load.
 */
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import * as fft3d from './fft3d.js';

const fft3dUrl = new URL('./fft3d.js', import.meta.url).href;

/**
 * Source of `stress(rounds, seed, fft3d module)` (run in eval'd workers too): returns the number of values that differ from the 1-thread
 * result, over forward and inverse transforms of several boxes and both engines.
 */
const stressSource = `
const SIZES = [[24, 18, 30], [1, 1, 7], [5, 1, 3], [64, 64, 64], [17, 19, 23], [50, 36, 40], [2, 40, 2], [134, 20, 9], [96, 96, 48]];
function stress(rounds, seed, fft) {
  const { rfft3d, irfft3d, spectrumLength } = fft;
  const pool = new SharedArrayBuffer(4 * 2 * 98 * 96 * 48 * 4);
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  let differ = 0, transforms = 0;
  for (let r = 0; r < rounds; r++) {
    for (const engine of ['wasm', 'ts']) {
      for (let k = 0; k < SIZES.length; k++) {
        const [nx, ny, nz] = SIZES[(k + r) % SIZES.length];
        const d = { nx, ny, nz };
        const N = nx * ny * nz, M = spectrumLength(d);
        // consecutive transforms use overlapping views of one buffer, at shifting offsets
        const off = (r * 4 + k) % 8;
        const input = new Float32Array(pool, 0, N);
        const spec = new Float32Array(pool, 4 * (N + off), M);
        const back = new Float32Array(pool, 4 * (N + M + 2 * off), N);
        for (let i = 0; i < N; i++) input[i] = rnd();
        const ref = rfft3d(input.slice(), d, { normalize: 'forward', threads: 1, engine });
        spec.fill(NaN);
        rfft3d(input, d, { normalize: 'forward', threads: 2, engine }, spec);
        for (let i = 0; i < M; i++) if (!Object.is(spec[i], ref[i])) differ++;
        const refBack = irfft3d(ref, d, { normalize: 'forward', threads: 1, engine });
        back.fill(NaN);
        irfft3d(spec, d, { normalize: 'forward', threads: 2, engine, overwriteInput: true }, back);
        for (let i = 0; i < N; i++) if (!Object.is(back[i], refBack[i])) differ++;
        transforms += 2;
      }
    }
  }
  return { differ, transforms };
}
`;

function inWorker(rounds: number, seed: number): Promise<{ differ: number; transforms: number }> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    ${stressSource}
    import(${JSON.stringify(fft3dUrl)}).then(async (fft) => {
      const r = stress(${rounds}, ${seed}, fft);
      await fft.shutdownFftThreads();
      parentPort.postMessage(r);
    }, (e) => parentPort.postMessage({ error: String(e && e.stack || e) }));`;
  const w = new Worker(code, { eval: true });
  return new Promise((resolve, reject) => {
    w.on('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    w.on('error', reject);
  }).finally(() => w.terminate()) as Promise<{ differ: number; transforms: number }>;
}

type Stress = (rounds: number, seed: number, fft: typeof fft3d) => { differ: number; transforms: number };
const stress = new Function(`${stressSource}; return stress;`)() as Stress;
/** On this thread, after a turn of the event loop so that the workers started first run alongside. */
const stressHere = async (rounds: number, seed: number) => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return stress(rounds, seed, fft3d);
};

describe('FFT thread team under stress', () => {
  it('gives the 1-thread result for many transforms of different sizes back to back', async () => {
    const r = await stressHere(3, 1);
    expect(r.transforms).toBe(3 * 2 * 9 * 2);
    expect(r.differ).toBe(0);
  }, 120_000);

  it('gives the 1-thread result when two worker threads and the main thread transform at the same time', async () => {
    const [a, b, c] = await Promise.all([inWorker(3, 2), inWorker(3, 3), stressHere(2, 4)]);
    expect(a.differ + b.differ + c.differ).toBe(0);
    expect(a.transforms + b.transforms + c.transforms).toBe(8 * 2 * 9 * 2);
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';

const fft3dUrl = new URL('./fft3d.js', import.meta.url).href;

/** A script that does a 2-thread transform and checks one value; it must exit by itself. */
const script = `
import { rfft3d, irfft3d } from ${JSON.stringify(fft3dUrl)};
const d = { nx: 24, ny: 18, nz: 30 };
const v = new Float32Array(new SharedArrayBuffer(4 * 24 * 18 * 30));
for (let i = 0; i < v.length; i++) v[i] = Math.sin(i);
const back = irfft3d(rfft3d(v, d, { normalize: 'backward', threads: 2 }), d, { normalize: 'backward', threads: 2 });
let err = 0;
for (let i = 0; i < v.length; i++) err = Math.max(err, Math.abs(back[i] - v[i]));
const msg = 'max error ' + err;
if (typeof process.send === 'function') process.send(msg);
else console.log(msg);
`;

describe('FFT helper threads', () => {
  it('do not keep the process alive (no shutdown call needed)', () => {
    const t0 = Date.now();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(out).toMatch(/max error/);
    expect(Number(out.split(' ').pop())).toBeLessThan(1e-5);
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  it('work when the transform is called from inside a worker thread', async () => {
    const code = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(fft3dUrl)}).then(({ rfft3d, irfft3d, shutdownFftThreads }) => {
        const d = { nx: 20, ny: 21, nz: 22 };
        const v = new Float32Array(new SharedArrayBuffer(4 * 20 * 21 * 22));
        for (let i = 0; i < v.length; i++) v[i] = Math.cos(i * 0.1);
        const back = irfft3d(rfft3d(v, d, { normalize: 'forward', threads: 2 }), d, { normalize: 'forward', threads: 2 });
        let err = 0;
        for (let i = 0; i < v.length; i++) err = Math.max(err, Math.abs(back[i] - v[i]));
        return shutdownFftThreads().then(() => parentPort.postMessage(err));
      });`;
    const w = new Worker(code, { eval: true });
    const err = await new Promise<number>((resolve, reject) => { w.on('message', resolve); w.on('error', reject); });
    await w.terminate();
    expect(err).toBeLessThan(1e-5);
  });
});


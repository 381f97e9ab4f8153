import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const fft3dUrl = new URL('./fft3d.js', import.meta.url).href;
const collectGarbageUrl = new URL('../memory/collect-garbage.js', import.meta.url).href;

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

describe('FFT helper threads and memory', () => {
  it('do not keep the buffers of past transforms mapped (they collect what a pass sent them)', () => {
    // Four 2-thread transforms of 256³ (a 64 MB map, a 66 MB spectrum, a 64 MB result), every buffer
    // dropped after use; the calling thread then collects its own garbage. Without the helper's
    // own collection RSS stayed 400–530 MB above the start (measured); with it, at or below.
    const code = `
      import { rfft3d, irfft3d } from ${JSON.stringify(fft3dUrl)};
      import { collectGarbage } from ${JSON.stringify(collectGarbageUrl)};
      const mib = () => process.memoryUsage.rss() / 2 ** 20;
      const n = 256, d = { nx: n, ny: n, nz: n };
      const once = () => {
        const v = new Float32Array(new SharedArrayBuffer(4 * n ** 3));
        for (let i = 0; i < v.length; i++) v[i] = Math.sin(i * 0.01);
        irfft3d(rfft3d(v, d, { normalize: 'backward', threads: 2 }), d, { normalize: 'backward', threads: 2 });
      };
      once();
      await new Promise((resolve) => setTimeout(resolve, 100));
      collectGarbage();
      const start = mib();
      for (let k = 0; k < 4; k++) { once(); await new Promise((resolve) => setImmediate(resolve)); }
      await new Promise((resolve) => setTimeout(resolve, 100));
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 100));
      console.log(JSON.stringify({ start, end: mib() }));`;
    // run from a file: the same code given with -e happened not to show the leak (measured)
    const dir = mkdtempSync(join(tmpdir(), 'vrs-fft-memory-'));
    try {
      writeFileSync(join(dir, 'transforms.mjs'), code);
      const out = execFileSync(process.execPath, [join(dir, 'transforms.mjs')], { encoding: 'utf8', timeout: 120_000 });
      const { start, end } = JSON.parse(out) as { start: number; end: number };
      expect(end - start).toBeLessThan(100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

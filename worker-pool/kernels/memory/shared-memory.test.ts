import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../paths.js';
import { HUGE_PAGE_MIN_BYTES, loadNativeAllocator, sharedBuffer, sharedMemoryAllocator } from './shared-memory.js';

const ADDON = join(REPO_ROOT, 'build', 'Release', 'vrs_memory.node');
const MODULE = fileURLToPath(new URL('./shared-memory.js', import.meta.url));
const thp = existsSync('/sys/kernel/mm/transparent_hugepage/enabled') ? readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8') : '';
const thpOn = /\[(always|madvise)\]/.test(thp);

/** A node child running `code` (an ES module) with this module imported as `m`; its stdout parsed as JSON. */
function child(code: string, env: Record<string, string> = {}, flags: string[] = []): unknown {
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', `const m = await import(${JSON.stringify(MODULE)});\n${code}`], { env: { ...process.env, ...env }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const anonHugeKiB = `const { readFileSync } = await import('node:fs');
  const anonHuge = () => Number(/AnonHugePages:\\s+(\\d+)/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))[1]);`;

describe('sharedBuffer: zero-filled SharedArrayBuffers, big ones on huge pages', () => {
  it('gives plain-looking SharedArrayBuffers of exactly the size asked, zero-filled, small or big', () => {
    for (const bytes of [0, 12, HUGE_PAGE_MIN_BYTES - 4, HUGE_PAGE_MIN_BYTES, HUGE_PAGE_MIN_BYTES + 4 * 12_345]) {
      const b = sharedBuffer(bytes);
      expect(b).toBeInstanceOf(SharedArrayBuffer);
      expect(b.byteLength).toBe(bytes);
      expect(new Uint8Array(b).every((v) => v === 0)).toBe(true);
    }
  });

  it('is shared with a worker thread (Atomics and plain writes seen both ways)', async () => {
    const f = new Int32Array(sharedBuffer(HUGE_PAGE_MIN_BYTES * 2));
    const last = f.length - 1;
    const w = new Worker(`const { workerData: f } = require('node:worker_threads'); f[${last}] = 7; Atomics.store(f, 0, 1); Atomics.notify(f, 0);`, { eval: true, workerData: f });
    await new Promise((resolve, reject) => { w.on('exit', resolve); w.on('error', reject); });
    expect(Atomics.load(f, 0)).toBe(1);
    expect(f[last]).toBe(7);
  });

  it('uses the native allocator whenever it was built (npm ci builds it on Linux with the Node headers)', () => {
    const status = sharedMemoryAllocator();
    if (existsSync(ADDON) && process.env.VRS_HUGE_PAGES !== '0') expect(status).toEqual({ native: true, path: ADDON });
    else expect(status.native).toBe(false);
  });

  it.skipIf(!existsSync(ADDON) || !thpOn)('backs a big buffer with transparent huge pages once touched (AnonHugePages of the process grows by its size)', () => {
    const grown = child(`${anonHugeKiB}
      const before = anonHuge();
      const f = new Float32Array(m.sharedBuffer(64 << 20)); f.fill(1);
      console.log(JSON.stringify({ native: m.sharedMemoryAllocator().native, grownKiB: anonHuge() - before, sum: f[0] + f[f.length - 1] }));`) as { native: boolean; grownKiB: number; sum: number };
    expect(grown).toEqual({ native: true, grownKiB: expect.any(Number), sum: 2 });
    expect(grown.grownKiB).toBeGreaterThanOrEqual(64 * 1024);
  });

  it.skipIf(!existsSync(ADDON) || !thpOn)('unmaps a buffer when the garbage collector drops it (no leak)', () => {
    const r = child(`${anonHugeKiB}
      const before = anonHuge();
      for (let i = 0; i < 8; i++) new Float32Array(m.sharedBuffer(64 << 20)).fill(1);
      const held = anonHuge() - before;
      for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 50)); }
      console.log(JSON.stringify({ held, after: anonHuge() - before }));`, {}, ['--expose-gc']) as { held: number; after: number };
    expect(r.held).toBeGreaterThanOrEqual(256 * 1024); // some were still alive before the collection
    expect(r.after).toBeLessThan(16 * 1024);
  });

  it('a buffer made by a worker thread outlives the worker (the addon is never unloaded: its deleter stays callable)', () => {
    // Node dlcloses a worker's addons when it exits; built without -z nodelete this process crashed (SIGSEGV) at exit
    const r = child(`const { Worker } = await import('node:worker_threads');
      const code = "import(" + JSON.stringify(${JSON.stringify(MODULE)}) + ").then((m) => { const b = m.sharedBuffer(32 << 20); new Float32Array(b).fill(3); require('node:worker_threads').parentPort.postMessage({ native: m.sharedMemoryAllocator().native, b }); })";
      const got = [];
      for (let i = 0; i < 3; i++) {
        const w = new Worker(code, { eval: true, execArgv: [] }); // a CommonJS eval (not this child's --input-type=module)
        got.push(await new Promise((resolve, reject) => { w.on('message', (m) => resolve(m)); w.on('error', reject); }));
        await w.terminate();
      }
      console.log(JSON.stringify(got.map((m) => [m.native, m.b.byteLength, new Float32Array(m.b)[12345]])));`, {}, ['--expose-gc']) as unknown[];
    const native = existsSync(ADDON);
    expect(r).toEqual(Array(3).fill([native, 32 << 20, 3]));
  });

  it('falls back to plain SharedArrayBuffers: VRS_HUGE_PAGES=0, or an addon that is missing', () => {
    const off = child(`const b = m.sharedBuffer(32 << 20); console.log(JSON.stringify({ status: m.sharedMemoryAllocator(), bytes: b.byteLength, shared: b instanceof SharedArrayBuffer }));`, { VRS_HUGE_PAGES: '0' });
    expect(off).toEqual({ status: { native: false, reason: 'VRS_HUGE_PAGES=0' }, bytes: 32 << 20, shared: true });
    const missing = loadNativeAllocator(join(REPO_ROOT, 'build', 'no-such-addon.node'));
    expect(missing.allocator).toBeNull();
    expect(missing.status).toEqual({ native: false, reason: expect.stringContaining('no-such-addon.node') });
  });

  it('the install step never fails npm ci: a node-gyp that cannot run leaves the plain buffers and says why', () => {
    const script = join(REPO_ROOT, 'worker-pool', 'kernels', 'memory', 'native', 'build.mjs');
    const r = spawnSync(process.execPath, [script], { env: { ...process.env, npm_config_node_gyp: join(REPO_ROOT, 'no-such-node-gyp.js') }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('the huge-page allocator was not built');
    const skipped = spawnSync(process.execPath, [script], { env: { ...process.env, VRS_SKIP_NATIVE: '1' }, encoding: 'utf8' });
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toContain('VRS_SKIP_NATIVE=1');
  });
});

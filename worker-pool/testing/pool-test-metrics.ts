/**
 * Small metrics for the pool's and orchestrator's tests (loaded by URL as an extra metric
 * module in the workers): each exercises one behaviour of the pool, not any science.
 */
import { VrsError } from '../errors.js';
import type { MetricDefinition } from '../metrics/types.js';

type TestParams = { threshold: number; resolution: number | null; fail?: boolean };
type Def = MetricDefinition<unknown, TestParams>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sum of the voxels (float64), and the voxel count. */
const sum: Def = {
  name: 'test.sum',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: ({ volume }) => {
    let s = 0;
    for (let i = 0; i < volume.data.length; i++) s += volume.data[i];
    return { sum: s, voxels: volume.data.length, shared: volume.data.buffer instanceof SharedArrayBuffer };
  },
};

/**
 * Proves the map is shared, not copied: the worker writes a marker into voxel 1, then waits
 * for the main thread to answer by writing voxel 0, and returns what it read.
 */
const handshake: Def = {
  name: 'test.handshake',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: async ({ volume }) => {
    volume.data[1] = 7;
    const deadline = Date.now() + 10_000;
    while (volume.data[0] !== 1 && Date.now() < deadline) await sleep(2);
    return { seen: volume.data[0] };
  },
};

const noop: Def = { name: 'test.noop', version: '1', dependsOn: [], keyParams: [], compute: ({ volume }) => ({ nx: volume.nx }) };

const progress: Def = {
  name: 'test.progress',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: async (ctx) => {
    ctx.progress(0.25, 'first');
    ctx.progress(0.5, 'second');
    ctx.progress(1, 'done');
    return { ok: true };
  },
};

const throws: Def = {
  name: 'test.throws',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: () => {
    throw new VrsError('BAD_PARAMETER', 'threshold 99 is above the map maximum 3.2; choose a threshold in [−1, 3.2].');
  },
};

/** Kills its worker thread (process.exit in a worker ends only that thread). */
const crash: Def = { name: 'test.crash', version: '1', dependsOn: [], keyParams: [], compute: () => process.exit(3) };

const slow: Def = {
  name: 'test.slow',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: async () => {
    await sleep(30_000);
    return { finished: true };
  },
};

/**
 * A runaway synchronous kernel (as ⌈2/Ts⌉ dilations with Ts = 9.4e-8 Å): it never yields to the
 * event loop, so only terminating its thread stops it. It gives up by itself after 120 s.
 */
const spin: Def = {
  name: 'test.spin',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: () => {
    const until = Date.now() + 120_000;
    let x = 0;
    while (Date.now() < until) x++;
    return { spun: x };
  },
};

/** Busy for 1 s, synchronously. */
const spinBriefly: Def = {
  name: 'test.spin-briefly',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: () => {
    const t0 = Date.now();
    while (Date.now() - t0 < 1_000);
    return { spunMs: Date.now() - t0 };
  },
};

/** Sleeps VRS_TEST_NAP_MS (default 8 s): long enough to kill its process mid-job (issue 19). */
const nap: Def = {
  name: 'test.nap',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: async ({ volume }) => {
    await sleep(Number(process.env.VRS_TEST_NAP_MS ?? 8_000));
    return { nx: volume.nx };
  },
};

/** Writes an artifact and reads it back. */
const artifact: Def = {
  name: 'test.artifact',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: (ctx) => {
    const bytes = new TextEncoder().encode(`mask of ${ctx.volume.nx} voxels`);
    const ref = ctx.putArtifact(bytes, 'application/x-mrc', 'hardMask');
    const back = new TextDecoder().decode(ctx.readArtifact(ref.sha256));
    return { ref, back };
  },
};

// --- a small dependency graph for the orchestrator: mask ← (a, c), resolution-dependent d ---
const counterFile = process.env.VRS_TEST_COUNTER_DIR;

/** Counts a computation in a file per metric (workers are separate threads; files are shared). */
async function count(name: string): Promise<void> {
  if (!counterFile) return;
  const { appendFileSync } = await import('node:fs');
  appendFileSync(`${counterFile}/${name}.count`, 'x');
}

const mask: Def = {
  name: 'test.mask',
  version: '1',
  dependsOn: [],
  keyParams: ['threshold'],
  compute: async (ctx) => {
    await count('test.mask');
    let n = 0;
    for (const v of ctx.volume.data) if (v >= ctx.params.threshold) n++;
    const bytes = new Uint8Array(ctx.volume.data.length);
    ctx.volume.data.forEach((v, i) => (bytes[i] = v >= ctx.params.threshold ? 1 : 0));
    const ref = ctx.putArtifact(bytes, 'application/x-mrc', 'hardMask');
    return { voxels: n, maskSha256: ref.sha256 };
  },
};

const sectionA: Def = {
  name: 'test.a',
  version: '1',
  dependsOn: ['test.mask'],
  keyParams: ['threshold'],
  compute: async (ctx) => {
    await count('test.a');
    const m = ctx.deps['test.mask'] as { voxels: number; maskSha256: string };
    const bytes = ctx.readArtifact(m.maskSha256);
    return { id: '0.a', status: 'OK', maskVoxels: m.voxels, readBack: bytes.reduce((a, b) => a + b, 0) };
  },
};

const sectionC: Def = {
  name: 'test.c',
  version: '1',
  dependsOn: ['test.mask'],
  keyParams: ['threshold'],
  compute: async (ctx) => {
    await count('test.c');
    const m = ctx.deps['test.mask'] as { voxels: number };
    return { id: '0.c', status: 'OK', background: ctx.volume.data.length - m.voxels };
  },
};

const sectionD: Def = {
  name: 'test.d',
  version: '1',
  dependsOn: ['test.mask'],
  keyParams: ['threshold', 'resolution'],
  compute: async (ctx) => {
    await count('test.d');
    if (ctx.params.resolution === null) return { id: '0.d', status: 'NOT_APPLICABLE', statusReason: 'no resolution' };
    return { id: '0.d', status: 'OK', resolution: ctx.params.resolution };
  },
};

/** Fails while the file VRS_TEST_COUNTER_DIR/fail-flaky exists (to test a stored failure and its retry). */
const flaky: Def = {
  name: 'test.flaky',
  version: '1',
  dependsOn: [],
  keyParams: ['threshold'],
  compute: async () => {
    await count('test.flaky');
    const { existsSync } = await import('node:fs');
    if (counterFile && existsSync(`${counterFile}/fail-flaky`)) {
      throw new VrsError('BAD_PARAMETER', 'flaky metric asked to fail');
    }
    return { ok: true };
  },
};

/** Fills a 256 MB SharedArrayBuffer of its own and drops it, as a section drops its spectra. */
const scratch: Def = {
  name: 'test.scratch',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: () => {
    const words = new Float64Array(new SharedArrayBuffer(256 << 20));
    words.fill(1);
    return { words: words.length };
  },
};

/**
 * Computes for 300 ms without yielding to its event loop, as a section does, then reads the
 * process's resident memory (MiB): what the worker's previous task still has mapped by then.
 */
const rssWhileBusy: Def = {
  name: 'test.rss-while-busy',
  version: '1',
  dependsOn: [],
  keyParams: [],
  compute: () => {
    const until = performance.now() + 300;
    while (performance.now() < until);
    return { rssMiB: process.memoryUsage.rss() / 2 ** 20 };
  },
};

export const metrics: Def[] = [sum, handshake, noop, progress, throws, crash, slow, spin, spinBriefly, nap, artifact, mask, sectionA, sectionC, sectionD, flaky, scratch, rssWhileBusy];

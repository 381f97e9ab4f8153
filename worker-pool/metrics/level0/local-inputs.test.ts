/**
 * 0.f/0.g and their input 'level0.resampled' (the map resampled to R/2) on small maps where
 * things go wrong: the sections' own reasons (no resolution, R ≥ 15 Å) win and nothing is
 * resampled for them; an empty mask on the resampled map says it happens there; 0.f without a
 * noise region is NO_BACKGROUND. The registered metrics are run as the orchestrator runs them
 * (dependencies first) with an in-memory store.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFloat32, type Volume } from '../../volume.js';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import { isVrsError } from '../../errors.js';
import { mulberry32 } from '../../synthetic/random.js';
import type { Level0Params, MetricDefinition } from '../types.js';
import { memoryMetricContext } from '../memory-context.js';
import { level0Metrics, type ResampledResult } from './index.js';
import { computeLocalBFactor } from './local-bfactor/compute.js';
import type { LocalAnalysis } from './local-record.js';

afterAll(() => shutdownFftThreads());

const byName = new Map(level0Metrics.map((m) => [m.name, m as MetricDefinition]));

/** Runs `name` after its dependencies (as services/compute/orchestrator.ts does); blobs = the artifacts written. */
async function run(name: string, volume: Volume, params: Level0Params, blobs = new Map<string, Uint8Array>(), done = new Map<string, unknown>()): Promise<unknown> {
  if (done.has(name)) return done.get(name);
  const def = byName.get(name)!;
  const deps: Record<string, unknown> = {};
  for (const d of def.dependsOn) deps[d] = await run(d, volume, params, blobs, done);
  const result = await def.compute(memoryMetricContext(volume, params, deps, blobs));
  done.set(name, result);
  return result;
}

/** Error thrown by an async call, as { code, message }. */
async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isVrsError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a VrsError, got a result');
}

const n = 32;
const vol = (data: Float32Array, Ts = 1): Volume => ({ nx: n, ny: n, nz: n, data, voxelSize: { x: Ts, y: Ts, z: Ts }, origin: { x: 0, y: 0, z: 0 } });
const params = (resolution: number | null, threshold = 0.5): Level0Params => ({ threshold, resolution, profile: 'standard', voxelSize: 1 });

/** One voxel of 1 at the centre: the original mask (V ≥ 0.5) has it; resampled to R/2 ≥ 4 Å it is smoothed to ≈ 1/64. */
function spike(): Float32Array {
  const data = sharedFloat32(n * n * n);
  data[(n / 2) * n * n + (n / 2) * n + n / 2] = 1;
  return data;
}

describe('0.f/0.g applicability comes before the resampling', () => {
  for (const R of [15, 20]) {
    it(`R = ${R} Å: nothing is resampled and both sections say the resolution is not finer than 15 Å`, async () => {
      const blobs = new Map<string, Uint8Array>();
      const done = new Map<string, unknown>();
      // the resampled spike would have an empty mask: this must not be reached
      const rs = (await run('level0.resampled', vol(spike()), params(R), blobs, done)) as ResampledResult;
      expect(rs.applicable).toBe(false);
      expect(rs.artifacts).toBeNull();
      expect(blobs.size).toBe(0);
      for (const [name, id] of [['level0.localBFactor', '0.f'], ['level0.localOccupancy', '0.g']] as const) {
        const rec = (await run(name, vol(spike()), params(R), blobs, done)) as LocalAnalysis;
        expect(rec.id).toBe(id);
        expect(rec.status).toBe('FAILED');
        expect(rec.statusReason).toMatch(new RegExp(`reported resolution, ${R} Å, is not finer than 15 Å`));
        expect(rec.percentiles).toBeNull();
      }
      expect(blobs.size).toBe(0);
    });
  }

  it('without a resolution: NOT_APPLICABLE, nothing resampled', async () => {
    const blobs = new Map<string, Uint8Array>();
    for (const name of ['level0.localBFactor', 'level0.localOccupancy']) {
      const rec = (await run(name, vol(spike()), params(null), blobs)) as LocalAnalysis;
      expect(rec.status).toBe('NOT_APPLICABLE');
    }
    expect(blobs.size).toBe(0);
  });
});

describe('empty mask on the map resampled to R/2', () => {
  it('says that it happens on the map resampled to R/2 = 4 Å (code THRESHOLD_EMPTY_MASK), for both sections', async () => {
    for (const name of ['level0.resampled', 'level0.localBFactor', 'level0.localOccupancy']) {
      const e = await rejection(run(name, vol(spike()), params(8)));
      expect(e.code).toBe('THRESHOLD_EMPTY_MASK');
      expect(e.message).toMatch(/resampled to R\/2 = 4 Å/);
      expect(e.message).toMatch(/although the original map has some/);
      expect(e.message).toMatch(/try a threshold below 0\.0\d+/);
    }
  });

  it('when the original map has no voxel at the threshold either, it says so', async () => {
    const e = await rejection(run('level0.resampled', vol(spike()), params(8, 2)));
    expect(e.code).toBe('THRESHOLD_EMPTY_MASK');
    expect(e.message).toMatch(/on the original map and on the map resampled to R\/2 = 4 Å/);
  });
});

describe('0.f without a noise region', () => {
  const ctx = { putArtifact: () => ({ sha256: 'x', mediaType: '', role: '', sizeBytes: 0 }), progress: () => undefined };

  it('a hard mask over the inscribed sphere is NO_BACKGROUND (corners outside it do not count)', () => {
    const m = 16;
    const d = { nx: m, ny: m, nz: m };
    const rnd = mulberry32(3);
    const map = sharedFloat32(m * m * m).map(() => rnd());
    const hard = new Uint8Array(map.length);
    // everything except the eight corner voxels (outside the sphere of radius 8 about (8, 8, 8))
    for (let i = 0; i < hard.length; i++) {
      const x = i % m, y = Math.floor(i / m) % m, z = Math.floor(i / (m * m));
      hard[i] = (x === 0 || x === m - 1) && (y === 0 || y === m - 1) && (z === 0 || z === m - 1) ? 0 : 1;
    }
    const input = { map, hard, dims: d, voxelSize: { x: 4, y: 4, z: 4 }, origin: { x: 0, y: 0, z: 0 } };
    let err: unknown;
    try {
      computeLocalBFactor(input, 8, ctx);
    } catch (e) {
      err = e;
    }
    expect(isVrsError(err) && err.code).toBe('NO_BACKGROUND');
    expect((err as Error).message).toMatch(/resampled to R\/2 = 4 Å/);
    expect((err as Error).message).toMatch(/Raise the threshold/);
    // one background voxel inside the sphere is enough to measure
    hard[(m / 2) * m * m + (m / 2) * m + 2] = 0;
    expect(computeLocalBFactor(input, 8, ctx).status).not.toBe('FAILED');
  });

  it('a constant map (its resampled mask fills the box): 0.f is NO_BACKGROUND, 0.g is measured', async () => {
    const data = sharedFloat32(n * n * n).fill(1);
    const e = await rejection(run('level0.localBFactor', vol(data), params(8)));
    expect(e.code).toBe('NO_BACKGROUND');
    const occ = (await run('level0.localOccupancy', vol(data), params(8))) as LocalAnalysis;
    expect(occ.percentiles).not.toBeNull();
  });
});

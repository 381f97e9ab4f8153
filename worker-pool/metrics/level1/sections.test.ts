/**
 * Level 1's 1.c, 1.e and 1.h at compute level, on half maps of known local and directional
 * resolution (worker-pool/testing/local-resolution-halves.ts): record shapes and parameters,
 * the local maps stored as MRC artifacts, the criteria (VRS §5) on hand-made local maps and on
 * pairs whose truth is known, the metric's wiring (inputs by role, the masks dependency).
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import { viewMapBuffer } from '../../io/mrc/view.js';
import { anisotropicHalves, twoResolutionHalves } from '../../testing/local-resolution-halves.js';
import type { MetricContext } from '../types.js';
import { gradeLocalResolution } from './local-common.js';
import { computeLocalFsc, localFscBox } from './local-fsc/compute.js';
import { localFscSection } from './local-fsc/index.js';
import { computeHalfMonoRes, halfMonoResMap } from './monores/compute.js';
import { percentiles } from '../../kernels/stats/index.js';
import { computeDirectionalFsc } from './directional-fsc/compute.js';
import { LOCAL_ANALYSIS } from '../level0/local-record.js';
import { checkLevel, type SectionDeclaration } from '../levels.js';
import { monoResSection } from './monores/index.js';
import { directionalFscSection } from './directional-fsc/index.js';
import { LOCAL_FSC_ANALYSIS } from './local-fsc/record.js';
import { HALF_MONORES_ANALYSIS } from './monores/record.js';

afterAll(() => shutdownFftThreads());

const ctx = () => {
  const blobs = new Map<string, Uint8Array>();
  return {
    blobs,
    putArtifact(bytes: Uint8Array, mediaType: string, role: string) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      blobs.set(sha256, bytes);
      return { sha256, mediaType, role, sizeBytes: bytes.byteLength };
    },
    progress: () => undefined,
  };
};
const origin = { x: 0, y: 0, z: 0 };

describe('Level 1 local resolution records (1.c, 1.e)', () => {
  it('grade a local map as VRS: percentile of R, warning below 0.1 %', () => {
    const d = { nx: 10, ny: 10, nz: 10 };
    // 1000 voxels: one at 2 Å, the rest 3 … 5 Å; a zero voxel is not measured
    const local = Float32Array.from({ length: 1000 }, (_, i) => (i === 0 ? 2 : i === 1 ? 0 : 3 + (2 * i) / 1000));
    const g = (resolution: number) => gradeLocalResolution(ctx(), {
      id: '1.c', texts: { title: 't', explanation: '', criteria: '', algorithm: '', algorithmVersion: '1' }, method: 'm',
      local, d, voxelSize: 1, origin, resolution, role: 'r', label: 'l',
    });
    const ok = g(3.5);
    expect(ok.voxels).toBe(999);
    // below 3.5 Å: the 2 Å voxel and i = 2 … 249 (3 + 2i/1000 < 3.5)
    expect(ok.reportedResolutionPercentile).toBeCloseTo((100 * 249) / 999, 10);
    expect(ok.status).toBe('OK');
    const warn = g(2.5);
    expect(warn.reportedResolutionPercentile).toBeCloseTo(100 / 999, 10); // 0.1001 %: not below 0.1 %
    expect(warn.status).toBe('OK');
    const below = g(1.9);
    expect(below.reportedResolutionPercentile).toBe(0);
    expect(below.status).toBe('WARNING');
    expect(below.warnings[0]).toContain('1.90 Å');
  });

  it('1.c: box 6·R, step box/4, the local map as an MRC artifact, medians near the truth', () => {
    expect(localFscBox(4, 1)).toBe(24);
    expect(localFscBox(1, 1)).toBe(16);
    expect(localFscBox(20, 1)).toBe(48);
    const h = twoResolutionHalves([4, 8], { n: 64, bFactor: 100 });
    const c = ctx();
    const hard = new Uint8Array(h.half1.length).fill(1);
    const r = computeLocalFsc({ ...h, hard, origin, resolution: 4 }, c);
    expect(r.id).toBe('1.c');
    expect(r.boxSize).toBe(24);
    // a step of 24/4 = 6 voxels: ceil(64/6) = 11 positions, rounded up to 12 (2²·3) for the FFT
    expect(r.step).toBeCloseTo(64 / 12, 10);
    expect(r.fscThreshold).toBe(0.5);
    expect(r.positions).toBe(12 ** 3);
    expect(r.voxels).toBe(64 ** 3);
    expect(r.percentiles!.p25).toBeGreaterThan(3.4);
    expect(r.percentiles!.p97_5).toBeLessThan(9.2);
    const mrc = viewMapBuffer(c.blobs.get(r.mapSha256!)!);
    expect(mrc.nx).toBe(64);
    expect(Math.max(...mrc.data.subarray(0, 4096))).toBeGreaterThan(3);
    expect(r.status).toBe('OK');
    expect(Object.keys(LOCAL_FSC_ANALYSIS.fields).sort()).toEqual([...Object.keys(LOCAL_ANALYSIS.fields), 'boxSize', 'step', 'fscThreshold', 'positions'].sort());
  });

  it('1.c and 1.e do not apply without a reported resolution', () => {
    const h = twoResolutionHalves([4, 8], { n: 16 });
    const hard = new Uint8Array(h.half1.length).fill(1);
    expect(computeLocalFsc({ ...h, hard, origin, resolution: null }, ctx()).status).toBe('NOT_APPLICABLE');
    expect(computeHalfMonoRes({ ...h, hard, origin, resolution: null }, ctx()).status).toBe('NOT_APPLICABLE');
  });

  it('1.e: MonoRes of the halves inside the mask, the sweep from max(10, 5R), 0 outside the mask', () => {
    const h = twoResolutionHalves([4, 8], { n: 64, bFactor: 100 });
    const hard = new Uint8Array(h.half1.length);
    // the mask: a centred cube of 40 voxels (the sweep then runs on its box plus a margin)
    for (let z = 12; z < 52; z++) for (let y = 12; y < 52; y++) for (let x = 12; x < 52; x++) hard[x + 64 * (y + 64 * z)] = 1;
    const c = ctx();
    const r = computeHalfMonoRes({ ...h, hard, origin, resolution: 4 }, c);
    expect(r.id).toBe('1.e');
    expect(r.maxResolution).toBe(20);
    expect(r.minResolution).toBe(2);
    expect(r.step).toBe(0.5);
    expect(r.voxels).toBe(40 ** 3);
    const mrc = viewMapBuffer(c.blobs.get(r.mapSha256!)!);
    expect(mrc.data[0]).toBe(0);
    expect(r.percentiles!.p50).toBeGreaterThan(3.4);
    expect(r.percentiles!.p50).toBeLessThan(9.2);
    expect(Object.keys(HALF_MONORES_ANALYSIS.fields)).toContain('maxResolution');
  });

  it('1.e as the section runs it (cubic box, band limit 1.25 × the FSC 0.143 frequency): 4 Å and 8 Å regions, medians within 15 %', () => {
    const h = twoResolutionHalves([4, 8], { n: 96, bFactor: 100 });
    const hard = new Uint8Array(h.half1.length).fill(1);
    const r = halfMonoResMap({ ...h, hard, origin, resolution: 4 }, 20);
    // the halves' FSC falls below 0.143 near 1/4 Å⁻¹: Nyquist 1.25/4 Å⁻¹ → a 64³ box at 1.5 Å
    expect(r.sweepVoxelSize).toBe(1.5);
    const median = (region: number) => percentiles(r.local, [50], { mask: Uint8Array.from(h.region, (v) => (v === region ? 1 : 0)) })[0]!;
    const m4 = median(0), m8 = median(1);
    expect(Math.abs(m4 - 4) / 4).toBeLessThan(0.15);
    expect(Math.abs(m8 - 8) / 8).toBeLessThan(0.15);
    expect(m8 / m4).toBeGreaterThan(1.5);
  });

  it('1.c metric: reads half1, half2 and the masks dependency from the context', async () => {
    const h = twoResolutionHalves([4, 8], { n: 32 });
    const c = ctx();
    const hard = new Uint8Array(h.half1.length).fill(1);
    const maskRef = c.putArtifact(hard, 'application/x-vrs-mask-u8', 'hardMask');
    const softRef = c.putArtifact(new Uint8Array(new Float32Array(hard.length).fill(1).buffer), 'application/x-vrs-map-f32', 'softMask');
    const vol = (data: Float32Array) => ({ ...h.d, data, voxelSize: { x: 1, y: 1, z: 1 }, origin });
    const mctx = {
      ...c,
      volume: vol(h.half1),
      inputs: { map: vol(h.half1), half1: vol(h.half1), half2: vol(h.half2) },
      params: { threshold: 0, resolution: 4, voxelSize: 1, profile: 'standard' },
      deps: { 'level0.masks': { artifacts: { raw: maskRef, hard: maskRef } }, 'level0.softMask': { artifacts: { soft: softRef } } },
      readArtifact: (sha: string) => c.blobs.get(sha)!,
    } as unknown as MetricContext;
    expect(localFscSection.metric.inputs).toEqual(['map', 'half1', 'half2']);
    const r = await localFscSection.metric.compute(mctx);
    expect(r.voxels).toBe(32 ** 3);
    expect(r.boxSize).toBe(24);
  });
});

describe('Level 1 section declarations', () => {
  it('fit a level named level1 (metric names level1.<field>, unique fields, section records), in VRS order, reading the half maps', () => {
    const sections = [localFscSection, monoResSection, directionalFscSection] as SectionDeclaration[];
    expect(() => checkLevel({
      id: '1', field: 'level1', typeName: 'Level1', chapterTitle: 'Level 1 analysis', description: '', typeDescription: '',
      inputs: ['map', 'half1', 'half2'], params: 'mapAnalysis', sections, supportMetrics: [], noResolutionNotice: null,
    })).not.toThrow();
    expect(sections.map((s) => [s.id, s.field])).toEqual([['1.c', 'localFsc'], ['1.e', 'monoRes'], ['1.h', 'directionalFsc']]);
    for (const s of sections) {
      expect(s.metric.inputs).toEqual(['map', 'half1', 'half2']);
      const empty = s.empty('NOT_APPLICABLE', 'why');
      expect(empty.id).toBe(s.id);
      // the empty record has every field of the schema
      for (const f of Object.keys(s.record.fields)) expect(empty).toHaveProperty(f);
    }
  });
});

describe('Level 1 directional resolution (1.h)', () => {
  it('anisotropic pair: per-axis resolutions from 4 Å (x, y) to 8 Å (z), spread, sphericity < 1; VRS criterion', () => {
    const h = anisotropicHalves(4, 8, { n: 64 });
    const r = computeDirectionalFsc({ ...h, resolution: 4 }, ctx());
    expect(r.directions).toHaveLength(321);
    const zAxis = r.directions.find((a) => Math.abs(a.z) > 0.9999)!;
    const xAxis = r.directions.find((a) => Math.abs(a.x) > 0.9999)!;
    expect(zAxis.resolution).toBeGreaterThan(1.5 * xAxis.resolution);
    expect(r.minResolution).toBeCloseTo(Math.min(...r.directions.map((a) => a.resolution)), 12);
    expect(r.maxResolution).toBeCloseTo(zAxis.resolution, 12);
    expect(r.sdResolution).toBeGreaterThan(0.5);
    expect(r.sphericity).toBeLessThan(0.95);
    expect(r.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(321);
    expect(r.curve[0]!.frequency).toBeCloseTo(1 / 64, 12);
    // R = 4 against a global ≈ 4.3 Å: 4 ≥ 0.8 × 4.3, OK; R = 3 is below 0.8 × it: warning
    expect(r.globalResolution!).toBeGreaterThan(3.8);
    expect(r.globalResolution!).toBeLessThan(5);
    expect(r.status).toBe('OK');
    const warn = computeDirectionalFsc({ ...h, resolution: 3 }, ctx());
    expect(warn.status).toBe('WARNING');
    expect(warn.warnings[0]).toContain('0.8 times');
  });

  it('warns when it cannot be computed (identical halves: the FSC never falls below 0.143)', () => {
    const h = anisotropicHalves(4, 4, { n: 32 });
    const r = computeDirectionalFsc({ half1: h.half1, half2: h.half1, d: h.d, voxelSize: 1, resolution: 4 }, ctx());
    expect(r.globalResolution).toBeNull();
    expect(r.status).toBe('WARNING');
    expect(r.warnings.every((w) => w.startsWith('The directional resolution could not be computed'))).toBe(true);
    expect(r.uncrossedAxes).toBe(321);
  });

  it('does not apply without a reported resolution', () => {
    const h = anisotropicHalves(4, 4, { n: 16 });
    expect(computeDirectionalFsc({ ...h, resolution: null }, ctx()).status).toBe('NOT_APPLICABLE');
  });
});

/**
 * 1.c Local FSC (VRS 1.c, BlocRes in VRS): the local FSC of the half maps in a soft box sliding
 * on a grid (kernels/local-fsc.ts), the resolution where it first falls below 0.5 (BlocRes's
 * default) at every position, interpolated to the voxels of the hard mask; graded as 0.e.
 * Box: 6·R Å rounded to an even number of voxels in [16, 48] (the band width 1/box must be
 * finer than R: 3 bands below it); step: box/4, rounded to an FFT-friendly grid.
 */
import { interpolateGrid, localFsc } from '../../../kernels/local-fsc.js';
import type { MetricContext } from '../../types.js';
import type { LocalAnalysis } from '../../level0/local-record.js';
import { emptyLocalRecord } from '../../level0/local-statistics.js';
import { gradeLocalResolution, type LocalHalvesInput } from '../local-common.js';
import { LEVEL1_NO_RESOLUTION_REASON } from '../local-texts.js';
import type { LocalFscAnalysis } from './record.js';
import { LOCAL_FSC_CRITERIA, LOCAL_FSC_EXPLANATION, LOCAL_FSC_METHOD, LOCAL_FSC_TITLE } from './texts.js';

export const LOCAL_FSC_VERSION = '1';
export const LOCAL_FSC_THRESHOLD = 0.5;

const TEXTS = {
  title: LOCAL_FSC_TITLE,
  explanation: LOCAL_FSC_EXPLANATION,
  criteria: LOCAL_FSC_CRITERIA,
  algorithm:
    'Local FSC of the half maps in a Gaussian window of σ = box/(2√π) (the effective volume of the box), per band of ' +
    'width 1/box (raised-cosine shells) by windowed sums of the band-passed halves; box = 6·R rounded to an even number ' +
    'of voxels in [16, 48]; positions every ≈ box/4; resolution where the FSC first falls below 0.5 (linear ' +
    'interpolation between bands); trilinear interpolation to the hard mask.',
  algorithmVersion: LOCAL_FSC_VERSION,
};

/** Box edge in voxels for a reported resolution: 6·R Å, even, in [16, 48]. */
export function localFscBox(resolution: number, voxelSize: number): number {
  return Math.min(48, Math.max(16, 2 * Math.round((3 * resolution) / voxelSize)));
}

const withParams = (r: LocalAnalysis, p: Partial<LocalFscAnalysis> = {}): LocalFscAnalysis =>
  ({ boxSize: null, step: null, fscThreshold: null, positions: null, ...r, ...p });

export function emptyLocalFsc(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): LocalFscAnalysis {
  return withParams(emptyLocalRecord('1.c', TEXTS, LOCAL_FSC_METHOD, 'Å', status, reason));
}

export function computeLocalFsc(input: LocalHalvesInput, ctx: Pick<MetricContext, 'putArtifact' | 'progress'>, options: { threads?: number; box?: number } = {}): LocalFscAnalysis {
  const { d, hard, voxelSize: ts, resolution } = input;
  if (resolution === null) return emptyLocalFsc('NOT_APPLICABLE', LEVEL1_NO_RESOLUTION_REASON);
  const box = options.box ?? localFscBox(resolution, ts);
  const r = localFsc(input.half1, input.half2, d, {
    box, threshold: LOCAL_FSC_THRESHOLD, mask: hard, threads: options.threads,
    onBand: (k, of) => ctx.progress(k / of, 'local FSC'),
  });
  const atPositions = Float32Array.from(r.crossing, (f) => ts / f);
  const local = interpolateGrid(atPositions, r.grid, d, hard);
  let positions = 0;
  for (let l = 0; l < r.grid.nz; l++) for (let j = 0; j < r.grid.ny; j++) for (let q = 0; q < r.grid.nx; q++) {
    const x = Math.round((q * d.nx) / r.grid.nx) % d.nx, y = Math.round((j * d.ny) / r.grid.ny) % d.ny, z = Math.round((l * d.nz) / r.grid.nz) % d.nz;
    if (hard[x + d.nx * (y + d.ny * z)]) positions++;
  }
  const graded = gradeLocalResolution(ctx, {
    id: '1.c', texts: TEXTS, method: LOCAL_FSC_METHOD, local, d, voxelSize: ts, origin: input.origin, resolution,
    role: 'localFscMap', label: 'VRS 1.c local resolution (A), local FSC of the half maps',
  });
  return withParams(graded, { boxSize: box * ts, step: (ts * d.nx) / r.grid.nx, fscThreshold: LOCAL_FSC_THRESHOLD, positions });
}

/**
 * 1.h Directional FSC (VRS 1.h, 3DFSC in VRS): kernels/directional-fsc.ts on the unmasked half
 * maps (3DFSC without a mask), cones of 20° half-angle about the 321 axes of a level-3
 * icosphere; per-axis 0.143 resolutions, their spread, the sphericity of the 0.5 surface; VRS's
 * criterion: warn if R < 0.8 × the global 0.143 resolution, or if it cannot be computed (the
 * global or a directional FSC never falls below 0.143).
 */
import type { Dims } from '../../../volume.js';
import { directionalFsc } from '../../../kernels/directional-fsc.js';
import { histogram } from '../../../kernels/stats/index.js';
import { emptySectionBase } from '../../levels.js';
import type { MetricContext } from '../../types.js';
import { sectionBase } from '../../level0/section.js';
import { HISTOGRAM_BINS } from '../../level0/local-statistics.js';
import { LEVEL1_NO_RESOLUTION_REASON } from '../local-texts.js';
import type { DirectionalFscAnalysis, DirectionalFscPoint } from './record.js';
import {
  DIRECTIONAL_FSC_CRITERIA,
  DIRECTIONAL_FSC_EXPLANATION,
  DIRECTIONAL_FSC_TITLE,
  DIRECTIONAL_NO_GLOBAL,
  DIRECTIONAL_UNCROSSED,
  directionalFscWarnings,
} from './texts.js';

export const DIRECTIONAL_FSC_VERSION = '1';
export const CONE_ANGLE = 20;
const THRESHOLD = 0.143;
const SPHERICITY_THRESHOLD = 0.5;

const TEXTS = {
  title: DIRECTIONAL_FSC_TITLE,
  explanation: DIRECTIONAL_FSC_EXPLANATION,
  criteria: DIRECTIONAL_FSC_CRITERIA,
  algorithm:
    'FSC of the unmasked half maps in cones of 20° half-angle about the 321 axes of a level-3 geodesic icosphere ' +
    '(shells of width 1/(N·Ts); coefficients binned by axis on a 3×32×32 cube map, a cone = the bins whose centre is ' +
    'within 20°; a cone shell with fewer than 20 coefficients keeps the value below it); per-axis resolution at the ' +
    'first 0.143 crossing from shell 2 (linear interpolation); sphericity π^⅓(6V)^⅔/A of the icosphere surface with ' +
    'each vertex at its axis\'s 0.5 crossing.',
  algorithmVersion: DIRECTIONAL_FSC_VERSION,
};

export function emptyDirectionalFsc(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): DirectionalFscAnalysis {
  return {
    ...emptySectionBase('1.h', DIRECTIONAL_FSC_TITLE, status, reason),
    coneAngle: null, fscThreshold: null, sphericityThreshold: null, globalResolution: null, meanResolution: null,
    sdResolution: null, minResolution: null, maxResolution: null, uncrossedAxes: null, sphericity: null,
    directions: [], curve: [], histogram: null,
  };
}

export interface DirectionalFscInput {
  half1: Float32Array;
  half2: Float32Array;
  d: Dims;
  voxelSize: number;
  resolution: number | null;
}

export function computeDirectionalFsc(input: DirectionalFscInput, ctx: Pick<MetricContext, 'progress'>, options: { threads?: number } = {}): DirectionalFscAnalysis {
  const { resolution } = input;
  if (resolution === null) return emptyDirectionalFsc('NOT_APPLICABLE', LEVEL1_NO_RESOLUTION_REASON);
  ctx.progress(0, 'directional FSC');
  const r = directionalFsc(input.half1, input.half2, input.d, { voxelSize: input.voxelSize, coneAngle: CONE_ANGLE, threshold: THRESHOLD, sphericityThreshold: SPHERICITY_THRESHOLD, threads: options.threads });
  const res = Float64Array.from(r.crossing, (f) => 1 / f);
  let sum = 0, sum2 = 0, min = Infinity, max = -Infinity, uncrossed = 0;
  for (let j = 0; j < res.length; j++) {
    sum += res[j]!;
    sum2 += res[j]! * res[j]!;
    min = Math.min(min, res[j]!);
    max = Math.max(max, res[j]!);
    uncrossed += r.neverCrossed[j]!;
  }
  const mean = sum / res.length;
  const globalResolution = r.globalCrossing === null ? null : 1 / r.globalCrossing;
  const warnings: string[] = [];
  if (globalResolution === null) warnings.push(directionalFscWarnings.notComputed(DIRECTIONAL_NO_GLOBAL));
  else if (resolution < 0.8 * globalResolution) warnings.push(directionalFscWarnings.resolution(resolution, globalResolution));
  if (uncrossed > 0) warnings.push(directionalFscWarnings.notComputed(DIRECTIONAL_UNCROSSED(uncrossed)));
  const curve: DirectionalFscPoint[] = [];
  for (let k = 1; k < r.frequencies.length; k++) {
    let s = 0, s2 = 0, lo = Infinity, hi = -Infinity;
    for (const c of r.fsc) {
      const v = c[k]!;
      s += v;
      s2 += v * v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const m = s / r.fsc.length;
    const f = r.frequencies[k]!;
    curve.push({ frequency: f, resolution: 1 / f, global: Number.isNaN(r.global[k]!) ? 0 : r.global[k]!, mean: m, sd: Math.sqrt(Math.max(0, s2 / r.fsc.length - m * m)), min: lo, max: hi });
  }
  const h = histogram(res, HISTOGRAM_BINS);
  ctx.progress(1, 'directional FSC');
  return {
    ...sectionBase('1.h', TEXTS, warnings),
    coneAngle: CONE_ANGLE,
    fscThreshold: THRESHOLD,
    sphericityThreshold: SPHERICITY_THRESHOLD,
    globalResolution,
    meanResolution: mean,
    sdResolution: Math.sqrt(Math.max(0, sum2 / res.length - mean * mean)),
    minResolution: min,
    maxResolution: max,
    uncrossedAxes: uncrossed,
    sphericity: Number.isFinite(r.sphericity) ? r.sphericity : null,
    directions: r.axes.map((a, j) => ({ x: a.x, y: a.y, z: a.z, resolution: res[j]! })),
    curve,
    histogram: { binEdges: [...h.edges], counts: [...h.counts] },
  };
}

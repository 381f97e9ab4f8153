/**
 * Level 0 inputs (Decision 4): the threshold comes from the user, else the EMDB header's
 * primary contour, else it is estimated as the level above which 1 % of the voxels lie
 * (numpy.percentile(V, 99), linear interpolation); the source is always reported.
 * The voxel size is the map's (cubic) voxel size unless the user overrides it.
 * The checks here are shared by `vrs validate` (on the map just read) and the graph (on the
 * stored map record), so both refuse the same inputs with the same codes and messages.
 */
import { VrsError } from '../../errors.js';
import { checkPlausibleGeometry } from '../../io/mrc/geometry-limits.js';
import type { Vec3 } from '../../volume.js';
import { percentiles } from '../../kernels/stats/index.js';
import type { ContourSource } from '../section-record.js';

export interface ThresholdChoice {
  threshold: number;
  source: ContourSource;
}

/** The level above which 1 % of the voxels lie. */
export function estimateThreshold(data: Float32Array): number {
  return percentiles(data, [99])[0]!;
}

export function resolveThreshold(input: { user?: number | null; emdbContour?: number | null; data: Float32Array }): ThresholdChoice {
  if (input.user !== undefined && input.user !== null) {
    if (!Number.isFinite(input.user)) throw new VrsError('BAD_PARAMETER', `The threshold must be a finite number, got ${input.user}.`);
    return { threshold: input.user, source: 'USER' };
  }
  if (input.emdbContour !== undefined && input.emdbContour !== null && Number.isFinite(input.emdbContour)) {
    return { threshold: input.emdbContour, source: 'EMDB_HEADER' };
  }
  return { threshold: estimateThreshold(input.data), source: 'ESTIMATED' };
}

/** Relative spread of the three voxel sizes above which a map is not taken as cubic (0.5 %). */
export const CUBIC_TOLERANCE = 0.005;

/** Stands for any format finding (the reader's FormatIssue, the graph's FormatIssueRecord). */
interface Finding {
  code: string;
}

/**
 * The analysis voxel size Ts. Level 0 works on cubic voxels (one Ts for every axis, as Xmipp
 * does): a map whose x, y, z voxel sizes differ by more than 0.5 % is refused with advice,
 * rather than measured with the wrong sampling along two axes. A header without a voxel size
 * (CELLA or MX/MY/MZ zero: the reader puts in 1 Å and reports MRC_VOXEL_SIZE_DEFAULTED) is
 * refused too, since every length in Å would be wrong. A user-given size is taken as the
 * user's statement of the sampling. Either way a voxel size or box (`dimensions`, voxels) no
 * cryo-EM map has is refused (MAP_IMPLAUSIBLE_GEOMETRY, io/mrc/geometry-limits.ts) before
 * anything derives iteration counts from it.
 */
export function resolveVoxelSize(map: { voxelSize: Vec3; formatIssues?: readonly Finding[]; dimensions?: Vec3 }, override?: number | null): number {
  const v = map.voxelSize;
  if (override == null) {
    if (map.formatIssues?.some((f) => f.code === 'MRC_VOXEL_SIZE_DEFAULTED')) {
      throw new VrsError('MAP_NO_VOXEL_SIZE',
        'The map header gives no voxel size (CELLA or MX/MY/MZ is zero or negative), so every length in Å would be wrong; ' +
        'give the voxel size in Å with the voxel-size option (vrs validate --voxel-size), or write it into the header ' +
        '(mrcfile: m.voxel_size = …) and register the map again.');
    }
    const sizes = [v.x, v.y, v.z];
    const spread = (Math.max(...sizes) - Math.min(...sizes)) / Math.min(...sizes);
    if (sizes.every((s) => s > 0 && Number.isFinite(s)) && spread > CUBIC_TOLERANCE) {
      throw new VrsError('MAP_ANISOTROPIC_VOXELS',
        `The voxels are not cubic (${sizes.map((s) => s.toFixed(4)).join(' × ')} Å); Level 0 needs one voxel size: resample the map to cubic voxels ` +
        `(e.g. ChimeraX "volume resample #1 spacing ${v.x.toFixed(4)}"), or give the voxel size to use with the voxel-size option.`);
    }
  }
  const Ts = override ?? v.x;
  if (!(Ts > 0) || !Number.isFinite(Ts)) {
    throw new VrsError('BAD_PARAMETER', `The voxel size must be a positive number of Å, got ${Ts}; give it with the voxel-size option.`);
  }
  const d = map.dimensions;
  checkPlausibleGeometry(Ts, d ? [d.x, d.y, d.z] : undefined);
  return Ts;
}

/**
 * Relative slack of the Nyquist check: voxel sizes come from float32 header fields
 * (CELLA / MX), so a resolution of exactly 2·Ts as written may compare a few 1e-8 below it.
 */
const NYQUIST_SLACK = 1e-5;

const fmt = (v: number) => String(Number(v.toPrecision(6)));

/**
 * The resolution R (Å) or null when there is none. R must be positive, and with the analysis
 * voxel size Ts it must be at least the Nyquist limit 2·Ts: a finer R describes detail the
 * map does not sample, and the local analyses (0.e–0.g) would resample the map to R/2 per
 * voxel (a 1.5 Å map at R = 0.5 Å takes 216 times its memory). `source` names where R came
 * from, for the message (the option, the EMDB header file, the map's stored metadata).
 */
export function checkResolution(resolution: number | null | undefined, voxelSize?: number | null, source = 'The resolution'): number | null {
  if (resolution === undefined || resolution === null) return null;
  if (!(resolution > 0) || !Number.isFinite(resolution)) {
    throw new VrsError('BAD_PARAMETER', `${source} must be a positive number of Å, got ${resolution}.`);
  }
  if (voxelSize != null && resolution < 2 * voxelSize * (1 - NYQUIST_SLACK)) {
    throw new VrsError('RESOLUTION_BEYOND_NYQUIST',
      `${source} is ${fmt(resolution)} Å, finer than the Nyquist limit of the map, 2 × the voxel size ${fmt(voxelSize)} Å = ${fmt(2 * voxelSize)} Å: ` +
      `no detail finer than that is sampled. Check that the resolution is in Å and that the voxel size is right; the resolution must be at least ${fmt(2 * voxelSize)} Å.`,
      { resolution, voxelSize, limit: 2 * voxelSize });
  }
  return resolution;
}

/** NaN and ±Infinity voxels, counted apart. */
export function countNonFinite(data: Float32Array): { nan: number; infinite: number } {
  let nan = 0;
  let infinite = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v !== v) nan++;
    else if (v === Infinity || v === -Infinity) infinite++;
  }
  return { nan, infinite };
}

/** The parts of the reader's MapStatistics (stored as the map row's statistics) the check reads. */
export interface StoredStatistics {
  min?: number | null;
  max?: number | null;
  /** Voxels left out of the statistics: NaN and ±Infinity alike (statistics.ts skips v − v ≠ 0). */
  nanCount?: number | null;
  /** Finite voxels. */
  count?: number | null;
}

const plural = (n: number, what: string) => `${n} ${what} voxel${n === 1 ? '' : 's'}`;

/**
 * Level 0 refuses maps with NaN or infinite voxels (MAP_NONFINITE_VOXELS): percentiles,
 * Fourier transforms and sums all turn them into errors or NaN results. Decided from the
 * reader's statistics, whose nanCount counts every non-finite voxel; with the voxels at hand
 * (the CLI) the message tells NaN from infinite. min/max that are not finite numbers (a
 * record with no nanCount) are refused too.
 */
export function checkFiniteVoxels(statistics: StoredStatistics, data?: Float32Array): void {
  const bad = statistics.nanCount ?? 0;
  const extremesOk = [statistics.min, statistics.max].every((v) => v == null || Number.isFinite(v));
  if (bad === 0 && extremesOk) return;
  const total = statistics.count != null && bad > 0 ? ` of ${statistics.count + bad}` : '';
  const counted = data ? countNonFinite(data) : null;
  const what = counted && counted.nan + counted.infinite > 0
    ? [counted.nan > 0 ? plural(counted.nan, 'NaN') : '', counted.infinite > 0 ? plural(counted.infinite, 'infinite') : ''].filter(Boolean).join(' and ')
    : bad > 0 ? plural(bad, 'NaN or infinite') : 'NaN or infinite voxels';
  throw new VrsError('MAP_NONFINITE_VOXELS',
    `The map holds ${what}${total}; Level 0 needs finite densities. Replace them with a finite value ` +
    '(e.g. 0: with mrcfile, m.data[~numpy.isfinite(m.data)] = 0) and validate the map again.');
}

/** True when no voxel is at or above `threshold` (the raw mask is V ≥ t): above the map's maximum. */
export function thresholdAboveMaximum(threshold: number, statistics: StoredStatistics): boolean {
  return statistics.max != null && Number.isFinite(statistics.max) && threshold > statistics.max;
}

/**
 * Refuses a threshold above the map's maximum density (THRESHOLD_ABOVE_MAXIMUM) before any
 * section runs: the mask (V ≥ t) would be empty and every section built on it would fail.
 * The message gives the map's range and `suggested` (the estimate: the level above which 1 %
 * of the voxels lie), asked for only when the threshold is refused. `source` names where the
 * threshold came from (the option, the EMDB header, the argument, the stored contour level).
 */
export function checkThreshold(threshold: number, statistics: StoredStatistics, suggested: () => number | null, source = 'The threshold'): number {
  if (!thresholdAboveMaximum(threshold, statistics)) return threshold;
  const max = statistics.max!;
  const min = statistics.min;
  const suggestion = suggested();
  const range = min != null && Number.isFinite(min) ? `the map's densities go from ${fmt(min)} to ${fmt(max)}` : `the map's maximum is ${fmt(max)}`;
  throw new VrsError('THRESHOLD_ABOVE_MAXIMUM',
    `${source} is ${fmt(threshold)}, above the map's maximum density (${range}): no voxel reaches it, so the mask would be empty. ` +
    `Give a threshold below ${fmt(max)}` +
    (suggestion != null && Number.isFinite(suggestion) ? `, e.g. ${fmt(suggestion)} (the level above which 1 % of the voxels lie).` : '.'),
    { threshold, min: min ?? null, max, suggested: suggestion });
}

/**
 * 1.a Global resolution: FSC curves of two half maps (unmasked, masked, phase-randomised and
 * corrected, as relion_postprocess 3.1 does in postprocessing.cpp), their threshold crossings,
 * the DPR and VRS's SSNR, and VRS's criteria.
 *
 * Eight 3D FFTs of the box (float32, half spectra): the two halves forward; per half, the inverse
 * of its phase-randomised spectrum and the forward of that times the mask; the two masked halves
 * forward. That is the fewest relion's method allows: a masked map's spectrum is the convolution
 * of the unmasked one with the mask's, so each masking costs a transform, and the randomised maps
 * reuse the unmasked spectra (randomised in place) instead of a third forward transform.
 * The masked transforms do less than a full one: planes where the mask is zero are skipped, the
 * randomised inverse and masked forward run plane by plane with no real box between them
 * (maskedRoundTrip), and z-columns beyond the FSC's last shell are not transformed (`radius`).
 * Everything else is fused into the transforms (the mask product is formed as a plane is read)
 * or into passes over the coefficients (FSC with DPR and SSNR, randomisation, FSC) and the
 * voxels (the half maps' variance), all run on the FFT team's threads. Two spectra (and a shared
 * copy of the mask's non-zero box) are alive at a time.
 */
import { sharedFloat32, type Dims } from '../../../volume.js';
import { boxMask, maskedRoundTrip, rfft3d, spectrumLength, type BoxedMask } from '../../../kernels/fft/fft3d.js';
import { returnSharedBuffer, takeSharedBuffer } from '../../../kernels/memory/buffer-pool.js';
import { fscBoxSize, fscCrossing, fscRadius, fscThresholdCurves, halfMapCurves, randomizePhasesBeyond } from '../../../kernels/fourier/fsc.js';
import { refOf } from '../../../kernels/fft/jobs.js';
import { defaultThreads, runPass } from '../../../kernels/fft/team.js';
import { fitLogisticFsc } from '../../../kernels/fourier/logistic-fit.js';
import type { CriteriaProfile } from '../../types.js';
import { sectionBase } from '../../level0/section.js';
import type { FscPoint, GlobalResolution } from './record.js';
import {
  GLOBAL_RESOLUTION_CRITERIA, GLOBAL_RESOLUTION_EXPLANATION, GLOBAL_RESOLUTION_METHOD, GLOBAL_RESOLUTION_NO_RANDOMIZATION,
  GLOBAL_RESOLUTION_TITLE, globalResolutionWarnings,
} from './texts.js';
import { halfMapsLookMasked } from '../half-maps.js';

export const GLOBAL_RESOLUTION_VERSION = '2';

/** Soft-mask values at or below this count as zero (float round-off of an FFT-blurred mask; relion's masks have exact zeros). */
export const MASK_FLOOR = 1e-6;
/** relion's --randomize_at_fsc default. */
export const RANDOMIZE_BELOW_FSC = 0.8;
/** The seed of the phase randomisation (the same halves always give the same curves). */
export const PHASE_SEED = 20_200_143;
/** VRS's DPR crossing (its code; its text says 103.9°, the value of random phases). */
export const DPR_THRESHOLD_DEGREES = 102.9;
/** log10(SSNR − 1) = 0. */
export const SSNR_THRESHOLD = 2;
/** VRS: warn when the reported resolution is below this fraction of an estimate. */
export const REPORTED_FRACTION = 0.8;
/** relion warns when the randomised FSC exceeds this at the resolution. */
export const RANDOMIZED_FSC_LIMIT = 0.1;

export interface GlobalResolutionInput {
  half1: Float32Array;
  half2: Float32Array;
  dims: Dims;
  /** Å per voxel */
  voxelSize: number;
  /** soft mask in [0, 1] on the same grid */
  mask: Float32Array;
  /** Å, the user's resolution (null: no criterion on it) */
  resolution: number | null;
  profile: CriteriaProfile;
  threads?: number;
  /** Seed of the phase randomisation (default PHASE_SEED; half 2 draws from seed + 1). */
  phaseSeed?: number;
}

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);
const angstrom = (f: number | null): number | null => (f !== null && f > 0 ? 1 / f : null);

/** The first shell (> 0) where the unmasked FSC drops below 0.8, as relion; null if never. */
export function randomizationShell(unmasked: Float64Array): number | null {
  for (let i = 1; i < unmasked.length; i++) if (unmasked[i]! < RANDOMIZE_BELOW_FSC) return i;
  return null;
}

/** relion's calculateFSCtrue: masked below randomizeAt + 2, (m − r)/(1 − r) from there. */
export function correctedFsc(masked: Float64Array, randomized: Float64Array, randomizeAt: number | null): Float64Array {
  return masked.map((m, i) => {
    if (randomizeAt === null || i < randomizeAt + 2) return m;
    const r = randomized[i]!;
    return (m - r) / (1 - r);
  });
}

export function computeGlobalResolution(input: GlobalResolutionInput): GlobalResolution {
  // the two spectra and the mask's box come from the thread's buffer pool and go back to it: the
  // next 1.a of the size in this thread finds their pages mapped (kernels/memory/buffer-pool.ts)
  const spectrumBytes = spectrumLength(input.dims) * 4;
  const s1 = new Float32Array(takeSharedBuffer(spectrumBytes)), s2 = new Float32Array(takeSharedBuffer(spectrumBytes));
  const boxed = boxMask(input.mask, input.dims, { floor: MASK_FLOOR, threads: input.threads, allocate: takeSharedBuffer });
  try {
    return globalResolutionOn(input, s1, s2, boxed);
  } finally {
    for (const a of [s1, s2, boxed.data]) returnSharedBuffer(a.buffer as SharedArrayBuffer);
  }
}

function globalResolutionOn(input: GlobalResolutionInput, s1: Float32Array, s2: Float32Array, boxed: BoxedMask): GlobalResolution {
  const { dims: d, voxelSize, mask, threads } = input;
  const fft = { normalize: 'backward' as const, threads };
  // the FFT team's threads need shared memory
  const shared = (v: Float32Array) => (v.buffer instanceof SharedArrayBuffer ? v : sharedCopy(v, d, threads));
  const half1 = shared(input.half1), half2 = shared(input.half2);
  // the mask is on shared memory on its non-zero box only (a full copy's fresh pages cost
  // ~1 CPU-s at 400³), values ≤ MASK_FLOOR cut: Level 0's FFT-blurred soft mask has ~1e-8
  // round-off everywhere, which would keep the whole box and every plane (boxed-mask.ts)
  const sharedMask = boxed;

  // unmasked: FSC, DPR, SSNR in one pass
  rfft3d(half1, d, fft, s1);
  rfft3d(half2, d, fft, s2);
  const { fsc: unmasked, dpr, ssnr, acPower } = halfMapCurves(s1, s2, d, voxelSize, { withPhase: true, threads });
  // each half map's variance by Parseval (the forward transform is unscaled): no pass over the maps
  const voxels = half1.length;
  const [variance1, variance2] = acPower!.map((p) => p / (voxels * voxels)) as [number, number];

  // the masked spectra serve only FSCs: columns beyond the last shell are not transformed
  const radius = fscRadius(d);

  // phase-randomised beyond the 0.8 shell, then masked (relion re-reads the unmasked maps):
  // the unmasked spectra are randomised in place, so no third forward transform is needed
  const randomizeAt = randomizationShell(unmasked.fsc);
  let randomized: Float64Array = new Float64Array(unmasked.fsc.length).fill(NaN);
  if (randomizeAt !== null) {
    for (const [k, s] of [s1, s2].entries()) {
      randomizePhasesBeyond(s, d, randomizeAt, (input.phaseSeed ?? PHASE_SEED) + k, threads); // independent phases in each half
      maskedRoundTrip(s, d, sharedMask, { ...fft, radius }); // rfft(mask · irfft(s)), plane by plane: no real box
    }
    randomized = halfMapCurves(s1, s2, d, voxelSize, { threads }).fsc.fsc;
  }

  // masked (the product formed inside the transform)
  rfft3d(half1, d, { ...fft, mask: sharedMask, radius }, s1);
  rfft3d(half2, d, { ...fft, mask: sharedMask, radius }, s2);
  const maskedFsc = halfMapCurves(s1, s2, d, voxelSize, { threads }).fsc.fsc;
  const corrected = correctedFsc(maskedFsc, randomized, randomizeAt);
  const dprAt = dpr!, ssnrAt = ssnr!;

  const { frequency, count } = unmasked;
  const thresholds = fscThresholdCurves(count);
  const at = (curve: Float64Array, t: number | Float64Array) => angstrom(fscCrossing(frequency, curve, t));
  const resolution0143 = at(corrected, 0.143);
  const resolutionDpr = at(dprAt.map((v) => -v), -DPR_THRESHOLD_DEGREES);
  const resolutionSsnr = ssnrResolution(frequency, ssnrAt, d, voxelSize, input.profile);
  // VRS fits Xmipp's FSC of the unmasked half maps
  const logistic = fitLogisticFsc(frequency, unmasked.fsc, fscCrossing(frequency, unmasked.fsc, 0.5));

  const curve: FscPoint[] = Array.from(frequency, (f, s) => ({
    frequency: f,
    resolution: s > 0 ? 1 / f : null,
    unmasked: finite(unmasked.fsc[s]),
    masked: finite(maskedFsc[s]),
    phaseRandomized: finite(randomized[s]),
    corrected: finite(corrected[s]),
    halfBit: finite(thresholds.halfBit[s]),
    oneBit: finite(thresholds.oneBit[s]),
    threeSigma: finite(thresholds.threeSigma[s]),
    dpr: finite(dprAt[s]),
    ssnr: finite(ssnrAt[s]),
    logisticFit: logistic ? finite(logistic.fitted[s]) : null,
    count: count[s]!,
  }));
  const phaseRandomizedAtResolution = resolution0143 === null || randomizeAt === null ? null : interpolateAt(frequency, randomized, 1 / resolution0143);

  const lookMasked = halfMapsLookMasked(half1, d, variance1) || halfMapsLookMasked(half2, d, variance2);
  const warnings: string[] = [];
  const reported = input.resolution;
  if (reported !== null) {
    const estimates: [string, number | null][] = [['FSC (0.143)', resolution0143], ['DPR', resolutionDpr], ['SSNR', resolutionSsnr]];
    for (const [what, r] of estimates) if (r !== null && reported < REPORTED_FRACTION * r) warnings.push(globalResolutionWarnings.finerThan(reported, what, r));
  }
  if (lookMasked) warnings.push(globalResolutionWarnings.masked);
  if (phaseRandomizedAtResolution !== null && phaseRandomizedAtResolution > RANDOMIZED_FSC_LIMIT) warnings.push(globalResolutionWarnings.randomized(phaseRandomizedAtResolution));

  const maskSum = boxed.sum;
  const texts = {
    title: GLOBAL_RESOLUTION_TITLE,
    explanation: GLOBAL_RESOLUTION_EXPLANATION + (randomizeAt === null ? ` ${GLOBAL_RESOLUTION_NO_RANDOMIZATION}` : ''),
    criteria: GLOBAL_RESOLUTION_CRITERIA,
    algorithm: GLOBAL_RESOLUTION_METHOD,
    algorithmVersion: GLOBAL_RESOLUTION_VERSION,
  };
  return {
    ...sectionBase('1.a', texts, warnings),
    curve,
    resolution0143,
    resolution0143Unmasked: at(unmasked.fsc, 0.143),
    resolution0143Masked: at(maskedFsc, 0.143),
    resolution05: at(corrected, 0.5),
    resolutionHalfBit: at(corrected, thresholds.halfBit),
    resolutionOneBit: at(corrected, thresholds.oneBit),
    resolutionThreeSigma: at(corrected, thresholds.threeSigma),
    resolutionDpr,
    resolutionSsnr,
    resolutionPreserved09: logistic ? at(logistic.fitted, 0.9) : null,
    logisticFit: logistic ? { ...logistic.params, rms: logistic.rms } : null,
    randomizedFromShell: randomizeAt,
    randomizedFrom: randomizeAt === null ? null : (fscBoxSize(d) * voxelSize) / randomizeAt,
    phaseRandomizedAtResolution,
    maskFraction: maskSum / mask.length,
    halfMapsLookMasked: lookMasked,
  };
}

/**
 * Where SSNR falls to 2. VRS's code puts shell k at k·2Ts/N on its frequency axis (a quirk, §5):
 * the vrs-2024 profile reads the crossing on that axis, the standard one on k/(N·Ts).
 */
function ssnrResolution(frequency: Float64Array, ssnr: Float64Array, d: Dims, voxelSize: number, profile: CriteriaProfile): number | null {
  const f = fscCrossing(frequency, ssnr, SSNR_THRESHOLD);
  if (f === null || f <= 0) return null;
  if (profile !== 'vrs-2024') return 1 / f;
  const k = f * fscBoxSize(d) * voxelSize; // fractional shell
  return fscBoxSize(d) / (2 * voxelSize * k);
}

/** A copy of a volume on a SharedArrayBuffer whose pages both threads first touched (the faults cost more than the copy). */
function sharedCopy(v: Float32Array, d: Dims, threads = defaultThreads()): Float32Array {
  const c = sharedFloat32(v.length);
  runPass({ op: 'spectrumPlane', kernel: 'fillPlane', params: [0], engine: 'ts', dims: d, a: refOf(c), b: refOf(c), sign: 1, scale: 1, total: d.nz }, threads);
  c.set(v);
  return c;
}

/** A curve's value at frequency f, linearly interpolated between shells. */
function interpolateAt(frequency: Float64Array, curve: Float64Array, f: number): number | null {
  for (let i = 1; i < frequency.length; i++) {
    if (frequency[i]! >= f) {
      const t = (f - frequency[i - 1]!) / (frequency[i]! - frequency[i - 1]!);
      return finite(curve[i - 1]! + t * (curve[i]! - curve[i - 1]!));
    }
  }
  return null;
}

/**
 * The Level 0 masks (level0.md §4.2) from the original map:
 *   raw  = V ≥ t
 *   hard = raw → largest 26-connected component → ceil(2/Ts) dilations, 18-neighbourhood,
 *          with Xmipp's border rule (the outermost voxel shell is never written)
 *   soft = hard → Xmipp real_gaussian σ = 2 px (transfer exp(−π²σ²f²), f in cycles/pixel)
 *          → negatives set to 0; used for figures only at Level 0.
 * An empty hard mask is the user's problem: THRESHOLD_EMPTY_MASK.
 */
import { VrsError } from '../../errors.js';
import { sharedUint8, type Dims } from '../../volume.js';
import { labelComponents, keepLargestComponent, thresholdMask } from '../../kernels/labels.js';
import { dilate } from '../../kernels/morphology.js';
import { allocateSpectrum, irfft3dInPlace, rfft3dInPlace } from '../../kernels/fft/fft3d.js';
import { frequencyAxes } from '../../kernels/fourier/frequency.js';

// 2: the soft mask is its own metric (level0.softMask); the raw and hard masks are unchanged
export const MASKS_VERSION = '2';
// soft mask 2: its result carries the input figures' slices of maximum variance of the mask
export const SOFT_MASK_VERSION = '2';
/** σ of the soft-mask filter, pixels (Xmipp real_gaussian 2). */
export const SOFT_MASK_SIGMA = 2;

export function dilationCount(Ts: number): number {
  return Math.ceil(2 / Ts);
}

export interface ComponentSummary {
  count: number;
  /** sizes of labels 1..count, descending */
  sortedSizes: number[];
  backgroundVoxels: number;
}

export interface Level0Masks {
  raw: Uint8Array;
  hard: Uint8Array;
  soft: Float32Array;
  rawVoxels: number;
  hardVoxels: number;
  dilations: number;
  components: ComponentSummary;
}

function countSet(m: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) n += m[i]!;
  return n;
}

/**
 * The Gaussian transfer exp(−π²σ²|f|²) (filters.ts gaussianGain) applied as the product of its
 * three axis factors: one multiply per coefficient instead of a sqrt and an exp (the gains agree
 * to a few ulps of float64, far below the float32 rounding of the spectrum).
 */
function separableGaussian(spec: Float32Array, d: Dims, sigma: number): void {
  const k = -Math.PI * Math.PI * sigma * sigma;
  const { fx, fy, fz } = frequencyAxes(d);
  const ex = fx.map((f) => Math.exp(k * f * f)), ey = fy.map((f) => Math.exp(k * f * f)), ez = fz.map((f) => Math.exp(k * f * f));
  const nkx = fx.length;
  let p = 0;
  for (let z = 0; z < d.nz; z++)
    for (let y = 0; y < d.ny; y++) {
      const eyz = ey[y]! * ez[z]!;
      for (let x = 0; x < nkx; x++, p += 2) {
        const g = eyz * ex[x]!;
        spec[p]! *= g;
        spec[p + 1]! *= g;
      }
    }
}

export function softMask(hard: Uint8Array, d: Dims, sigma = SOFT_MASK_SIGMA): Float32Array {
  // the mask as floats, its spectrum and the blurred mask share one spectrum-size buffer
  // (rfft3dInPlace, irfft3dInPlace): 256 MB less at 400³ than a real box beside a spectrum
  const spec = allocateSpectrum(d);
  for (let i = 0; i < hard.length; i++) spec[i] = hard[i]!;
  rfft3dInPlace(spec, d, { normalize: 'backward' });
  separableGaussian(spec, d, sigma);
  const real = irfft3dInPlace(spec, d, { normalize: 'backward' });
  for (let i = 0; i < real.length; i++) if (real[i]! < 0) real[i] = 0;
  return real;
}

/** Largest component (labels from one labelling pass) → ceil(2/Ts) 18-neighbour dilations, Xmipp border. */
export function hardMaskFromLargest(largest: Uint8Array, d: Dims, Ts: number): Uint8Array {
  return dilate(largest, d, { neighbourhood: 18, iterations: dilationCount(Ts), border: 'xmipp' }, largest);
}

export function hardMaskFromRaw(raw: Uint8Array, d: Dims, Ts: number): Uint8Array {
  const largest = sharedUint8(raw.length);
  keepLargestComponent(raw, d, 26, largest);
  return hardMaskFromLargest(largest, d, Ts);
}

/** One labelling gives both the 0.b component sizes and the largest component (painted from its runs, no label image). */
function largestComponent(raw: Uint8Array, d: Dims): { largest: Uint8Array; labels: ReturnType<typeof labelComponents> } {
  const largest = sharedUint8(raw.length);
  const labels = labelComponents(raw, d, 26, null, largest);
  return { largest, labels };
}

export type HardMasks = Omit<Level0Masks, 'soft'>;

/** The raw and hard masks and the component summary (no soft mask: see softMask). */
export function buildHardMasks(data: Float32Array, d: Dims, threshold: number, Ts: number): HardMasks {
  const raw = thresholdMask(data, threshold, 'ge');
  const { largest, labels } = largestComponent(raw, d);
  const hard = hardMaskFromLargest(largest, d, Ts);
  const hardVoxels = countSet(hard);
  if (hardVoxels === 0) {
    throw new VrsError('THRESHOLD_EMPTY_MASK', `The mask is empty at threshold ${threshold} (no voxel is at or above it); try a lower threshold.`, { threshold });
  }
  return {
    raw,
    hard,
    rawVoxels: raw.length - labels.sizes[0]!, // the labelling counted raw's zeros: no pass of its own
    hardVoxels,
    dilations: dilationCount(Ts),
    components: {
      count: labels.count,
      sortedSizes: Array.from(labels.order, (l) => labels.sizes[l]!),
      backgroundVoxels: labels.sizes[0]!,
    },
  };
}

/** All three masks at once (the resampled grid of 0.f/0.g, fixtures). */
export function buildMasks(data: Float32Array, d: Dims, threshold: number, Ts: number): Level0Masks {
  const m = buildHardMasks(data, d, threshold, Ts);
  return { ...m, soft: softMask(m.hard, d) };
}

/**
 * 1.b FSC permutation test (SPOC): the half maps times SPOC's circular mask, the permutation
 * test of every shell (kernels/fourier/fsc-permutation.ts), Benjamini–Yekutieli at 1 % FDR.
 */
import type { Dims } from '../../../volume.js';
import { rfft3d, spectrumLength } from '../../../kernels/fft/fft3d.js';
import { returnSharedBuffer, takeSharedBuffer } from '../../../kernels/memory/buffer-pool.js';
import { fscBoxSize, fscShellMap } from '../../../kernels/fourier/fsc.js';
import { benjaminiYekutieli, fscPermutationTest } from '../../../kernels/fourier/fsc-permutation.js';
import { mulberry32 } from '../../../synthetic/random.js';
import { sectionBase } from '../../level0/section.js';
import type { FscPermutation, PermutationPoint } from './record.js';
import {
  FSC_PERMUTATION_CRITERIA, FSC_PERMUTATION_EXPLANATION, FSC_PERMUTATION_METHOD, FSC_PERMUTATION_TITLE, fscPermutationWarnings,
} from './texts.js';

export const FSC_PERMUTATION_VERSION = '1';
export const FDR_LEVEL = 0.01;
export const PERMUTATION_SEED = 3; // SPOC's np.random.seed(3)
/** VRS: warn when the reported resolution is below this fraction of the estimate. */
const REPORTED_FRACTION = 0.8;

/** SPOC's makeCircularMask: 1 inside radius r (voxels from the box centre floor(N/2)), exp(−(ρ − r)²/(2·2²)) outside. */
export function circularMask(d: Dims, radius: number, out = new Float32Array(d.nx * d.ny * d.nz)): Float32Array {
  const cx = Math.floor(d.nx / 2), cy = Math.floor(d.ny / 2), cz = Math.floor(d.nz / 2);
  for (let z = 0, i = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) for (let x = 0; x < d.nx; x++, i++) {
    const over = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2) - radius;
    const v = over < 0 ? 1 : Math.exp(-(over * over) / 8);
    out[i] = v < 1e-6 ? 0 : v;
  }
  return out;
}

export interface FscPermutationInput {
  half1: Float32Array;
  half2: Float32Array;
  dims: Dims;
  voxelSize: number;
  resolution: number | null;
  threads?: number;
}

export function computeFscPermutation(input: FscPermutationInput): FscPermutation {
  const { dims: d, voxelSize } = input;
  const radius = Math.min(d.nx, d.ny, d.nz) / 2 - 4;
  const mask = circularMask(d, radius);
  // the masked half and the two spectra come from the thread's buffer pool and go back to it, as
  // 1.a's do (a worker running 1.a then 1.b, or 1.b twice, finds their pages mapped: kernels/memory)
  const real = new Float32Array(takeSharedBuffer(mask.length * 4));
  const s1 = new Float32Array(takeSharedBuffer(spectrumLength(d) * 4)), s2 = new Float32Array(takeSharedBuffer(spectrumLength(d) * 4));
  let test: ReturnType<typeof fscPermutationTest>;
  try {
    for (const [half, spectrum] of [[input.half1, s1], [input.half2, s2]] as const) {
      for (let i = 0; i < mask.length; i++) real[i] = half[i]! * mask[i]!;
      rfft3d(real, d, { normalize: 'backward', threads: input.threads }, spectrum);
    }
    test = fscPermutationTest(s1, s2, d, mulberry32(PERMUTATION_SEED), fscShellMap(d));
  } finally {
    for (const a of [real, s1, s2]) returnSharedBuffer(a.buffer as SharedArrayBuffer);
  }
  const q = benjaminiYekutieli(test.pValue);
  const n = fscBoxSize(d);
  const curve: PermutationPoint[] = Array.from(test.fsc, (fsc, s) => ({
    frequency: s / (n * voxelSize),
    resolution: s > 0 ? (n * voxelSize) / s : null,
    fsc,
    pValue: test.pValue[s]!,
    qValue: q[s]!,
    significant: q[s]! <= FDR_LEVEL,
    permuted: test.permuted[s] === 1,
  }));
  // SPOC: the last shell before the first non-significant one (Nyquist when every shell is significant)
  const first = curve.findIndex((p, s) => s > 0 && !p.significant);
  const last = first < 0 ? curve.length - 1 : first - 1;
  const resolution = last >= 1 ? curve[last]!.resolution : null;
  const warnings = input.resolution !== null && resolution !== null && input.resolution < REPORTED_FRACTION * resolution
    ? [fscPermutationWarnings.finerThan(input.resolution, resolution)] : [];
  const texts = { title: FSC_PERMUTATION_TITLE, explanation: FSC_PERMUTATION_EXPLANATION, criteria: FSC_PERMUTATION_CRITERIA, algorithm: FSC_PERMUTATION_METHOD, algorithmVersion: FSC_PERMUTATION_VERSION };
  return { ...sectionBase('1.b', texts, warnings), curve, resolution, fdr: FDR_LEVEL, maskRadius: radius * voxelSize };
}

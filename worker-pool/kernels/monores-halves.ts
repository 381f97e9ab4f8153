/**
 * MonoRes from half maps (Vilas et al. 2018, the half-map mode; VRS 1.e): MonoRes on the halves'
 * average with the noise of their half-difference (monores.ts, option `noise`), inside a mask.
 * Pure: arrays in, the local-resolution map out (Å inside the mask, 0 outside).
 */
import type { Dims } from '../volume.js';
import { sharedFloat32 } from '../volume.js';
import { monoRes, type MonoResOptions, type MonoResResult } from './monores.js';

export type HalfMonoResOptions = Omit<MonoResOptions, 'noise'>;

/** The halves' average and half-difference (h1 − h2)/2: the same noise power, no signal in the second. */
export function averageAndNoise(h1: Float32Array, h2: Float32Array): { average: Float32Array; noise: Float32Array } {
  const average = sharedFloat32(h1.length), noise = sharedFloat32(h1.length);
  for (let i = 0; i < h1.length; i++) {
    average[i] = 0.5 * (h1[i]! + h2[i]!);
    noise[i] = 0.5 * (h1[i]! - h2[i]!);
  }
  return { average, noise };
}

/** MonoRes on (h1 + h2)/2 with noise from (h1 − h2)/2, measured at the voxels of `mask`. */
export function monoResFromHalves(h1: Float32Array, h2: Float32Array, d: Dims, mask: Uint8Array, o: HalfMonoResOptions): MonoResResult {
  const { average, noise } = averageAndNoise(h1, h2);
  const regions = new Int8Array(mask.length);
  for (let i = 0; i < mask.length; i++) regions[i] = mask[i] ? 1 : -1;
  return monoRes(average, d, regions, { ...o, noise });
}

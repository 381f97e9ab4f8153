/**
 * What the Level 1 sections share about their inputs: reading the two half maps of a metric's
 * context, and EMDB's check that half maps were deposited unmasked.
 */
import type { Dims } from '../../volume.js';
import { inputVolume } from '../inputs.js';
import type { MetricContext } from '../types.js';

/** The half maps of a Level 1 metric (MAP_INPUT_MISSING, naming how to attach them, when absent). */
export function halvesOf(ctx: MetricContext, metric: string): { half1: Float32Array; half2: Float32Array } {
  return { half1: inputVolume(ctx, 'half1', metric).data, half2: inputVolume(ctx, 'half2', metric).data };
}

/** A border whose standard deviation is below this fraction of the whole map's looks masked. */
export const MASKED_BORDER_RATIO = 1e-3;

/**
 * True when the half map looks masked: the voxels of its six box faces are (nearly) constant —
 * zero after a solvent mask — while the map itself is not. Unmasked half maps carry noise to
 * the box edge. `mapVariance` is the whole map's (1.a takes it from the spectrum's power by
 * Parseval, so only the border is read here).
 */
export function halfMapsLookMasked(data: Float32Array, d: Dims, mapVariance: number): boolean {
  let n = 0, sum = 0, sum2 = 0;
  const add = (v: number) => { n++; sum += v; sum2 += v * v; };
  for (let z = 0; z < d.nz; z++) for (let y = 0; y < d.ny; y++) {
    const row = d.nx * (y + d.ny * z);
    const face = z === 0 || z === d.nz - 1 || y === 0 || y === d.ny - 1;
    if (face) for (let x = 0; x < d.nx; x++) add(data[row + x]!);
    else { add(data[row]!); add(data[row + d.nx - 1]!); }
  }
  const borderVar = Math.max(0, sum2 / n - (sum / n) ** 2);
  return mapVariance > 0 && Math.sqrt(borderVar) <= MASKED_BORDER_RATIO * Math.sqrt(mapVariance);
}

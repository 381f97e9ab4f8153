import type { MapStatistics } from './types.js';

/**
 * min, max, mean, population std and rms of the finite voxels, float64 accumulation.
 * Sums are taken around a shift (the first finite value) so that the variance keeps its
 * precision when the mean is large compared with the spread. The common case (no NaN or
 * infinity) runs one branch-light pass; only if the sums come out non-finite is the data
 * scanned again with the NaN-skipping loop.
 */
export function computeStatistics(data: Float32Array): MapStatistics {
  const n = data.length;
  let shift = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(data[i]!)) {
      shift = data[i]!;
      break;
    }
  }
  let min = Infinity;
  let max = -Infinity;
  let sum = 0; // Σ (v − shift)
  let sum2 = 0; // Σ (v − shift)²
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    const d = v - shift;
    sum += d;
    sum2 += d * d;
  }
  let count = n;
  if (!Number.isFinite(sum) || !Number.isFinite(sum2)) ({ min, max, sum, sum2, count } = finiteOnly(data, shift));
  const nanCount = n - count;
  if (count === 0) return { min: NaN, max: NaN, mean: NaN, std: NaN, rms: NaN, nanCount, count };
  const dMean = sum / count;
  const mean = shift + dMean;
  const variance = Math.max(0, sum2 / count - dMean * dMean);
  // Σv² = Σ(d + shift)² = sum2 + 2·shift·sum + count·shift²
  const meanSquare = (sum2 + 2 * shift * sum) / count + shift * shift;
  return { min, max, mean, std: Math.sqrt(variance), rms: Math.sqrt(Math.max(0, meanSquare)), nanCount, count };
}

function finiteOnly(data: Float32Array, shift: number) {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sum2 = 0;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v !== 0) continue; // NaN or ±Infinity
    if (v < min) min = v;
    if (v > max) max = v;
    const d = v - shift;
    sum += d;
    sum2 += d * d;
    count++;
  }
  return { min, max, sum, sum2, count };
}

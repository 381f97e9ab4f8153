import type { MapStatistics } from './types.js';

/**
 * min, max, mean, population std and rms of the finite voxels in one pass, float64
 * accumulation. Sums are taken around a shift (the first finite value) so that the variance
 * keeps its precision when the mean is large compared with the spread.
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
  let nan = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v - v !== 0) {
      nan++; // NaN or ±Infinity
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    const d = v - shift;
    sum += d;
    sum2 += d * d;
  }
  const count = n - nan;
  if (count === 0) return { min: NaN, max: NaN, mean: NaN, std: NaN, rms: NaN, nanCount: nan, count };
  const dMean = sum / count;
  const mean = shift + dMean;
  const variance = Math.max(0, sum2 / count - dMean * dMean);
  // Σv² = Σ(d + shift)² = sum2 + 2·shift·sum + count·shift²
  const meanSquare = (sum2 + 2 * shift * sum) / count + shift * shift;
  return { min, max, mean, std: Math.sqrt(variance), rms: Math.sqrt(Math.max(0, meanSquare)), nanCount: nan, count };
}

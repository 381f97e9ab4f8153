import type { MapStatistics } from './types.js';

/**
 * min, max, mean, population std and rms of the finite voxels, float64 accumulation, fed in
 * pieces (the reader adds each chunk as it arrives, overlapping the next read).
 * Sums are taken around a shift (the first value seen) so that the variance keeps its
 * precision when the mean is large compared with the spread. Each piece runs a branch-light
 * loop first; only a piece whose sums come out non-finite is rescanned skipping NaN/±Inf.
 */
export class StatisticsAccumulator {
  private shift = NaN;
  private min = Infinity;
  private max = -Infinity;
  private sum = 0; // Σ (v − shift)
  private sum2 = 0; // Σ (v − shift)²
  private count = 0;
  private total = 0;

  add(data: Float32Array, from = 0, to = data.length): void {
    if (to <= from) return;
    this.total += to - from;
    if (Number.isNaN(this.shift)) {
      for (let i = from; i < to; i++) {
        if (Number.isFinite(data[i]!)) {
          this.shift = data[i]!;
          break;
        }
      }
      if (Number.isNaN(this.shift)) return; // nothing finite yet: all counted as NaN
    }
    const shift = this.shift;
    let min = this.min;
    let max = this.max;
    let sum = 0;
    let sum2 = 0;
    for (let i = from; i < to; i++) {
      const v = data[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      const d = v - shift;
      sum += d;
      sum2 += d * d;
    }
    let count = to - from;
    if (!Number.isFinite(sum) || !Number.isFinite(sum2)) {
      min = this.min;
      max = this.max;
      sum = 0;
      sum2 = 0;
      count = 0;
      for (let i = from; i < to; i++) {
        const v = data[i]!;
        if (v - v !== 0) continue; // NaN or ±Infinity
        if (v < min) min = v;
        if (v > max) max = v;
        const d = v - shift;
        sum += d;
        sum2 += d * d;
        count++;
      }
    }
    this.min = min;
    this.max = max;
    this.sum += sum;
    this.sum2 += sum2;
    this.count += count;
  }

  result(): MapStatistics {
    const { count, shift, sum, sum2 } = this;
    const nanCount = this.total - count;
    if (count === 0) return { min: NaN, max: NaN, mean: NaN, std: NaN, rms: NaN, nanCount, count };
    const dMean = sum / count;
    const variance = Math.max(0, sum2 / count - dMean * dMean);
    // Σv² = Σ(d + shift)² = sum2 + 2·shift·sum + count·shift²
    const meanSquare = (sum2 + 2 * shift * sum) / count + shift * shift;
    return {
      min: this.min, max: this.max, mean: shift + dMean,
      std: Math.sqrt(variance), rms: Math.sqrt(Math.max(0, meanSquare)), nanCount, count,
    };
  }
}

export function computeStatistics(data: Float32Array): MapStatistics {
  const acc = new StatisticsAccumulator();
  acc.add(data);
  return acc.result();
}

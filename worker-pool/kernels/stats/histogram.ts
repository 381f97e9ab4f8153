/**
 * numpy.histogram with equal-width bins: range defaults to (min, max), widened by ±0.5
 * when min = max; edges = numpy.linspace(first, last, bins + 1); every bin is half-open
 * [e_i, e_i+1) except the last, which is closed; values outside the range are dropped.
 * The bin index is computed as numpy does (scaled offset, then corrected by comparison
 * with the edges), so values on an edge land in the same bin as in numpy (float64 data).
 */
import type { Values } from './summary.js';

export interface Histogram {
  counts: Float64Array;
  /** bins + 1 edges. */
  edges: Float64Array;
}

/** numpy.linspace(start, stop, num) for num ≥ 2 (endpoint included, last value exact). */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const step = (stop - start) / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * (stop - start) + start : i * step + start;
  out[num - 1] = stop;
  return out;
}

export function histogram(
  data: Values,
  bins: number,
  options: { range?: [number, number]; mask?: Uint8Array | null } = {},
): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('bins must be an integer ≥ 1');
  const { mask } = options;
  if (mask && mask.length !== data.length) throw new RangeError('mask must have one element per value');
  let first: number;
  let last: number;
  if (options.range) {
    [first, last] = options.range;
    if (!(first <= last) || !Number.isFinite(first) || !Number.isFinite(last)) throw new RangeError('histogram range must be finite with min ≤ max');
  } else {
    first = Infinity;
    last = -Infinity;
    for (let i = 0; i < data.length; i++) {
      if (mask && mask[i] === 0) continue;
      const v = data[i]!;
      if (v < first) first = v;
      if (v > last) last = v;
    }
    if (first > last) {
      first = 0;
      last = 1; // numpy's range for an empty array
    }
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = linspace(first, last, bins + 1);
  const counts = new Float64Array(bins);
  const norm = bins / (last - first);
  for (let i = 0; i < data.length; i++) {
    if (mask && mask[i] === 0) continue;
    const v = data[i]!;
    if (!(v >= first && v <= last)) continue;
    let k = Math.floor((v - first) * norm);
    if (k === bins) k--;
    if (v < edges[k]!) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]!) k++;
    counts[k]!++;
  }
  return { counts, edges };
}

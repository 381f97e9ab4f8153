/**
 * Percentiles with numpy's default method ('linear', numpy ≥ 1.22 `_lerp`): for q in
 * [0, 100] the virtual index h = (n − 1)·q/100 lies between the order statistics
 * a[⌊h⌋] and a[⌊h⌋ + 1] of the sorted values.
 *
 * No sort: one pass finds min and max, a second counts the values in 65,536 equal-width
 * buckets (the bucket index is monotone in the value, so a bucket holds a contiguous
 * stretch of the sorted order), a third copies out only the buckets that hold a wanted
 * order statistic, and quickselect finds it there. Three linear passes over the data,
 * whatever the number of percentiles.
 */
import type { Values } from './summary.js';

const BUCKETS = 65536;

/** numpy `_lerp`: a + (b − a)·t, computed from b's side when t ≥ 0.5 (exact at t = 1). */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Rearrange a[lo..hi] so that a[k] is the value a sorted array would have there. */
export function quickselect(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    if (hi - lo < 16) {
      for (let i = lo + 1; i <= hi; i++) {
        const v = a[i]!;
        let j = i - 1;
        while (j >= lo && a[j]! > v) {
          a[j + 1] = a[j]!;
          j--;
        }
        a[j + 1] = v;
      }
      break;
    }
    // Median of three as pivot; Hoare partition (stops on equal keys, so runs of equal
    // values such as a mask's zeros split evenly).
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo - 1;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    if (k <= j) hi = j;
    else lo = j + 1;
  }
  return a[k]!;
}

/** Values (optionally those with mask ≠ 0) copied to a float64 array. */
export function gatherValues(data: Values, mask?: Uint8Array | null): Float64Array {
  if (!mask) return Float64Array.from(data);
  if (mask.length !== data.length) throw new RangeError('mask must have one element per value');
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) n++;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] !== 0) out[k++] = data[i]!;
  return out;
}

// Each hot loop lives in its own small function: a large function whose loops are
// optimised on-stack deoptimises on the code after them (no type feedback yet), which
// cost 3× here.

/** [count, min, max] of the selected values. */
function countMinMax(data: Values, mask: Uint8Array | null | undefined): [number, number, number] {
  let min = Infinity;
  let max = -Infinity;
  const len = data.length;
  if (!mask) {
    for (let i = 0; i < len; i++) {
      const v = data[i]!;
      min = Math.min(min, v); // branch-free; NaN propagates and is caught by the caller
      max = Math.max(max, v);
    }
    return [len, min, max];
  }
  let n = 0;
  for (let i = 0; i < len; i++) {
    if (mask[i] === 0) continue;
    const v = data[i]!;
    n++;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return [n, min, max];
}

/** Bucket b = ⌊(v − min)·scale⌋ (≥ 0 and < 65,536, so `| 0` is floor), clamped to the last. */
function countBuckets(data: Values, mask: Uint8Array | null | undefined, min: number, scale: number, counts: Uint32Array): void {
  const last = counts.length - 1;
  const len = data.length;
  if (!mask) {
    for (let i = 0; i < len; i++) {
      const b = ((data[i]! - min) * scale) | 0;
      counts[b > last ? last : b]++;
    }
    return;
  }
  for (let i = 0; i < len; i++) {
    if (mask[i] === 0) continue;
    const b = ((data[i]! - min) * scale) | 0;
    counts[b > last ? last : b]++;
  }
}

/** Copy the values of every bucket with a slot (slotOf[b] ≥ 0) into that slot's array. */
function gatherBuckets(data: Values, mask: Uint8Array | null | undefined, min: number, scale: number, slotOf: Int32Array, slots: Float64Array[]): void {
  const last = slotOf.length - 1;
  const filled = new Int32Array(slots.length);
  const len = data.length;
  for (let i = 0; i < len; i++) {
    if (mask && mask[i] === 0) continue;
    const v = data[i]!;
    const b = ((v - min) * scale) | 0;
    const slot = slotOf[b > last ? last : b]!;
    if (slot < 0) continue;
    slots[slot]![filled[slot]!++] = v;
  }
}

/** The order statistics `ranks` (0-based, into the sorted selected values) of data. */
export function orderStatistics(data: Values, ranks: readonly number[], mask?: Uint8Array | null): number[] {
  if (mask && mask.length !== data.length) throw new RangeError('mask must have one element per value');
  const [n, min, max] = countMinMax(data, mask);
  if (Number.isNaN(min) || Number.isNaN(max)) throw new RangeError('percentiles: the values contain NaN');
  for (const k of ranks) if (!(k >= 0 && k < n && Number.isInteger(k))) throw new RangeError(`rank ${k} is outside 0..${n - 1}`);
  if (min === max) return ranks.map(() => min);
  // Scale chosen so that max maps to < BUCKETS; the clamp guards the last rounding.
  const scale = (BUCKETS / (max - min)) * (1 - 1e-12);
  const counts = new Uint32Array(BUCKETS);
  countBuckets(data, mask, min, scale, counts);
  const cumBefore = new Float64Array(BUCKETS);
  for (let b = 1; b < BUCKETS; b++) cumBefore[b] = cumBefore[b - 1]! + counts[b - 1]!;
  const findBucket = (k: number): number => {
    let lo = 0;
    let hi = BUCKETS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cumBefore[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const bucketOfRank = ranks.map(findBucket);
  // Each wanted bucket gets a slot: its own array, filled in one more pass.
  const slotOf = new Int32Array(BUCKETS).fill(-1);
  const slots: Float64Array[] = [];
  for (const b of bucketOfRank) {
    if (slotOf[b] !== -1) continue;
    slotOf[b] = slots.length;
    slots.push(new Float64Array(counts[b]!));
  }
  gatherBuckets(data, mask, min, scale, slotOf, slots);
  return ranks.map((k, i) => {
    const b = bucketOfRank[i]!;
    const a = slots[slotOf[b]!]!;
    return quickselect(a, 0, a.length - 1, k - cumBefore[b]!);
  });
}

/**
 * numpy.percentile(values, qs) (method 'linear'), qs in [0, 100], on all values or on
 * those with mask ≠ 0. NaN values are rejected (numpy would return NaN).
 */
export function percentiles(data: Values, qs: readonly number[], options: { mask?: Uint8Array | null } = {}): number[] {
  for (const q of qs) if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile ${q} is outside [0, 100]`);
  const { mask } = options;
  let n = data.length;
  if (mask) {
    n = 0;
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) n++;
  }
  if (n === 0) throw new RangeError('percentiles of an empty set');
  const plan = qs.map((q) => {
    const h = (n - 1) * (q / 100);
    const lo = Math.floor(h);
    return { lo, hi: Math.min(lo + 1, n - 1), t: h - lo };
  });
  const ranks = [...new Set(plan.flatMap((p) => [p.lo, p.hi]))];
  const values = orderStatistics(data, ranks, mask);
  const at = new Map(ranks.map((k, i) => [k, values[i]!]));
  return plan.map(({ lo, hi, t }) => lerp(at.get(lo)!, at.get(hi)!, t));
}

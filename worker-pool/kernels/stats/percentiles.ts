/**
 * Percentiles with numpy's default method ('linear', numpy ≥ 1.22 `_lerp`): for q in
 * [0, 100] the virtual index h = (n − 1)·q/100 lies between the sorted values a[⌊h⌋] and
 * a[⌊h⌋ + 1]. The order statistics are found by quickselect on one float64 copy
 * (O(n) per distinct index, no full sort).
 */
import type { Values } from './summary.js';

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
function select(a: Float64Array, lo: number, hi: number, k: number): void {
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
      return;
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

/**
 * numpy.percentile(values, qs) (method 'linear'); qs in [0, 100]. NaN values are not
 * supported (numpy would return NaN). With `inPlace`, a Float64Array argument is used
 * as the scratch buffer and reordered.
 */
export function percentiles(data: Values, qs: readonly number[], options: { mask?: Uint8Array | null; inPlace?: boolean } = {}): number[] {
  for (const q of qs) if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile ${q} is outside [0, 100]`);
  const a = options.inPlace && data instanceof Float64Array && !options.mask ? data : gatherValues(data, options.mask);
  const n = a.length;
  if (n === 0) throw new RangeError('percentiles of an empty set');
  // Every order statistic needed, ascending; selecting them in order lets each search
  // start right of the previous one (everything there is ≥ it).
  const needed = new Set<number>();
  const plan = qs.map((q) => {
    const h = (n - 1) * (q / 100);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    needed.add(lo);
    needed.add(hi);
    return { lo, hi, t: h - lo };
  });
  const ks = [...needed].sort((x, y) => x - y);
  const value = new Map<number, number>();
  let left = 0;
  for (const k of ks) {
    select(a, left, n - 1, k);
    value.set(k, a[k]!);
    left = k + 1;
  }
  return plan.map(({ lo, hi, t }) => lerp(value.get(lo)!, value.get(hi)!, t));
}

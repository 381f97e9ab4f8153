/**
 * The permutation test of the FSC (SPOC, Beckers & Sachse 2020, FSCutil.py): in each shell the
 * FSC of the two halves' coefficients is compared with the FSCs obtained when the coefficients
 * of one half are randomly permuted within the shell (the null hypothesis: no correlation);
 * p = the fraction of permutations that correlate more. SPOC draws up to 1000 permutations of
 * a subsample of 0.7·n coefficients (its effective sample size, "maskCoeff"). Here:
 *   - shells of at most EXACT_LIMIT coefficients: SPOC's Monte Carlo permutations (1000, seeded,
 *     on the 0.7·n subsample);
 *   - larger shells: the permutation distribution's exact mean and variance (Hoeffding's
 *     combinatorial central limit theorem: T = Re Σ a_i b*_π(i) is normal for large n, with
 *     E T = Re(Σa · Σb*)/n and Var T = tr(S_a S_b)/(n − 1), S the 2×2 scatter of (Re, Im) about
 *     the mean), the variance divided by 0.7 for SPOC's subsample; p = 1 − Φ(z). This is the
 *     limit SPOC's 1000 permutations estimate, without their p ≥ 0.001 floor and in one pass.
 * Shells as fsc.ts (width 1/(N·Ts)); like SPOC, the stored (half-transform) coefficients each
 * count once.
 */
import type { Dims } from '../../volume.js';
import { normalCdf } from '../stats/distributions.js';
import { fscShellMap, type FscShellMap } from './fsc.js';

/** SPOC's effective fraction of a shell's coefficients (maskCoeff, global FSC). */
export const SPOC_SAMPLE_FRACTION = 0.7;
/** SPOC's number of permutations. */
export const SPOC_PERMUTATIONS = 1000;
/** Shells with at most this many coefficients are permuted for real. */
export const EXACT_LIMIT = 4000;

export interface ShellPermutationTest {
  /** FSC per shell over the stored coefficients (SPOC's correlation coefficient) */
  fsc: Float64Array;
  /** one-sided p-value per shell (shell 0: 0, as SPOC) */
  pValue: Float64Array;
  /** coefficients per shell */
  count: Float64Array;
  /** per shell: true when the p-value came from real permutations */
  permuted: Uint8Array;
}

export function fscPermutationTest(spectrum1: Float32Array, spectrum2: Float32Array, d: Dims, rnd: () => number, map: FscShellMap = fscShellMap(d)): ShellPermutationTest {
  const S = map.shells;
  // per shell: n, Σa, Σb (re, im), Σ a aᵀ and Σ b bᵀ (2×2: rr, ri, ii), Re Σ a b*, Σ|a|², Σ|b|²
  const n = new Float64Array(S), sa = new Float64Array(2 * S), sb = new Float64Array(2 * S);
  const qa = new Float64Array(3 * S), qb = new Float64Array(3 * S), cross = new Float64Array(S);
  for (let i = 0; i < map.shell.length; i++) {
    const s = map.shell[i]!;
    if (s < 0) continue;
    const ar = spectrum1[2 * i]!, ai = spectrum1[2 * i + 1]!, br = spectrum2[2 * i]!, bi = spectrum2[2 * i + 1]!;
    n[s]! += 1;
    sa[2 * s]! += ar; sa[2 * s + 1]! += ai; sb[2 * s]! += br; sb[2 * s + 1]! += bi;
    qa[3 * s]! += ar * ar; qa[3 * s + 1]! += ar * ai; qa[3 * s + 2]! += ai * ai;
    qb[3 * s]! += br * br; qb[3 * s + 1]! += br * bi; qb[3 * s + 2]! += bi * bi;
    cross[s]! += ar * br + ai * bi;
  }
  const fsc = new Float64Array(S), pValue = new Float64Array(S), permuted = new Uint8Array(S);
  const small: number[] = [];
  for (let s = 0; s < S; s++) {
    const denom = Math.sqrt((qa[3 * s]! + qa[3 * s + 2]!) * (qb[3 * s]! + qb[3 * s + 2]!));
    fsc[s] = denom > 0 ? cross[s]! / denom : 0;
    if (s === 0) { pValue[s] = 0; continue; }
    const m = n[s]!;
    if (SPOC_SAMPLE_FRACTION * m < 10) {
      pValue[s] = fsc[s]! < 0.9 ? 1 : 0; // SPOC: too few samples, a 0.9 threshold instead
      continue;
    }
    if (m <= EXACT_LIMIT) { small.push(s); continue; }
    // centred scatter matrices and the permutation moments of T
    const ca = centred(qa, sa, s, m), cb = centred(qb, sb, s, m);
    const mean = (sa[2 * s]! * sb[2 * s]! + sa[2 * s + 1]! * sb[2 * s + 1]!) / m;
    const variance = (ca[0] * cb[0] + 2 * ca[1] * cb[1] + ca[2] * cb[2]) / (m - 1) / SPOC_SAMPLE_FRACTION;
    pValue[s] = variance > 0 ? 1 - normalCdf((cross[s]! - mean) / Math.sqrt(variance)) : fsc[s]! > 0 ? 0 : 1;
  }
  if (small.length > 0) permuteSmallShells(spectrum1, spectrum2, map, small, n, fsc, pValue, permuted, rnd);
  return { fsc, pValue, count: n, permuted };
}

function centred(q: Float64Array, sum: Float64Array, s: number, m: number): [number, number, number] {
  const mr = sum[2 * s]! / m, mi = sum[2 * s + 1]! / m;
  return [q[3 * s]! - m * mr * mr, q[3 * s + 1]! - m * mr * mi, q[3 * s + 2]! - m * mi * mi];
}

/** SPOC's Monte Carlo test: a 0.7·n subsample, 1000 permutations of half 2's coefficients. */
function permuteSmallShells(
  s1: Float32Array, s2: Float32Array, map: FscShellMap, shells: number[], n: Float64Array,
  fsc: Float64Array, pValue: Float64Array, permuted: Uint8Array, rnd: () => number,
): void {
  const index = new Int32Array(map.shells).fill(-1);
  shells.forEach((s, k) => (index[s] = k));
  const members: number[][] = shells.map(() => []);
  for (let i = 0; i < map.shell.length; i++) {
    const s = map.shell[i]!;
    if (s >= 0 && index[s]! >= 0) members[index[s]!]!.push(i);
  }
  shells.forEach((s, k) => {
    const all = members[k]!;
    shuffle(all, rnd);
    const take = Math.max(1, Math.floor(SPOC_SAMPLE_FRACTION * n[s]!));
    const a = new Float64Array(2 * take), b = new Float64Array(2 * take);
    let pa = 0, pb = 0;
    for (let j = 0; j < take; j++) {
      const i = all[j]!;
      a[2 * j] = s1[2 * i]!; a[2 * j + 1] = s1[2 * i + 1]!;
      b[2 * j] = s2[2 * i]!; b[2 * j + 1] = s2[2 * i + 1]!;
      pa += a[2 * j]! ** 2 + a[2 * j + 1]! ** 2;
      pb += b[2 * j]! ** 2 + b[2 * j + 1]! ** 2;
    }
    const denom = Math.sqrt(pa * pb);
    const order = Array.from({ length: take }, (_, j) => j);
    let above = 0;
    for (let p = 0; p < SPOC_PERMUTATIONS; p++) {
      shuffle(order, rnd);
      let t = 0;
      for (let j = 0; j < take; j++) t += a[2 * j]! * b[2 * order[j]!]! + a[2 * j + 1]! * b[2 * order[j]! + 1]!;
      if (denom > 0 && t / denom > fsc[s]!) above++;
    }
    pValue[s] = above / SPOC_PERMUTATIONS;
    permuted[s] = 1;
  });
}

function shuffle(a: number[], rnd: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/**
 * Benjamini–Yekutieli adjusted p-values (q-values; FDR under any dependence between shells),
 * as SPOC's pAdjust(…, 'BY') and R's p.adjust: q_(k) = min_{j ≥ k} min(1, m·c(m)·p_(j)/j),
 * c(m) = Σ_{i ≤ m} 1/i.
 */
export function benjaminiYekutieli(p: Float64Array): Float64Array {
  const m = p.length;
  let c = 0;
  for (let i = 1; i <= m; i++) c += 1 / i;
  const order = Array.from(p.keys()).sort((x, y) => p[x]! - p[y]!);
  const q = new Float64Array(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r]!;
    running = Math.min(running, (m * c * p[i]!) / (r + 1));
    q[i] = Math.min(1, running);
  }
  return q;
}

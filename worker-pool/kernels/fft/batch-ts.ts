/**
 * Batched 1D complex FFT in plain TypeScript (the portable engine; the WASM engine does the
 * same arithmetic faster). Data are split complex, L lines at once: element j of line l is
 * at re[j·L + l], im[j·L + l]. Working on many lines per butterfly keeps the innermost loop
 * unit-stride whatever the axis, which is what makes the y and z passes cache-friendly.
 */
import type { DirectPlan, Plan1D } from './plan1d.js';

/** Four work arrays of at least n·L floats (x = data, y = ping-pong partner). */
export interface SplitBuffers {
  xRe: Float32Array;
  xIm: Float32Array;
  yRe: Float32Array;
  yIm: Float32Array;
}

/** Arrays for Bluestein: four of at least M·L floats. */
export type BluesteinBuffers = SplitBuffers;

type F = Float32Array;

function radix2(sr: F, si: F, dr: F, di: F, n: number, ns: number, L: number, twr: Float64Array, twi: Float64Array, sign: number): void {
  const m = n >> 1;
  for (let t = 0; t < m; t++) {
    const k = t % ns;
    const wr = twr[k]!, wi = sign * twi[k]!;
    const i0 = t * L, i1 = (t + m) * L;
    const o0 = ((t - k) * 2 + k) * L, o1 = o0 + ns * L;
    for (let l = 0; l < L; l++) {
      const ar = sr[i0 + l]!, ai = si[i0 + l]!;
      const br0 = sr[i1 + l]!, bi0 = si[i1 + l]!;
      const br = br0 * wr - bi0 * wi, bi = br0 * wi + bi0 * wr;
      dr[o0 + l] = ar + br; di[o0 + l] = ai + bi;
      dr[o1 + l] = ar - br; di[o1 + l] = ai - bi;
    }
  }
}

function radix3(sr: F, si: F, dr: F, di: F, n: number, ns: number, L: number, twr: Float64Array, twi: Float64Array, sign: number): void {
  const m = n / 3;
  const h = sign * (Math.sqrt(3) / 2);
  for (let t = 0; t < m; t++) {
    const k = t % ns;
    const w1r = twr[2 * k]!, w1i = sign * twi[2 * k]!, w2r = twr[2 * k + 1]!, w2i = sign * twi[2 * k + 1]!;
    const i0 = t * L, i1 = (t + m) * L, i2 = (t + 2 * m) * L;
    const o0 = ((t - k) * 3 + k) * L, o1 = o0 + ns * L, o2 = o1 + ns * L;
    for (let l = 0; l < L; l++) {
      const a0r = sr[i0 + l]!, a0i = si[i0 + l]!;
      const x1r = sr[i1 + l]!, x1i = si[i1 + l]!, x2r = sr[i2 + l]!, x2i = si[i2 + l]!;
      const a1r = x1r * w1r - x1i * w1i, a1i = x1r * w1i + x1i * w1r;
      const a2r = x2r * w2r - x2i * w2i, a2i = x2r * w2i + x2i * w2r;
      const t1r = a1r + a2r, t1i = a1i + a2i, t2r = a1r - a2r, t2i = a1i - a2i;
      const mr = a0r - 0.5 * t1r, mi = a0i - 0.5 * t1i;
      const nr = -h * t2i, ni = h * t2r;
      dr[o0 + l] = a0r + t1r; di[o0 + l] = a0i + t1i;
      dr[o1 + l] = mr + nr; di[o1 + l] = mi + ni;
      dr[o2 + l] = mr - nr; di[o2 + l] = mi - ni;
    }
  }
}

function radix4(sr: F, si: F, dr: F, di: F, n: number, ns: number, L: number, twr: Float64Array, twi: Float64Array, sign: number): void {
  const m = n >> 2;
  for (let t = 0; t < m; t++) {
    const k = t % ns;
    const w1r = twr[3 * k]!, w1i = sign * twi[3 * k]!;
    const w2r = twr[3 * k + 1]!, w2i = sign * twi[3 * k + 1]!;
    const w3r = twr[3 * k + 2]!, w3i = sign * twi[3 * k + 2]!;
    const i0 = t * L, i1 = (t + m) * L, i2 = (t + 2 * m) * L, i3 = (t + 3 * m) * L;
    const o0 = ((t - k) * 4 + k) * L, o1 = o0 + ns * L, o2 = o1 + ns * L, o3 = o2 + ns * L;
    for (let l = 0; l < L; l++) {
      const a0r = sr[i0 + l]!, a0i = si[i0 + l]!;
      const x1r = sr[i1 + l]!, x1i = si[i1 + l]!;
      const x2r = sr[i2 + l]!, x2i = si[i2 + l]!;
      const x3r = sr[i3 + l]!, x3i = si[i3 + l]!;
      const a1r = x1r * w1r - x1i * w1i, a1i = x1r * w1i + x1i * w1r;
      const a2r = x2r * w2r - x2i * w2i, a2i = x2r * w2i + x2i * w2r;
      const a3r = x3r * w3r - x3i * w3i, a3i = x3r * w3i + x3i * w3r;
      const t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
      const t2r = a1r + a3r, t2i = a1i + a3i;
      // (a1 − a3)·(sign·i)
      const t3r = -sign * (a1i - a3i), t3i = sign * (a1r - a3r);
      dr[o0 + l] = t0r + t2r; di[o0 + l] = t0i + t2i;
      dr[o1 + l] = t1r + t3r; di[o1 + l] = t1i + t3i;
      dr[o2 + l] = t0r - t2r; di[o2 + l] = t0i - t2i;
      dr[o3 + l] = t1r - t3r; di[o3 + l] = t1i - t3i;
    }
  }
}

const C1 = Math.cos((2 * Math.PI) / 5), C2 = Math.cos((4 * Math.PI) / 5);
const S1 = Math.sin((2 * Math.PI) / 5), S2 = Math.sin((4 * Math.PI) / 5);

function radix5(sr: F, si: F, dr: F, di: F, n: number, ns: number, L: number, twr: Float64Array, twi: Float64Array, sign: number): void {
  const m = n / 5;
  const s1 = sign * S1, s2 = sign * S2;
  for (let t = 0; t < m; t++) {
    const k = t % ns;
    const b = 4 * k;
    const w1r = twr[b]!, w1i = sign * twi[b]!, w2r = twr[b + 1]!, w2i = sign * twi[b + 1]!;
    const w3r = twr[b + 2]!, w3i = sign * twi[b + 2]!, w4r = twr[b + 3]!, w4i = sign * twi[b + 3]!;
    const i0 = t * L, i1 = (t + m) * L, i2 = (t + 2 * m) * L, i3 = (t + 3 * m) * L, i4 = (t + 4 * m) * L;
    const o0 = ((t - k) * 5 + k) * L, o1 = o0 + ns * L, o2 = o1 + ns * L, o3 = o2 + ns * L, o4 = o3 + ns * L;
    for (let l = 0; l < L; l++) {
      const a0r = sr[i0 + l]!, a0i = si[i0 + l]!;
      let xr = sr[i1 + l]!, xi = si[i1 + l]!;
      const a1r = xr * w1r - xi * w1i, a1i = xr * w1i + xi * w1r;
      xr = sr[i2 + l]!; xi = si[i2 + l]!;
      const a2r = xr * w2r - xi * w2i, a2i = xr * w2i + xi * w2r;
      xr = sr[i3 + l]!; xi = si[i3 + l]!;
      const a3r = xr * w3r - xi * w3i, a3i = xr * w3i + xi * w3r;
      xr = sr[i4 + l]!; xi = si[i4 + l]!;
      const a4r = xr * w4r - xi * w4i, a4i = xr * w4i + xi * w4r;
      const t1r = a1r + a4r, t1i = a1i + a4i, t2r = a2r + a3r, t2i = a2i + a3i;
      const t3r = a1r - a4r, t3i = a1i - a4i, t4r = a2r - a3r, t4i = a2i - a3i;
      const m1r = a0r + C1 * t1r + C2 * t2r, m1i = a0i + C1 * t1i + C2 * t2i;
      const m2r = a0r + C2 * t1r + C1 * t2r, m2i = a0i + C2 * t1i + C1 * t2i;
      // n1 = i·(s1·t3 + s2·t4), n2 = i·(s2·t3 − s1·t4)
      const u1r = s1 * t3r + s2 * t4r, u1i = s1 * t3i + s2 * t4i;
      const u2r = s2 * t3r - s1 * t4r, u2i = s2 * t3i - s1 * t4i;
      dr[o0 + l] = a0r + t1r + t2r; di[o0 + l] = a0i + t1i + t2i;
      dr[o1 + l] = m1r - u1i; di[o1 + l] = m1i + u1r;
      dr[o4 + l] = m1r + u1i; di[o4 + l] = m1i - u1r;
      dr[o2 + l] = m2r - u2i; di[o2 + l] = m2i + u2r;
      dr[o3 + l] = m2r + u2i; di[o3 + l] = m2i - u2r;
    }
  }
}

/** Any odd prime radix p (7, 11, 13): O(p²) per butterfly, fine for rare sizes. */
function radixGeneric(sr: F, si: F, dr: F, di: F, n: number, ns: number, L: number, p: number, twr: Float64Array, twi: Float64Array, sign: number): void {
  const m = n / p;
  const cr = new Float64Array(p), ci = new Float64Array(p);
  for (let j = 0; j < p; j++) { cr[j] = Math.cos((2 * Math.PI * j) / p); ci[j] = sign * Math.sin((2 * Math.PI * j) / p); }
  const ar = new Float64Array(p), ai = new Float64Array(p);
  for (let t = 0; t < m; t++) {
    const k = t % ns;
    const o0 = ((t - k) * p + k) * L;
    for (let l = 0; l < L; l++) {
      ar[0] = sr[t * L + l]!; ai[0] = si[t * L + l]!;
      for (let r = 1; r < p; r++) {
        const xr = sr[(t + r * m) * L + l]!, xi = si[(t + r * m) * L + l]!;
        const wr = twr[k * (p - 1) + r - 1]!, wi = sign * twi[k * (p - 1) + r - 1]!;
        ar[r] = xr * wr - xi * wi; ai[r] = xr * wi + xi * wr;
      }
      for (let q = 0; q < p; q++) {
        let s_r = 0, s_i = 0;
        for (let r = 0, j = 0; r < p; r++, j = (j + q) % p) {
          s_r += ar[r]! * cr[j]! - ai[r]! * ci[j]!;
          s_i += ar[r]! * ci[j]! + ai[r]! * cr[j]!;
        }
        dr[o0 + q * ns * L + l] = s_r; di[o0 + q * ns * L + l] = s_i;
      }
    }
  }
}

/** Runs a direct plan; returns true when the result ended in the y arrays. */
function runDirect(plan: DirectPlan, L: number, sign: number, b: SplitBuffers): boolean {
  let sr = b.xRe, si = b.xIm, dr = b.yRe, di = b.yIm;
  for (const { p, ns, twRe, twIm } of plan.stages) {
    if (p === 4) radix4(sr, si, dr, di, plan.n, ns, L, twRe, twIm, sign);
    else if (p === 2) radix2(sr, si, dr, di, plan.n, ns, L, twRe, twIm, sign);
    else if (p === 3) radix3(sr, si, dr, di, plan.n, ns, L, twRe, twIm, sign);
    else if (p === 5) radix5(sr, si, dr, di, plan.n, ns, L, twRe, twIm, sign);
    else radixGeneric(sr, si, dr, di, plan.n, ns, L, p, twRe, twIm, sign);
    [sr, dr] = [dr, sr];
    [si, di] = [di, si];
  }
  return sr !== b.xRe;
}

/**
 * Transforms L lines of length plan.n held in (xRe, xIm), unnormalised, with
 * exp(sign·2πi·jk/n). Returns true when the result is in (yRe, yIm), false when in (xRe, xIm).
 * `blue` is needed only for Bluestein plans (four arrays of ≥ M·L floats).
 */
export function fftBatchTs(plan: Plan1D, L: number, sign: 1 | -1, b: SplitBuffers, blue?: BluesteinBuffers): boolean {
  if (plan.direct) return runDirect(plan.direct, L, sign, b);
  const bp = plan.bluestein!;
  if (!blue) throw new Error('Bluestein buffers missing');
  const n = plan.n, M = bp.m;
  const { chirpRe, chirpIm, kerRe, kerIm } = bp;
  const ar = blue.xRe, ai = blue.xIm;
  // a_j = x_j · w_j (w = chirp for the forward sign, its conjugate for the inverse)
  for (let j = 0; j < n; j++) {
    const wr = chirpRe[j]!, wi = -sign * chirpIm[j]!;
    for (let l = 0; l < L; l++) {
      const xr = b.xRe[j * L + l]!, xi = b.xIm[j * L + l]!;
      ar[j * L + l] = xr * wr - xi * wi; ai[j * L + l] = xr * wi + xi * wr;
    }
  }
  ar.fill(0, n * L, M * L); ai.fill(0, n * L, M * L);
  let inY = runDirect(bp.inner, L, -1, blue);
  const fr = inY ? blue.yRe : blue.xRe, fi = inY ? blue.yIm : blue.xIm;
  for (let k = 0; k < M; k++) {
    // kernel for sign −1 is ker[k]; for sign +1 it is conj(ker[(M−k) mod M])
    const kk = sign < 0 ? k : (M - k) % M;
    const kr = kerRe[kk]!, ki = sign < 0 ? kerIm[kk]! : -kerIm[kk]!;
    for (let l = 0; l < L; l++) {
      const xr = fr[k * L + l]!, xi = fi[k * L + l]!;
      fr[k * L + l] = xr * kr - xi * ki; fi[k * L + l] = xr * ki + xi * kr;
    }
  }
  const second: SplitBuffers = inY ? { xRe: blue.yRe, xIm: blue.yIm, yRe: blue.xRe, yIm: blue.xIm } : blue;
  inY = runDirect(bp.inner, L, 1, second);
  const cr = inY ? second.yRe : second.xRe, ci = inY ? second.yIm : second.xIm;
  for (let j = 0; j < n; j++) {
    const wr = chirpRe[j]!, wi = -sign * chirpIm[j]!;
    for (let l = 0; l < L; l++) {
      const xr = cr[j * L + l]!, xi = ci[j * L + l]!;
      b.xRe[j * L + l] = xr * wr - xi * wi; b.xIm[j * L + l] = xr * wi + xi * wr;
    }
  }
  return false;
}

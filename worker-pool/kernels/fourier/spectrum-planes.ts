/**
 * Per-plane kernels over half-complex spectra (fft3d.ts layout) that the FFT team runs in
 * parallel like an FFT pass (jobs.ts op 'spectrumPlane', chunk = plane kz): the FSC shell sums
 * (with the DPR and SSNR sums of 1.a when asked) and relion's phase randomisation (and one
 * kernel over real volumes: filling planes with a value). Each plane
 * writes only its own slice of the output, so the result does not depend on the thread count.
 *
 * Shells as fsc.ts: shell round(|f|·N), N the largest side, computed here with the same
 * floating-point operations as fscShellMap, so both give the same shell to every coefficient.
 */
import type { Dims } from '../../volume.js';
import { frequencyAxes, type FrequencyAxes } from './frequency.js';
import { amplitudePlane, lowPassPlane, rieszPlane } from '../monores-planes.js';

/**
 * Sums per shell, in this order: FSC's four, then DPR's and SSNR's two each, then (at shell 0 of
 * their block only) each spectrum's power beyond the last shell, so that the whole transform's
 * power, and by Parseval each map's variance, comes with the pass (1.a's masked-border check).
 */
export const SUM_CROSS = 0, SUM_P1 = 1, SUM_P2 = 2, SUM_COUNT = 3, SUM_DPR_NUM = 4, SUM_DPR_DEN = 5, SUM_PLUS = 6, SUM_MINUS = 7, SUM_BEYOND1 = 8, SUM_BEYOND2 = 9;
export const FSC_SUMS = 4, ALL_SUMS = 10;

/** Σ w·|F1|² and Σ w·|F2|² over coefficients x0 … nkx − 1 of the row starting at i0 (Hermitian weights). */
function rowPower(s1: Float32Array, s2: Float32Array, i0: number, x0: number, nkx: number, nx: number): [number, number] {
  let p1 = 0, p2 = 0;
  for (let x = x0, i = i0 + x0; x < nkx; x++, i++) {
    const w = x === 0 || 2 * x === nx ? 1 : 2;
    const a = s1[2 * i]!, b = s1[2 * i + 1]!, c = s2[2 * i]!, e = s2[2 * i + 1]!;
    p1 += w * (a * a + b * b);
    p2 += w * (c * c + e * e);
  }
  return [p1, p2];
}

let cachedAxes: { key: string; axes: FrequencyAxes } | undefined;
function axesOf(d: Dims): FrequencyAxes {
  const key = `${d.nx},${d.ny},${d.nz}`;
  if (cachedAxes?.key !== key) cachedAxes = { key, axes: frequencyAxes(d) };
  return cachedAxes.axes;
}

const DEG = 180 / Math.PI;

/**
 * |atan2(y, x)| within 1e-5 rad (a minimax polynomial for atan on [0, 1]): Math.atan2 costs more
 * than the rest of the sums. The DPR squares the angle, so its sign is not needed, and the rest
 * is written as selects: the signs of a phase difference are random, and the branches of a
 * signed atan2 were mispredicted often enough to cost 15 % of the sums.
 */
export function absAtan2(y: number, x: number): number {
  const ax = Math.abs(x), ay = Math.abs(y);
  const steep = ay > ax;
  const big = steep ? ay : ax, small = steep ? ax : ay;
  if (big === 0) return 0;
  const t = small / big, t2 = t * t;
  const r = t * (0.99997726 + t2 * (-0.33262347 + t2 * (0.19354346 + t2 * (-0.11643287 + t2 * (0.05265332 + t2 * -0.0117212)))));
  const q = steep ? Math.PI / 2 - r : r;
  return x < 0 ? Math.PI - q : q;
}

/**
 * params [N, shells, withPhase (0/1)]; out holds, per plane z, `sums × shells` values at
 * z·sums·shells (sums = ALL_SUMS with the phase sums, else FSC_SUMS), quantity-major.
 * Hermitian weights as fsc.ts (2 for 0 < kx < nx/2, else 1).
 */
function shellSums(s1: Float32Array, s2: Float32Array, d: Dims, z: number, params: number[], out?: Float64Array): void {
  const [n, shells, withPhase] = params as [number, number, number];
  const sums = withPhase ? ALL_SUMS : FSC_SUMS;
  const o = out!.subarray(z * sums * shells, (z + 1) * sums * shells);
  o.fill(0);
  const { fx, fy, fz } = axesOf(d);
  const nkx = fx.length, nx = d.nx;
  const limit = ((shells - 0.5) / n) ** 2; // rows wholly beyond the last shell are skipped
  // a row's shell index never decreases with kx: sums run in locals along a run of one shell and
  // are added to the plane's output when the shell changes (random += into `o` per coefficient
  // cost more than the arithmetic)
  let beyond1 = 0, beyond2 = 0;
  for (let y = 0; y < d.ny; y++) {
    const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
    if (yz2 >= limit) {
      if (withPhase) { const [q1, q2] = rowPower(s1, s2, (z * d.ny + y) * nkx, 0, nkx, nx); beyond1 += q1; beyond2 += q2; }
      continue;
    }
    let i = (z * d.ny + y) * nkx;
    let cur = -1, cross = 0, p1 = 0, p2 = 0, cnt = 0, dn = 0, dd = 0, plus = 0, minus = 0;
    // (the flush is written out twice: a closure over these locals would move them to the heap)
    for (let x = 0; x < nkx; x++, i++) {
      const s = Math.round(Math.sqrt(yz2 + fx[x]! * fx[x]!) * n);
      if (s >= shells) { // |f| grows with kx along a row
        if (withPhase) { const [q1, q2] = rowPower(s1, s2, i - x, x, nkx, nx); beyond1 += q1; beyond2 += q2; }
        break;
      }
      if (s !== cur) {
        if (cur >= 0) {
          o[cur]! += cross; o[shells + cur]! += p1; o[2 * shells + cur]! += p2; o[3 * shells + cur]! += cnt;
          if (withPhase) { o[4 * shells + cur]! += dn; o[5 * shells + cur]! += dd; o[6 * shells + cur]! += plus; o[7 * shells + cur]! += minus; }
          cross = p1 = p2 = cnt = dn = dd = plus = minus = 0;
        }
        cur = s;
      }
      const w = x === 0 || 2 * x === nx ? 1 : 2;
      const a = s1[2 * i]!, b = s1[2 * i + 1]!, c = s2[2 * i]!, e = s2[2 * i + 1]!;
      const re = a * c + b * e, aa = a * a + b * b, cc = c * c + e * e;
      cross += w * re;
      p1 += w * aa;
      p2 += w * cc;
      cnt += w;
      if (withPhase) {
        // DPR: the phase of F1·F2* is the phase difference; SSNR: |F1 + F2|, |F1 − F2|
        const amp = Math.sqrt(aa) + Math.sqrt(cc);
        if (amp > 0) {
          const dphi = absAtan2(b * c - a * e, re) * DEG;
          dn += w * amp * dphi * dphi;
          dd += w * amp;
        }
        const pr = a + c, pi = b + e, mr = a - c, mi = b - e;
        plus += w * Math.sqrt(pr * pr + pi * pi);
        minus += w * Math.sqrt(mr * mr + mi * mi);
      }
    }
    if (cur >= 0) {
      o[cur]! += cross; o[shells + cur]! += p1; o[2 * shells + cur]! += p2; o[3 * shells + cur]! += cnt;
      if (withPhase) { o[4 * shells + cur]! += dn; o[5 * shells + cur]! += dd; o[6 * shells + cur]! += plus; o[7 * shells + cur]! += minus; }
    }
  }
  if (withPhase) { o[SUM_BEYOND1 * shells] = beyond1; o[SUM_BEYOND2 * shells] = beyond2; }
}

const PHASES = 4096; // cos and sin interleaved, 32 KiB: stays in L1 (65,536 phases cost 2× in cache misses)
const PHASE_TABLE = (() => {
  const t = new Float32Array(2 * PHASES);
  for (let k = 0; k < PHASES; k++) {
    t[2 * k] = Math.cos((2 * Math.PI * (k + 0.5)) / PHASES);
    t[2 * k + 1] = Math.sin((2 * Math.PI * (k + 0.5)) / PHASES);
  }
  return t;
})();

/**
 * relion's randomizePhasesBeyond on plane z: every stored coefficient with |k| ≥ index (|k| in
 * index units of the largest side) keeps its amplitude and gets a uniform random phase (on a
 * grid of 4,096). Plane z draws from its own xorshift32 stream seeded from (seed, z), so the
 * result is the same whichever thread takes the plane. params [index, seed]; s1 is changed.
 */
function randomizePhases(s1: Float32Array, _s2: Float32Array, d: Dims, z: number, params: number[]): void {
  const [index, seed] = params as [number, number];
  const n = Math.max(d.nx, d.ny, d.nz);
  const { fx, fy, fz } = axesOf(d);
  const nkx = fx.length;
  const limit = index * index - 1e-9;
  let state = Math.imul((seed ^ Math.imul(z + 1, 0x9e3779b1)) >>> 0, 0x85ebca6b) >>> 0 || 0x9e3779b9;
  for (let y = 0; y < d.ny; y++) {
    const yz2 = (fz[z]! * fz[z]! + fy[y]! * fy[y]!) * n * n;
    const last = fx[nkx - 1]! * n;
    if (yz2 + last * last < limit) continue; // the whole row is inside the sphere
    for (let x = 0, k = (z * d.ny + y) * nkx; x < nkx; x++, k++) {
      const fxn = fx[x]! * n;
      if (yz2 + fxn * fxn < limit) continue;
      const re = s1[2 * k]!, im = s1[2 * k + 1]!;
      const mag = Math.sqrt(re * re + im * im);
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const p = 2 * ((state >>> 20) & (PHASES - 1));
      s1[2 * k] = mag * PHASE_TABLE[p]!;
      s1[2 * k + 1] = mag * PHASE_TABLE[p + 1]!;
    }
  }
}

/**
 * Not a spectrum: plane z of a real volume `a` set to params[0]. Run on the team over a fresh
 * SharedArrayBuffer it makes both threads take the page faults of first touch (at 400³ they cost
 * more than copying into the pages afterwards).
 */
function fillPlane(a: Float32Array, _b: Float32Array, d: Dims, z: number, params: number[]): void {
  a.fill(params[0] ?? 0, z * d.nx * d.ny, (z + 1) * d.nx * d.ny);
}

export type SpectrumPlaneKernel = 'shellSums' | 'randomizePhases' | 'riesz' | 'amplitude' | 'lowPass' | 'fillPlane';

/** Every kernel the team can run on a plane (MonoRes's from monores-planes.ts). */
export const SPECTRUM_PLANE_KERNELS: Record<SpectrumPlaneKernel, (a: Float32Array, b: Float32Array, d: Dims, z: number, params: number[], out?: Float64Array, extra?: Float32Array[]) => void> = {
  shellSums,
  randomizePhases,
  riesz: rieszPlane,
  amplitude: amplitudePlane,
  lowPass: lowPassPlane,
  fillPlane,
};

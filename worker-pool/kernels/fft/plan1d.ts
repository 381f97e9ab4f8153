/**
 * Plans for a batched 1D complex FFT of length n: the radix sequence and the Stockham
 * twiddles, or (for sizes with a prime factor above MAX_DIRECT_RADIX) a Bluestein plan that
 * turns the length-n DFT into a cyclic convolution of a 2·3·5-smooth length M ≥ 2n − 1.
 * Plans are pure data (Float64Array tables), shared by the TypeScript and WASM engines.
 *
 * Stockham stage (Govindaraju et al. 2008 formulation), radix p, ns = product of the radices
 * already applied: for t in 0 … n/p − 1, k = t mod ns,
 *   a_r = x[t + r·n/p] · exp(sign·2πi·r·k/(ns·p)),  b_q = Σ_r a_r · exp(sign·2πi·r·q/p),
 *   y[(t div ns)·ns·p + k + q·ns] = b_q.
 * The output is in natural order after the last stage (self-sorting, ping-pong buffers).
 */

/** Largest prime handled by a direct radix pass; larger primes use Bluestein. */
export const MAX_DIRECT_RADIX = 13;

export interface Stage {
  p: number;
  ns: number;
  /** cos/sin(2π·r·k/(ns·p)) for k in 0 … ns−1, r in 1 … p−1, at [k·(p−1) + r−1]. */
  twRe: Float64Array;
  twIm: Float64Array;
}

export interface BluesteinPlan {
  /** Convolution length (2·3·5-smooth, ≥ 2n − 1). */
  m: number;
  inner: DirectPlan;
  /** Chirp w_j = exp(−πi·j²/n) (forward sign); the inverse uses its conjugate. */
  chirpRe: Float64Array;
  chirpIm: Float64Array;
  /** FFT_M of conj(chirp) laid out cyclically, divided by M, for the forward sign; the
   *  inverse sign uses the transform of the conjugate sequence (kernel[ (M−k) mod M ] conj). */
  kerRe: Float64Array;
  kerIm: Float64Array;
}

export interface DirectPlan {
  n: number;
  stages: Stage[];
}

export interface Plan1D {
  n: number;
  direct?: DirectPlan;
  bluestein?: BluesteinPlan;
}

/** Prime factors of n in the order the stages use them (4s first: fewer passes). */
export function factorRadices(n: number): number[] {
  const out: number[] = [];
  let m = n;
  while (m % 4 === 0) { out.push(4); m /= 4; }
  for (const p of [2, 3, 5]) while (m % p === 0) { out.push(p); m /= p; }
  for (let p = 7; p * p <= m; p += 2) while (m % p === 0) { out.push(p); m /= p; }
  if (m > 1) out.push(m);
  return out;
}

export function isDirectSize(n: number): boolean {
  return factorRadices(n).every((p) => p <= MAX_DIRECT_RADIX);
}

/** Smallest 2^a·3^b·5^c ≥ n. */
export function nextSmooth235(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let r = m;
    for (const p of [2, 3, 5]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}

function directPlan(n: number): DirectPlan {
  const stages: Stage[] = [];
  let ns = 1;
  for (const p of n === 1 ? [] : factorRadices(n)) {
    const twRe = new Float64Array(ns * (p - 1));
    const twIm = new Float64Array(ns * (p - 1));
    for (let k = 0; k < ns; k++) {
      for (let r = 1; r < p; r++) {
        // exact integer reduction keeps the angle accurate for large n
        const a = (2 * Math.PI * ((r * k) % (ns * p))) / (ns * p);
        twRe[k * (p - 1) + r - 1] = Math.cos(a);
        twIm[k * (p - 1) + r - 1] = Math.sin(a);
      }
    }
    stages.push({ p, ns, twRe, twIm });
    ns *= p;
  }
  return { n, stages };
}

/** Reference float64 DFT of one complex line, used only to build the Bluestein kernel. */
function fft64(re: Float64Array, im: Float64Array, plan: DirectPlan, sign: number): void {
  let xr: Float64Array = re, xi: Float64Array = im;
  let yr: Float64Array = new Float64Array(plan.n), yi: Float64Array = new Float64Array(plan.n);
  const n = plan.n;
  for (const { p, ns, twRe, twIm } of plan.stages) {
    const m = n / p;
    for (let t = 0; t < m; t++) {
      const k = t % ns;
      const base = (t - k) * p + k;
      for (let q = 0; q < p; q++) {
        let sr = 0, si = 0;
        for (let r = 0; r < p; r++) {
          let ar = xr[t + r * m]!, ai = xi[t + r * m]!;
          if (r > 0) {
            const wr = twRe[k * (p - 1) + r - 1]!, wi = sign * twIm[k * (p - 1) + r - 1]!;
            const tr = ar * wr - ai * wi; ai = ar * wi + ai * wr; ar = tr;
          }
          const ang = (sign * 2 * Math.PI * ((r * q) % p)) / p;
          const c = Math.cos(ang), s = Math.sin(ang);
          sr += ar * c - ai * s;
          si += ar * s + ai * c;
        }
        yr[base + q * ns] = sr;
        yi[base + q * ns] = si;
      }
    }
    [xr, yr] = [yr, xr];
    [xi, yi] = [yi, xi];
  }
  if (xr !== re) { re.set(xr); im.set(xi); }
}

function bluesteinPlan(n: number): BluesteinPlan {
  const m = nextSmooth235(2 * n - 1);
  const inner = directPlan(m);
  const chirpRe = new Float64Array(n), chirpIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = (-Math.PI * ((j * j) % (2 * n))) / n;
    chirpRe[j] = Math.cos(a);
    chirpIm[j] = Math.sin(a);
  }
  const kerRe = new Float64Array(m), kerIm = new Float64Array(m);
  kerRe[0] = chirpRe[0]!; kerIm[0] = -chirpIm[0]!;
  for (let j = 1; j < n; j++) {
    kerRe[j] = kerRe[m - j] = chirpRe[j]!;
    kerIm[j] = kerIm[m - j] = -chirpIm[j]!;
  }
  fft64(kerRe, kerIm, inner, -1);
  for (let k = 0; k < m; k++) { kerRe[k]! /= m; kerIm[k]! /= m; }
  return { m, inner, chirpRe, chirpIm, kerRe, kerIm };
}

const cache = new Map<number, Plan1D>();

/** The (cached) plan for length n. */
export function plan1d(n: number): Plan1D {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT length must be a positive integer, got ${n}`);
  let plan = cache.get(n);
  if (!plan) {
    plan = isDirectSize(n) ? { n, direct: directPlan(n) } : { n, bluestein: bluesteinPlan(n) };
    cache.set(n, plan);
  }
  return plan;
}

/**
 * VRS's logistic model of an FSC curve (validationLevel1.py, globalResolution):
 *   y(x) = 1 − a / (1 + c + exp(−b·(x − x0))),   x the shell frequency (1/Å),
 * fitted by least squares (VRS: scipy.optimize.curve_fit, Levenberg–Marquardt, from
 * p0 = [a, b, x0, c] = [1, 1, f₀.₅, 0], f₀.₅ the FSC's 0.5 crossing; no fit without one). The
 * fitted curve's 0.9 crossing is VRS's "map information well preserved (FSC > 0.9) up to".
 *
 * The four parameters are not all identifiable: y = 1 − A/(1 + exp(−b(x − X))) with
 * A = a/(1 + c), X = x0 − ln(1 + c)/b, so a and c trade off along a valley (scipy's answer too);
 * only the curve, and so the 0.9 crossing, is determined.
 *
 * Levenberg–Marquardt with Marquardt's diagonal scaling and the analytic Jacobian. VRS's b = 1
 * start lies on a flat curve (b is ~50–200 Å in practice), so a second start with b from the
 * curve's slope at f₀.₅ (−b/4 for a = 1, c = 0) is also run and the smaller residual kept.
 */

export interface LogisticParams { a: number; b: number; x0: number; c: number }

export function logisticFsc(p: LogisticParams, x: number): number {
  return 1 - p.a / (1 + p.c + Math.exp(-p.b * (x - p.x0)));
}

export interface LogisticFit {
  params: LogisticParams;
  /** the model at every input frequency */
  fitted: Float64Array;
  /** root-mean-square residual over the fitted points */
  rms: number;
}

const toParams = (v: number[]): LogisticParams => ({ a: v[0]!, b: v[1]!, x0: v[2]!, c: v[3]! });

function residualSum(x: number[], y: number[], v: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (y[i]! - logisticFsc(toParams(v), x[i]!)) ** 2;
  return Number.isFinite(s) ? s : Infinity;
}

/** Solves the 4×4 system A·d = g (Gaussian elimination with partial pivoting); null if singular. */
function solve4(A: number[][], g: number[]): number[] | null {
  const m = A.map((row, i) => [...row, g[i]!]);
  for (let k = 0; k < 4; k++) {
    let p = k;
    for (let i = k + 1; i < 4; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[p]![k]!)) p = i;
    if (Math.abs(m[p]![k]!) < 1e-300) return null;
    [m[k], m[p]] = [m[p]!, m[k]!];
    for (let i = k + 1; i < 4; i++) {
      const f = m[i]![k]! / m[k]![k]!;
      for (let j = k; j < 5; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  const d = [0, 0, 0, 0];
  for (let k = 3; k >= 0; k--) {
    let s = m[k]![4]!;
    for (let j = k + 1; j < 4; j++) s -= m[k]![j]! * d[j]!;
    d[k] = s / m[k]![k]!;
  }
  return d;
}

function levenbergMarquardt(x: number[], y: number[], start: number[]): { v: number[]; sse: number } {
  let v = [...start], sse = residualSum(x, y, v), lambda = 1e-3;
  for (let iter = 0; iter < 500; iter++) {
    const JtJ = [0, 1, 2, 3].map(() => [0, 0, 0, 0]), Jtr = [0, 0, 0, 0];
    const [a, b, x0, c] = v as [number, number, number, number];
    for (let i = 0; i < x.length; i++) {
      const E = Math.exp(-b * (x[i]! - x0)), D = 1 + c + E, D2 = D * D;
      const r = y[i]! - (1 - a / D);
      // ∂y/∂a, ∂y/∂b, ∂y/∂x0, ∂y/∂c
      const J = [-1 / D, (-a * (x[i]! - x0) * E) / D2, (a * b * E) / D2, a / D2];
      for (let p = 0; p < 4; p++) {
        Jtr[p]! += J[p]! * r;
        for (let q = 0; q < 4; q++) JtJ[p]![q]! += J[p]! * J[q]!;
      }
    }
    let improved = false;
    while (lambda < 1e12) {
      const A = JtJ.map((row, p) => row.map((e, q) => (p === q ? e * (1 + lambda) : e)));
      const d = solve4(A, Jtr);
      const trial = d && v.map((e, p) => e + d[p]!);
      const s = trial ? residualSum(x, y, trial) : Infinity;
      if (trial && s < sse) {
        const gain = (sse - s) / Math.max(sse, 1e-300);
        v = trial; sse = s; lambda = Math.max(lambda / 10, 1e-12); improved = true;
        if (gain < 1e-12) return { v, sse };
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { v, sse };
}

/**
 * Fits the logistic model to the finite points of (frequency, fsc) from shell 1 on; null when
 * the curve never falls below 0.5 (VRS fits only then) or the fit fails.
 */
export function fitLogisticFsc(frequency: ArrayLike<number>, fsc: ArrayLike<number>, f05: number | null): LogisticFit | null {
  if (f05 === null) return null;
  const x: number[] = [], y: number[] = [];
  for (let i = 1; i < frequency.length; i++) if (Number.isFinite(fsc[i]!)) { x.push(frequency[i]!); y.push(fsc[i]!); }
  if (x.length < 5) return null;
  // slope at f0.5 from the two points around it
  let slope = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! >= f05) { slope = (y[i]! - y[i - 1]!) / (x[i]! - x[i - 1]!); break; }
  const starts = [[1, 1, f05, 0]];
  if (slope < 0) starts.push([1, -4 * slope, f05, 0]);
  let best: { v: number[]; sse: number } | null = null;
  for (const s of starts) {
    const r = levenbergMarquardt(x, y, s);
    if (Number.isFinite(r.sse) && (best === null || r.sse < best.sse)) best = r;
  }
  if (best === null) return null;
  const params = toParams(best.v);
  return { params, fitted: Float64Array.from(frequency, (f) => logisticFsc(params, f)), rms: Math.sqrt(best.sse / x.length) };
}

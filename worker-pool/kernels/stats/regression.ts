/** Ordinary least squares y = slope·x + intercept with the usual fit statistics. */

export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination 1 − SSres/SStot (= Pearson r² for this model). */
  r2: number;
  /** Pearson correlation r (its sign is the slope's). */
  r: number;
  /** Standard errors from s² = SSres/(n − 2) (scipy.stats.linregress stderr, intercept_stderr). */
  slopeStdErr: number;
  interceptStdErr: number;
  /** √(SSres/(n − 2)). */
  residualStd: number;
  n: number;
}

export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError('x and y must have the same length');
  if (n < 2) throw new RangeError('a line needs at least 2 points');
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError('all x values are equal: the slope is undefined');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - (slope * x[i]! + intercept);
    ssRes += e * e;
  }
  const s2 = n > 2 ? ssRes / (n - 2) : NaN;
  const r = syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  return {
    slope,
    intercept,
    r2: syy === 0 ? 1 : 1 - ssRes / syy,
    r,
    slopeStdErr: Math.sqrt(s2 / sxx),
    interceptStdErr: Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)),
    residualStd: Math.sqrt(s2),
    n,
  };
}

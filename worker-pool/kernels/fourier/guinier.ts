/**
 * The Guinier curve of a spectrum (xmipp_volume_correct_bfactor): ln(mean |F|) per shell
 * ROUND(|f|·X) of the 1/N-normalised half-complex FFT, Xmipp's least-squares line over
 * 15 Å ≥ d ≥ R, and sharpening by exp(−B s²/4). Pure functions: 0.d B-factor, 0.h's templates
 * and A.d's map–model Guinier share them.
 * Spectra are the FFT kernel's layout: [z][y][x/2+1] complex interleaved (re, im).
 */
import type { Dims } from '../../volume.js';
import { shellStatistics } from './shells.js';
import { digitalFrequency } from './frequency.js';

/** Å: low-resolution end of the fit (Xmipp fit_minres default). */
export const FIT_LOW_RESOLUTION = 15;

/** Shell sums of |F| and counts over the stored coefficients with |f|² ≤ 0.25; shell = ROUND(|f|·X). */
export function guinierShells(spectrum: Float32Array, d: Dims): { sums: Float64Array; counts: Float64Array } {
  const s = shellStatistics(spectrum, d, { maxFrequency: 0.5, shellScale: d.nx });
  return { sums: s.sumAmplitude, counts: s.count };
}

export interface RawGuinierPoint {
  x: number;
  y: number;
  inFit: boolean;
}

/**
 * Points for shells i = 0 … X−1 with res = X·Ts/i ≥ maxres (i = 0 is the DC point, x = 0).
 * Shells beyond the stored ones (i > X/2, only reachable when maxres < 2·Ts) are empty: y 0.
 */
export function guinierPoints(shells: { sums: Float64Array; counts: Float64Array }, nx: number, Ts: number, maxres: number): RawGuinierPoint[] {
  const pts: RawGuinierPoint[] = [];
  for (let i = 0; i < nx; i++) {
    const res = i === 0 ? Infinity : (nx * Ts) / i;
    if (!(res >= maxres)) continue;
    const x = 1 / (res * res);
    const s = shells.sums[i] ?? 0;
    if (s > 0) pts.push({ x, y: Math.log(s / shells.counts[i]!), inFit: res <= FIT_LOW_RESOLUTION && res >= maxres });
    else pts.push({ x, y: 0, inFit: false });
  }
  return pts;
}

/** Xmipp's least squares over the inFit points; null with fewer than two points. */
export function guinierFit(points: RawGuinierPoint[]): { slope: number; intercept: number; n: number } | null {
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  let n = 0;
  for (const p of points) {
    if (!p.inFit) continue;
    sx += p.x;
    sy += p.y;
    sxy += p.x * p.y;
    sxx += p.x * p.x;
    n++;
  }
  if (n < 2) return null;
  const slope = (sx * sy - n * sxy) / (sx * sx - n * sxx);
  return { slope, intercept: (sy - slope * sx) / n, n };
}

export function countFitPoints(points: RawGuinierPoint[]): number {
  return points.filter((p) => p.inFit).length;
}

/** exp(k·f²) for the digital frequencies of one axis (the filter is separable). */
function axisFactors(n: number, count: number, k: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => Math.exp(k * digitalFrequency(i, n) ** 2));
}

/** Multiplies F by exp(−B s²/4), s = |f|/Ts in 1/Å, where 1/s ≥ maxres (in place). */
export function sharpenSpectrum(spectrum: Float32Array, d: Dims, Ts: number, B: number, maxres: number): void {
  const hx = (d.nx >> 1) + 1;
  const k = (-0.25 * B) / (Ts * Ts);
  // |f|² ≤ (Ts/maxres)² ⇔ 1/s ≥ maxres; exp(k|f|²) = ex·ey·ez
  const fMax2 = (Ts / maxres) ** 2;
  const ex = axisFactors(d.nx, hx, k);
  const ey = axisFactors(d.ny, d.ny, k);
  const ez = axisFactors(d.nz, d.nz, k);
  let p = 0;
  for (let z = 0; z < d.nz; z++) {
    const fz = digitalFrequency(z, d.nz);
    for (let y = 0; y < d.ny; y++) {
      const fy = digitalFrequency(y, d.ny);
      const fyz = fy * fy + fz * fz;
      const eyz = ey[y]! * ez[z]!;
      if (fyz > fMax2) {
        p += 2 * hx;
        continue;
      }
      for (let x = 0; x < hx; x++, p += 2) {
        const fx = x / d.nx;
        if (fx * fx + fyz > fMax2) {
          p += 2 * (hx - x);
          break;
        }
        const g = eyz * ex[x]!;
        spectrum[p]! *= g;
        spectrum[p + 1]! *= g;
      }
    }
  }
}

/**
 * Radial shell statistics of a half-complex spectrum (fft3d.ts layout), as Xmipp's Guinier
 * code bins them (spec level0.md §4.6): every stored coefficient (fx ≥ 0 only, each counted
 * once) with |f|² ≤ maxFrequency² goes to shell ROUND(|f|·shellScale); shellScale is the x box
 * size X by default, so shell i is at resolution X·Ts/i.
 */
import type { Dims } from '../../volume.js';
import { frequencyAxes, xmippRound } from './frequency.js';

export interface ShellOptions {
  /** Digital-frequency limit (inclusive); default 0.5 (Xmipp: R² ≤ 0.25). */
  maxFrequency?: number;
  /** Multiplier of |f| giving the shell index; default nx. */
  shellScale?: number;
}

export interface ShellStats {
  /** Per shell: Σ|F|, Σ|F|², number of coefficients, mean |F|, mean |F|² (NaN when empty). */
  sumAmplitude: Float64Array;
  sumPower: Float64Array;
  count: Float64Array;
  meanAmplitude: Float64Array;
  meanPower: Float64Array;
}

export function shellStatistics(spectrum: Float32Array, d: Dims, options: ShellOptions = {}): ShellStats {
  const fmax = options.maxFrequency ?? 0.5;
  const scale = options.shellScale ?? d.nx;
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = fx.length;
  const shells = xmippRound(fmax * scale) + 1;
  const sumAmplitude = new Float64Array(shells), sumPower = new Float64Array(shells), count = new Float64Array(shells);
  const f2max = fmax * fmax;
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    for (let y = 0; y < d.ny; y++) {
      const yz2 = fz[z]! * fz[z]! + fy[y]! * fy[y]!;
      for (let x = 0; x < nkx; x++, i++) {
        const f2 = yz2 + fx[x]! * fx[x]!;
        if (f2 > f2max) continue;
        const s = xmippRound(Math.sqrt(f2) * scale);
        const re = spectrum[2 * i]!, im = spectrum[2 * i + 1]!;
        const p = re * re + im * im;
        sumAmplitude[s]! += Math.sqrt(p);
        sumPower[s]! += p;
        count[s]! += 1;
      }
    }
  }
  const meanAmplitude = sumAmplitude.map((v, k) => (count[k]! > 0 ? v / count[k]! : NaN));
  const meanPower = sumPower.map((v, k) => (count[k]! > 0 ? v / count[k]! : NaN));
  return { sumAmplitude, sumPower, count, meanAmplitude, meanPower };
}

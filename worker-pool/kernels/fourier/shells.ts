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
  // A row's shell indices depend only on its fz² + fy², which about eight rows of a cube share:
  // computed once per value (no square root and rounding per coefficient); the sums still run
  // in storage order, so they are the same to the bit. (Int16: shells ≤ fmax·scale + 1, below
  // 32,767 for any box side a map can have.)
  if (shells > 32767) throw new RangeError(`shellStatistics: ${shells} shells do not fit the row tables`);
  const rowShells = new Map<number, Int16Array>();
  const shellsOf = (yz2: number): Int16Array => {
    let row = rowShells.get(yz2);
    if (!row) {
      row = new Int16Array(nkx);
      for (let x = 0; x < nkx; x++) {
        const f2 = yz2 + fx[x]! * fx[x]!;
        row[x] = f2 > f2max ? -1 : xmippRound(Math.sqrt(f2) * scale);
      }
      rowShells.set(yz2, row);
    }
    return row;
  };
  for (let z = 0, i = 0; z < d.nz; z++) {
    for (let y = 0; y < d.ny; y++, i += nkx) {
      const row = shellsOf(fz[z]! * fz[z]! + fy[y]! * fy[y]!);
      for (let x = 0; x < nkx; x++) {
        const s = row[x]!;
        if (s < 0) continue;
        const re = spectrum[2 * (i + x)]!, im = spectrum[2 * (i + x) + 1]!;
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

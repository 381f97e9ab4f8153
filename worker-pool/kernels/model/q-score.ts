/**
 * Q-score (Pintilie et al. 2020, "Measurement of atom resolvability in cryo-EM maps with
 * Q-scores", Nat. Methods 17:328–334), as MapQ computes it (github.com/gregdp/mapq @ 65d01fb,
 * mapq/qscores.py: MinMaxD, QscorePt3, SpherePts, eQ_protein; documentation/AtomQScore_Pseudocode.py).
 *
 * For each non-hydrogen atom the map is sampled (trilinearly) at the atom and on spheres of
 * radius 0.1, 0.2 … 2.0 Å around it, at least 8 points per sphere that are not closer than
 * 0.9·r to any other non-hydrogen atom. The samples are correlated (Pearson, about the mean)
 * with a reference Gaussian A·exp(−r²/2σ²) + B at the same radii, σ = 0.6 Å, where
 * B = max(mean − 1·sd, min) and A = min(mean + 10·sd, max) − B over the whole map (so the
 * spec's "A = mean + 10·sd, B = mean − sd" is right up to A being the difference and the caps).
 * The atom's own value counts 8 times (the weight of one sphere).
 */
import type { Volume } from '../../volume.js';
import { summaryStats } from '../stats/summary.js';
import { sampleAt } from '../trilinear.js';
import { isHydrogen, residueCount, type ModelAtoms } from './atoms.js';
import { NeighbourGrid } from './neighbour-grid.js';

/** Å: the reference Gaussian's width MapQ uses for maps up to 1.5 Å resolution (0.4 finer). */
export const Q_SIGMA = 0.6;
const POINTS_PER_SHELL = 8;
const SHELL_STEP = 0.1;
const SHELLS = 20; // 0.1 … 2.0 Å
/** MapQ tries 50 times, adding 2 points to the sphere each time, to keep ≥ 8 points. */
const TRIES = 50;
/** A sphere point is dropped when another atom is closer than this fraction of the radius. */
const NEIGHBOUR_FRACTION = 0.9;

export interface ReferenceGaussian {
  /** map units: height above B */
  A: number;
  /** map units: offset */
  B: number;
  /** Å */
  sigma: number;
}

/** MapQ's MinMaxD: B = max(mean − sd, min), A = min(mean + 10 sd, max) − B (population sd, numpy). */
export function referenceGaussian(map: Volume, sigma = Q_SIGMA): ReferenceGaussian {
  const s = summaryStats(map.data);
  const high = Math.min(s.mean + 10 * s.stdPopulation, s.max);
  const low = Math.max(s.mean - s.stdPopulation, s.min);
  return { A: high - low, B: low, sigma };
}

/**
 * The expected Q of a well-fitted protein model at resolution d (Å): the straight line fitted
 * to average Q against reported resolution of EMDB entries (Pintilie et al. 2020), as MapQ codes
 * it for σ = 0.6 Å (qscores.py eQ_protein): −0.1775·d + 1.1192. MapQ's later ExpectedQScore
 * uses a cubic (−0.0019064058·d³ + 0.0499875375·d² − 0.4513945578·d + 1.5361860733, ±0.1 as
 * its low/high band); between 2.5 and 4.5 Å the two differ by less than 0.025, at 2 and 5 Å by 0.05–0.06.
 */
export function expectedQ(resolution: number): number {
  return -0.1775 * resolution + 1.1192;
}

/** MapQ's SpherePts: n points on the unit sphere, a spiral from pole to pole. */
export function spherePoints(n: number): Float64Array {
  const out = new Float64Array(3 * n);
  let theta = 0;
  for (let k = 1; k <= n; k++) {
    const h = -1 + (2 * (k - 1)) / (n - 1);
    const phi = Math.acos(h);
    theta = k === 1 || k === n ? 0 : (theta + 3.6 / Math.sqrt(n * (1 - h * h))) % (2 * Math.PI);
    out[3 * (k - 1)] = Math.sin(phi) * Math.cos(theta);
    out[3 * (k - 1) + 1] = Math.sin(phi) * Math.sin(theta);
    out[3 * (k - 1) + 2] = Math.cos(phi);
  }
  return out;
}

const SPHERES = Array.from({ length: TRIES }, (_, t) => spherePoints(POINTS_PER_SHELL + 2 * t));

export interface QScores {
  /** Per atom; NaN for hydrogens and where Q is undefined (a flat neighbourhood: no variance). */
  atom: Float64Array;
  /** Per residue: mean Q of its non-hydrogen atoms with a Q; NaN when none. */
  residue: Float64Array;
  reference: ReferenceGaussian;
}

/** Pearson correlation of the first n values of a and b; NaN when either is constant. */
function pearson(a: Float64Array, b: Float64Array, n: number): number {
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) ma += a[i]!, mb += b[i]!;
  ma /= n;
  mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** The largest distance from an atom at which another atom can exclude a sphere point. */
const REACH = SHELLS * SHELL_STEP * (1 + NEIGHBOUR_FRACTION);

export function qScores(map: Volume, atoms: ModelAtoms, reference: ReferenceGaussian = referenceGaussian(map)): QScores {
  const n = atoms.x.length;
  const { A, B, sigma } = reference;
  const grid = new NeighbourGrid(atoms.x, atoms.y, atoms.z, REACH, (i) => !isHydrogen(atoms, i));
  const capacity = POINTS_PER_SHELL + SHELLS * (POINTS_PER_SHELL + 2 * (TRIES - 1));
  const d = new Float64Array(capacity), g = new Float64Array(capacity);
  const kept = new Float64Array(3 * (POINTS_PER_SHELL + 2 * (TRIES - 1)));
  // the atom's neighbours (within REACH), as coordinates relative to the atom
  const near: number[] = [];
  let nx = new Float64Array(64), ny = new Float64Array(64), nz = new Float64Array(64);
  const atomQ = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (isHydrogen(atoms, i)) continue;
    const ax = atoms.x[i]!, ay = atoms.y[i]!, az = atoms.z[i]!;
    grid.within(ax, ay, az, REACH, near);
    if (near.length > nx.length) nx = new Float64Array(near.length), ny = new Float64Array(near.length), nz = new Float64Array(near.length);
    let nn = 0;
    for (const j of near) {
      if (j === i) continue;
      nx[nn] = atoms.x[j]! - ax, ny[nn] = atoms.y[j]! - ay, nz[nn] = atoms.z[j]! - az;
      nn++;
    }
    let m = 0;
    const v0 = sampleAt(map, ax, ay, az);
    for (; m < POINTS_PER_SHELL; m++) d[m] = v0, g[m] = A + B;
    for (let s = 1; s <= SHELLS; s++) {
      const r = s * SHELL_STEP;
      const gv = A * Math.exp(-0.5 * (r / sigma) ** 2) + B;
      const limit2 = (NEIGHBOUR_FRACTION * r) ** 2;
      for (const u of SPHERES) {
        let k = 0;
        for (let p = 0; p < u.length; p += 3) {
          // relative to the atom: the point is r·u; dropped when another atom is closer than 0.9·r
          const px = r * u[p]!, py = r * u[p + 1]!, pz = r * u[p + 2]!;
          let free = true;
          for (let q = 0; q < nn; q++) {
            const dx = nx[q]! - px, dy = ny[q]! - py, dz = nz[q]! - pz;
            if (dx * dx + dy * dy + dz * dz < limit2) {
              free = false;
              break;
            }
          }
          if (!free) continue;
          kept[3 * k] = ax + px, kept[3 * k + 1] = ay + py, kept[3 * k + 2] = az + pz;
          k++;
        }
        if (k < POINTS_PER_SHELL) continue; // try again with 2 more points; none kept after 50 tries
        for (let q = 0; q < k; q++, m++) {
          d[m] = sampleAt(map, kept[3 * q]!, kept[3 * q + 1]!, kept[3 * q + 2]!);
          g[m] = gv;
        }
        break;
      }
    }
    atomQ[i] = pearson(d, g, m);
  }
  return { atom: atomQ, residue: residueMeans(atoms, atomQ), reference };
}

/** Per residue: the mean of its atoms' defined (not NaN) values; NaN when none. */
export function residueMeans(atoms: ModelAtoms, values: Float64Array): Float64Array {
  const r = residueCount(atoms);
  const sum = new Float64Array(r), count = new Float64Array(r);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    sum[atoms.residue[i]!]! += v;
    count[atoms.residue[i]!]!++;
  }
  return sum.map((s, k) => (count[k]! > 0 ? s / count[k]! : NaN));
}

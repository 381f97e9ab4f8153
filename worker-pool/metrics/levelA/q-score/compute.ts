/**
 * A.e Q-score (higher-levels.md §5 A.e, §7.4): per-atom Q (kernels/model/q-score.ts), per-residue
 * mean, medians, the Q expected at the reported resolution, a histogram and the worst residues;
 * VRS's criterion on the median residue Q (VRS reads per-residue MapQ values from 3DBionotes).
 */
import type { Vec3, Volume } from '../../../volume.js';
import type { ModelAtoms } from '../../../kernels/model/atoms.js';
import { expectedQ, qScores, Q_SIGMA } from '../../../kernels/model/q-score.js';
import { levelSectionBase } from '../../level0/section.js';
import { medianOfDefined, nullIfNaN, residueLabel, shiftedAtoms, type ResidueTables } from '../residues.js';
import type { QScoreAnalysis, QScoreBin, ResidueQScore } from './record.js';
import { MIN_MEDIAN_Q, QSCORE_ALGORITHM, QSCORE_CRITERIA, QSCORE_EXPLANATION, QSCORE_FLAT_MAP, QSCORE_TITLE, qScoreWarnings } from './texts.js';

export const QSCORE_VERSION = '1';
const TEXTS = { title: QSCORE_TITLE, explanation: QSCORE_EXPLANATION, criteria: QSCORE_CRITERIA, algorithm: QSCORE_ALGORITHM, algorithmVersion: QSCORE_VERSION };
export const WORST_RESIDUES = 10;
const BINS = 20;

export function emptyQScore(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): QScoreAnalysis {
  return {
    ...levelSectionBase('A.e', TEXTS, [], { status, reason }),
    resolution: null, shift: null, sigma: Q_SIGMA, referenceHeight: null, referenceOffset: null, atoms: 0, undefinedAtoms: 0,
    medianAtomQ: null, meanAtomQ: null, medianResidueQ: null, expectedQ: null, histogram: [], residues: [], worstResidues: [],
  };
}

/** Atoms per bin of width 0.1 over [−1, 1] (the last bin closed); NaN left out. */
export function qHistogram(q: ArrayLike<number>): QScoreBin[] {
  const counts = new Array<number>(BINS).fill(0);
  for (let i = 0; i < q.length; i++) {
    const v = q[i]!;
    if (Number.isNaN(v)) continue;
    counts[Math.min(BINS - 1, Math.max(0, Math.floor(((v + 1) / 2) * BINS)))]!++;
  }
  return counts.map((atoms, k) => ({ low: -1 + (2 * k) / BINS, high: -1 + (2 * (k + 1)) / BINS, atoms }));
}

export function computeQScore(map: Volume, model: ModelAtoms & ResidueTables, shift: Vec3, resolution: number | null): QScoreAnalysis {
  const q = qScores(map, shiftedAtoms(model, shift));
  let atoms = 0, undefinedAtoms = 0, sum = 0;
  for (let i = 0; i < q.atom.length; i++) {
    if (model.atomicNumber[i] === 1) continue;
    atoms++;
    if (Number.isNaN(q.atom[i]!)) undefinedAtoms++;
    else sum += q.atom[i]!;
  }
  const residues: ResidueQScore[] = Array.from(q.residue, (v, r) => ({ ...residueLabel(model, r), q: nullIfNaN(v) }));
  const medianResidueQ = medianOfDefined(q.residue);
  const warnings = medianResidueQ !== null && !(medianResidueQ > MIN_MEDIAN_Q) ? [qScoreWarnings.lowMedian(medianResidueQ)] : [];
  const forced = medianResidueQ === null ? { status: 'FAILED' as const, reason: QSCORE_FLAT_MAP } : undefined;
  return {
    ...levelSectionBase('A.e', TEXTS, warnings, forced),
    resolution,
    shift,
    sigma: q.reference.sigma,
    referenceHeight: q.reference.A,
    referenceOffset: q.reference.B,
    atoms,
    undefinedAtoms,
    medianAtomQ: medianOfDefined(q.atom),
    meanAtomQ: atoms > undefinedAtoms ? sum / (atoms - undefinedAtoms) : null,
    medianResidueQ,
    expectedQ: resolution === null ? null : expectedQ(resolution),
    histogram: qHistogram(q.atom),
    residues,
    worstResidues: residues.filter((r) => r.q !== null).sort((a, b) => a.q! - b.q!).slice(0, WORST_RESIDUES),
  };
}

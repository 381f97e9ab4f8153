/**
 * What the Level A sections that report per residue share: a residue's label (chain, author
 * number, name) from the model input's tables, the atoms moved by the placement pre-check's
 * shift, and the median of the defined values of a list.
 */
import type { Vec3 } from '../../volume.js';
import type { ModelAtoms } from '../../kernels/model/atoms.js';

/** The model's residue tables (io/model.ts ModelInput has them). */
export interface ResidueTables {
  residueName: ArrayLike<number>;
  residueNumber: ArrayLike<number>;
  residueChain: ArrayLike<number>;
  chains: readonly string[];
  residueNames: readonly string[];
}

export interface ResidueLabel {
  /** chain id ("" for a blank one) */
  chain: string;
  /** author residue number */
  number: number;
  /** residue name, e.g. ALA */
  name: string;
}

export function residueLabel(t: ResidueTables, r: number): ResidueLabel {
  return { chain: t.chains[t.residueChain[r]!] ?? '', number: t.residueNumber[r]!, name: t.residueNames[t.residueName[r]!] ?? '' };
}

/** The atoms as the analyses see them: moved by `shift` Å (the placement pre-check's choice). */
export function shiftedAtoms(atoms: ModelAtoms, shift: Vec3): ModelAtoms {
  if (shift.x === 0 && shift.y === 0 && shift.z === 0) return atoms;
  const move = (a: ArrayLike<number>, by: number) => Float64Array.from(a as ArrayLike<number>, (v) => v + by);
  return { ...atoms, x: move(atoms.x, shift.x), y: move(atoms.y, shift.y), z: move(atoms.z, shift.z) };
}

/** Median of the values that are not NaN (numpy's: mean of the two middle ones); null when none. */
export function medianOfDefined(values: ArrayLike<number>): number | null {
  const v = Float64Array.from(values as ArrayLike<number>).filter((x) => !Number.isNaN(x)).sort();
  const n = v.length;
  if (n === 0) return null;
  return n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
}

export const nullIfNaN = (v: number): number | null => (Number.isFinite(v) ? v : null);

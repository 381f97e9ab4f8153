/**
 * An atomic model as the model kernels take it: plain per-atom arrays. `io/model.ts`'s
 * ModelInput has these fields and can be passed as it is; tests build small ones by hand.
 */

export interface ModelAtoms {
  /** Å, in the map's frame (voxel (0,0,0) of a Volume sits at its `origin`). */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  z: ArrayLike<number>;
  /** 1 = hydrogen (left out of the Q-score and atom inclusion, as MapQ does). */
  atomicNumber: ArrayLike<number>;
  /** Index of the atom's residue, 0 … residues − 1. */
  residue: ArrayLike<number>;
}

export function isHydrogen(atoms: ModelAtoms, i: number): boolean {
  return atoms.atomicNumber[i] === 1;
}

/** Number of residues: 1 + the largest residue index (0 for no atoms). */
export function residueCount(atoms: ModelAtoms): number {
  let r = -1;
  for (let i = 0; i < atoms.residue.length; i++) r = Math.max(r, atoms.residue[i]!);
  return r + 1;
}

/**
 * Main-chain atom names: the protein backbone N, CA, C, O (and the C-terminal OXT) and the
 * nucleic-acid sugar–phosphate backbone (P, OP1/OP2 and their old names O1P/O2P, O5', C5',
 * C4', C3', O3'; `*` for `'` in old files).
 */
const BACKBONE_NAMES = new Set(['N', 'CA', 'C', 'O', 'OXT', 'P', 'OP1', 'OP2', 'O1P', 'O2P', "O5'", "C5'", "C4'", "C3'", "O3'"]);

export function isBackboneAtomName(name: string): boolean {
  return BACKBONE_NAMES.has(name.trim().toUpperCase().replace(/\*/g, "'"));
}

/** 1 for each backbone atom, from the atoms' name indices into a name table (ModelInput's layout). */
export function backboneFlags(atomName: ArrayLike<number>, atomNames: readonly string[]): Uint8Array {
  const isBackbone = atomNames.map(isBackboneAtomName);
  const out = new Uint8Array(atomName.length);
  for (let i = 0; i < out.length; i++) out[i] = isBackbone[atomName[i]!] ? 1 : 0;
  return out;
}

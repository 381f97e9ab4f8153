/** Atom inclusion at the contour level (kernels/model/atom-inclusion.ts) with its per-residue list and curve. */
import type { Vec3, Volume } from '../../../volume.js';
import type { ModelAtoms } from '../../../kernels/model/atoms.js';
import { atomInclusion } from '../../../kernels/model/atom-inclusion.js';
import { levelSectionBase } from '../../level0/section.js';
import { nullIfNaN, residueLabel, shiftedAtoms, type ResidueTables } from '../residues.js';
import type { AtomInclusionAnalysis, ResidueInclusion } from './record.js';
import { INCLUSION_ALGORITHM, INCLUSION_CRITERIA, INCLUSION_EXPLANATION, INCLUSION_TITLE, POOR_RESIDUE_FRACTION } from './texts.js';

export const INCLUSION_VERSION = '1';
export const INCLUSION_ID = 'A.h';
const TEXTS = { title: INCLUSION_TITLE, explanation: INCLUSION_EXPLANATION, criteria: INCLUSION_CRITERIA, algorithm: INCLUSION_ALGORITHM, algorithmVersion: INCLUSION_VERSION };

export function emptyInclusion(status: 'FAILED' | 'NOT_APPLICABLE', reason: string): AtomInclusionAnalysis {
  return {
    ...levelSectionBase(INCLUSION_ID, TEXTS, [], { status, reason }),
    contour: null, shift: null, atoms: 0, includedAtoms: 0, includedFraction: null, backboneAtoms: 0, includedBackboneAtoms: 0,
    backboneIncludedFraction: null, curve: [], residues: [], poorlyIncludedResidues: 0,
  };
}

/** `backbone[i]` = 1 for the backbone atoms (kernels/model/atoms.ts backboneFlags). */
export function computeAtomInclusion(
  map: Volume, model: ModelAtoms & ResidueTables, backbone: ArrayLike<number>, shift: Vec3, contour: number,
): AtomInclusionAnalysis {
  const r = atomInclusion(map, shiftedAtoms(model, shift), backbone, contour);
  const residues: ResidueInclusion[] = Array.from(r.residue, (f, k) => ({ ...residueLabel(model, k), fraction: nullIfNaN(f) }));
  return {
    ...levelSectionBase(INCLUSION_ID, TEXTS, []),
    contour,
    shift,
    atoms: r.all.total,
    includedAtoms: r.all.included,
    includedFraction: nullIfNaN(r.all.fraction),
    backboneAtoms: r.backbone.total,
    includedBackboneAtoms: r.backbone.included,
    backboneIncludedFraction: nullIfNaN(r.backbone.fraction),
    // no curve without atoms (every fraction would be 0/0)
    curve: r.all.total === 0 ? [] : r.curve.levels.map((level, k) => ({ level, all: r.curve.all[k]!, backbone: nullIfNaN(r.curve.backbone[k]!) })),
    residues,
    poorlyIncludedResidues: residues.filter((x) => x.fraction !== null && x.fraction < POOR_RESIDUE_FRACTION).length,
  };
}

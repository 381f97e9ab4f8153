/** The record of the atom inclusion section (EMDB va's, higher-levels.md §7.1). */
import type { Vec3 } from '../../../volume.js';
import type { SectionBase } from '../../section-record.js';

export interface InclusionPoint {
  /** map units */
  level: number;
  /** fraction of the (non-hydrogen) atoms where the map is above the level */
  all: number;
  /** the same for the backbone atoms; null without backbone atoms */
  backbone: number | null;
}

export interface ResidueInclusion {
  chain: string;
  /** author residue number */
  number: number;
  name: string;
  /** fraction of the residue's non-hydrogen atoms included; null when it has none */
  fraction: number | null;
}

export interface AtomInclusionAnalysis extends SectionBase {
  /** map units: the contour level (the level's threshold) */
  contour: number | null;
  /** Å added to the model's coordinates (the placement pre-check's choice) */
  shift: Vec3 | null;
  /** non-hydrogen atoms, and those included (map above the contour at the atom) */
  atoms: number;
  includedAtoms: number;
  includedFraction: number | null;
  backboneAtoms: number;
  includedBackboneAtoms: number;
  backboneIncludedFraction: number | null;
  /** the inclusion at 129 levels from the map's minimum to its maximum, the contour among them */
  curve: InclusionPoint[];
  /** every residue in model order */
  residues: ResidueInclusion[];
  /** residues with less than half of their atoms included */
  poorlyIncludedResidues: number;
}

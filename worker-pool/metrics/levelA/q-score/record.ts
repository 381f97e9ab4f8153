/**
 * The record of A.e Q-score. Field names are the public contract: the GraphQL type is derived
 * from the schema in index.ts and `vrs validate --json` writes the record as it is.
 */
import type { Vec3 } from '../../../volume.js';
import type { SectionBase } from '../../section-record.js';

export interface ResidueQScore {
  chain: string;
  /** author residue number */
  number: number;
  name: string;
  /** mean Q of the residue's non-hydrogen atoms; null when none has a Q */
  q: number | null;
}

export interface QScoreBin {
  /** the bin's lower edge (Q) */
  low: number;
  /** upper edge (the last bin includes it) */
  high: number;
  /** atoms whose Q falls in the bin */
  atoms: number;
}

export interface QScoreAnalysis extends SectionBase {
  /** Å: the reported resolution (for the expected Q); null when not given */
  resolution: number | null;
  /** Å added to the model's coordinates (the placement pre-check's choice) */
  shift: Vec3 | null;
  /** Å: the reference Gaussian's width */
  sigma: number;
  /** map units: the reference Gaussian's height and offset (MapQ: from the map's mean, sd, min, max) */
  referenceHeight: number | null;
  referenceOffset: number | null;
  /** non-hydrogen atoms scored */
  atoms: number;
  /** atoms whose Q is undefined (the map does not vary around them, e.g. outside a masked map) */
  undefinedAtoms: number;
  /** median of the atoms' Q */
  medianAtomQ: number | null;
  meanAtomQ: number | null;
  /** median of the residues' Q: the VRS criterion's number */
  medianResidueQ: number | null;
  /** Q expected of a well-fitted protein model at the reported resolution: −0.1775·d + 1.1192 */
  expectedQ: number | null;
  /** atoms per Q bin of 0.1 from −1 to 1 */
  histogram: QScoreBin[];
  /** every residue in model order (the plot along the sequence) */
  residues: ResidueQScore[];
  /** the 10 residues of lowest Q, lowest first */
  worstResidues: ResidueQScore[];
}

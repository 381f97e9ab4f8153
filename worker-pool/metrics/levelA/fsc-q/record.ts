/**
 * The record of A.b FSC-Q. Field names are the public contract: the GraphQL type is derived
 * from the schema in index.ts and `vrs validate --json` writes the record as it is.
 */
import type { Vec3 } from '../../../volume.js';
import type { SectionBase } from '../../section-record.js';
import type { ResidueLabel } from '../residues.js';

export interface ResidueFscQ extends ResidueLabel {
  /** Å: mean FSC-Q of the residue's non-hydrogen atoms; null when none was measured */
  fscQ: number | null;
}

export interface FscQBin {
  low: number;
  high: number;
  atoms: number;
}

export interface FscQAnalysis extends SectionBase {
  resolution: number | null;
  shift: Vec3 | null;
  /** Å: the edge of the local-FSC box */
  boxSize: number | null;
  /** Å: voxels within this distance of an atom are analysed */
  maskRadius: number | null;
  modelThreshold: number;
  halvesThreshold: number;
  /** non-hydrogen atoms inside the box, measured */
  atoms: number;
  /** Å */
  meanFscQ: number | null;
  meanAbsFscQ: number | null;
  meanFscQr: number | null;
  meanAbsFscQr: number | null;
  /** % of the atoms with FSC-Q > 0.5 Å and < −0.5 Å (Xmipp's summary) */
  percentAbove: number | null;
  percentBelow: number | null;
  /** % of the atoms with |FSC-Qr| > 1.5: the VRS criterion's number (warning above 10) */
  percentOutliers: number | null;
  /** Å: medians over the atoms of the two local resolutions */
  medianModelResolution: number | null;
  medianHalvesResolution: number | null;
  /** atoms per FSC-Q bin of 0.5 Å from −5 to 5 Å (the end bins take the values beyond) */
  histogram: FscQBin[];
  residues: ResidueFscQ[];
  /** the 10 residues of largest |FSC-Q|, largest first */
  worstResidues: ResidueFscQ[];
}

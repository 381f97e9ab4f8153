/** A.a Map–model agreement: the record. */
import type { Vec3 } from '../../../volume.js';
import type { SectionBase } from '../../section-record.js';

/** One Fourier shell of the map–model FSC. */
export interface FitFscPoint {
  /** 1/Å, shell centre */
  frequency: number;
  /** FSC of the map and the model map, whole box; null for an empty shell */
  unmasked: number | null;
  /** the same, both multiplied by the soft mask around the atoms */
  masked: number | null;
}

export interface ChainFit {
  /** chain id ('' for a blank one) */
  chain: string;
  residues: number;
  /** CC inside the mask around the chain's atoms */
  cc: number | null;
}

export interface ResidueFit {
  chain: string;
  /** author residue number */
  number: number;
  /** residue name, e.g. ALA */
  name: string;
  /** CC inside the mask around the residue's atoms */
  cc: number | null;
}

export interface FitAnalysis extends SectionBase {
  /** Å: the resolution the model map was limited to (the reported one) */
  resolution: number | null;
  /** Å added to the model's coordinates (the placement pre-check's choice) */
  shift: Vec3 | null;
  /** Å: mask radius around the atoms, max(3, min(10, max(resolution, d99, atom image radius))) */
  maskRadius: number | null;
  /** Å: the atom image radius in that rule */
  atomRadius: number | null;
  /** Å: d99 of the map (the map truncated at d99 correlates 0.99 with the whole map) */
  d99: number | null;
  ccMask: number | null;
  ccBox: number | null;
  ccVolume: number | null;
  ccPeaks: number | null;
  /** Å: where the map–model FSC falls below 0.5 / 0.143, unmasked and masked */
  fsc05Unmasked: number | null;
  fsc0143Unmasked: number | null;
  fsc05Masked: number | null;
  fsc0143Masked: number | null;
  fsc: FitFscPoint[];
  chains: ChainFit[];
  residues: ResidueFit[];
  /** residues whose CC is below 0.5 */
  lowCcResidues: ResidueFit[];
  /** fraction of residues with CC < 0.5 (of those with a CC) */
  lowCcFraction: number | null;
}

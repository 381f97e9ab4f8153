/** The placement pre-check's record (Level A, not graded: printed with the input data). */
import type { Vec3 } from '../../../volume.js';
import type { SectionStatus } from '../../section-record.js';

/** One frame tried: the map's voxel (0, 0, 0) put at `origin`, i.e. the model moved by `shift`. */
export interface PlacementTrial {
  /** AS_GIVEN, HEADER_ORIGIN_NEGATED, ZERO, BOX_CENTRE, BOX_CENTRE_NEGATED; TRANSLATION_SEARCH (reported, not applied) */
  name: string;
  /** Å: where voxel (0, 0, 0) is put in this trial */
  origin: Vec3;
  /** Å added to the model's coordinates (the map's origin minus the trial's) */
  shift: Vec3;
  /** atoms inside the box */
  atomsInside: number;
  /** CC inside the model mask; null when no atom lies in the box */
  ccMask: number | null;
}

export interface Placement {
  /** OK: placed as given; WARNING: placed once moved to another origin; NOT_APPLICABLE: not placed, or no resolution. */
  status: SectionStatus;
  statusReason: string | null;
  /** true when the model fits (CC_mask ≥ 0.8) as given or at one of the alternative origins */
  placed: boolean;
  /** the trial kept (the best), or null when none was made */
  chosen: string | null;
  /** Å added to the model's coordinates by the Level A analyses (0 when placed as given) */
  shift: Vec3;
  /** CC_mask with the model as given */
  ccMaskAsGiven: number | null;
  /** CC_mask of the trial kept */
  ccMask: number | null;
  /** Å: the radius of the mask around the atoms */
  maskRadius: number | null;
  atoms: number;
  trials: PlacementTrial[];
  /** Å from the map's first voxel: x, y, z of each Cα (P of nucleotides) in model order, moved by `shift` (drawn over the isosurface) */
  trace: number[];
  /** index (in points) where each chain's trace starts */
  traceChainStarts: number[];
  /** words: what was done and found */
  explanation: string;
}

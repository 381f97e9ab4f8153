/**
 * Result records of the Level 0 sections. Field names are the public contract
 * (../shared/spec/graphql.md): the GraphQL types in services/level0 mirror these
 * interfaces one to one, and `vrs validate --json` writes them as they are.
 * Units are in the comments; every number the VRS report prints has a field.
 */
import type { Vec3 } from '../../volume.js';
import type { CriteriaProfile } from '../types.js';

export type { ContourSource, Image, SectionBase, SectionStatus } from '../section-record.js';
import type { ContourSource, Image, SectionBase, SectionStatus } from '../section-record.js';

export interface InputData {
  centralSlices: Image[];
  maxVarianceSlices: Image[];
  projections: Image[];
  hardMaskSlices: Image[];
  softMaskSlices: Image[];
  /** Isosurface views (made by the report renderer); empty until rendered. */
  isosurfaceViews: Image[];
}

// ---- 0.a ---------------------------------------------------------------------------------
export interface MassAnalysis extends SectionBase {
  /** Å, empty space before the hard mask along x, y, z. */
  leftSpace: Vec3;
  /** Å, empty space after the hard mask (profile rule, see level0.md decisions). */
  rightSpace: Vec3;
  /** %, |right − left| / size. */
  decenteringRatio: Vec3;
  /** voxels, centre of mass of the whole map (signed values). */
  centerOfMass: Vec3;
  /** %, |c − N/2| / N. */
  centerOfMassDecentering: Vec3;
}

// ---- 0.b ---------------------------------------------------------------------------------
export interface ComponentRow {
  voxels: number;
  /** Å³ */
  volume: number;
  /** % of the raw mask */
  percentage: number;
  /** % cumulative */
  cumulativePercentage: number;
}

export interface MassTableRow {
  /** map units */
  threshold: number;
  /** voxels with value > threshold */
  voxels: number;
  molecularMassKDa: number;
  aminoAcids: number;
}

export interface MaskAnalysis extends SectionBase {
  connectedComponents: number;
  totalVoxels: number;
  /** Å³ */
  totalVolume: number;
  /** Sorted components up to 95 % of the raw mask or the first 100. */
  components: ComponentRow[];
  componentsTo95: number;
  remainingComponents: number;
  /** voxels */
  remainingAverageVoxels: number;
  /** Å³ (vrs-2024: Ts³, the VRS bug) */
  remainingAverageVolume: number;
  /** voxels (standard: largest component not included; vrs-2024: last included, as VRS) */
  remainingMaxVoxels: number;
  /** voxels, smallest component */
  remainingMinVoxels: number;
  /** Å³, remainingMaxVoxels·Ts³ (both profiles; the Ts³ quirk is only in the average) */
  remainingMaxVolume: number;
  /** Å³, remainingMinVoxels·Ts³ */
  remainingMinVolume: number;
  /** % of the raw mask outside the largest component (standard criterion 2). */
  percentOutsideLargest: number;
  massTable: MassTableRow[];
  hardMaskVoxels: number;
  /** Å³ */
  hardMaskVolume: number;
  /** |raw ∧ hard| / |raw| in [0, 1] */
  overlap: number;
  rawMaskSlices: Image[];
}

// ---- 0.c ---------------------------------------------------------------------------------
export interface BackgroundAnalysis extends SectionBase {
  tStatistic: number;
  pValue: number;
  mean: number;
  /** population standard deviation (ddof 0) */
  standardDeviation: number;
  backgroundVoxels: number;
  /** % of background voxels with |v| > 5σ */
  percentBeyond5Sigma: number;
  /** % expected for a Gaussian: 100·2Φ(−5) */
  percentGaussian: number;
  ratio: number;
  outlierSlices: Image[];
}

// ---- 0.d ---------------------------------------------------------------------------------
export interface GuinierPoint {
  /** 1/Å² */
  inverseResolutionSquared: number;
  /** ln of the mean amplitude |F| in the shell */
  lnAmplitude: number;
  /** same, of the sharpened map */
  lnAmplitudeCorrected: number;
  inFit: boolean;
}

export interface BFactorAnalysis extends SectionBase {
  /** Å², 4 × slope (null when the fit could not be made) */
  bFactor: number | null;
  /** Å² per unit of ln|F|: slope of ln|F| vs 1/d² */
  slope: number | null;
  intercept: number | null;
  /** Å (15) */
  fitLowResolution: number;
  /** Å (the reported resolution) */
  fitHighResolution: number | null;
  fitPoints: number;
  guinier: GuinierPoint[];
  sharpenedSlices: Image[];
}

// ---- 0.e–0.g -----------------------------------------------------------------------------
export interface Percentiles {
  p2_5: number;
  p25: number;
  p50: number;
  p75: number;
  p97_5: number;
}

export interface Histogram {
  binEdges: number[];
  counts: number[];
}

export interface LocalAnalysis extends SectionBase {
  method: string;
  /** unit of the local values: 'Å', 'Å²' or '' */
  unit: string;
  percentiles: Percentiles | null;
  /** 0.e only: % of local values below the reported resolution */
  reportedResolutionPercentile: number | null;
  histogram: Histogram | null;
  /** number of voxels the statistics are taken over */
  voxels: number;
  /** the local map as an MRC artifact */
  mapSha256: string | null;
  views: Image[];
}

// ---- 0.h ---------------------------------------------------------------------------------
export interface HandAnalysis extends SectionBase {
  /** 0 = correct hand, 1 = mirrored; null when it could not be measured */
  score: number | null;
  helicesFound: number;
  evidence: string[];
}

// ---- summary -----------------------------------------------------------------------------
export interface SectionSummary {
  id: string;
  title: string;
  status: SectionStatus;
  warningCount: number;
  counted: boolean;
}

export interface SectionWarnings {
  id: string;
  title: string;
  warnings: string[];
}

export interface ResolutionEstimates {
  /** Å */
  min: number;
  max: number;
  mean: number;
}

export interface Level0Summary {
  /** sections passing (evaluable with no warning) */
  score: number;
  evaluable: number;
  sections: SectionSummary[];
  warnings: SectionWarnings[];
  abstract: string[];
  resolutionEstimates: ResolutionEstimates | null;
  resolutionOverestimated: boolean;
  scoreSentence: string;
}

export interface Level0Result {
  /** Å per voxel the analyses used */
  voxelSize: number;
  threshold: number;
  thresholdSource: ContourSource;
  resolution: number | null;
  profile: CriteriaProfile;
  inputData: InputData;
  mass: MassAnalysis;
  mask: MaskAnalysis;
  background: BackgroundAnalysis;
  bFactor: BFactorAnalysis;
  localResolution: LocalAnalysis;
  localBFactor: LocalAnalysis;
  localOccupancy: LocalAnalysis;
  hand: HandAnalysis;
  summary: Level0Summary;
}

/**
 * The GraphQL contract as the report reads it, hand-written to mirror the schema
 * (graph/supergraph.graphql) and the fields the report query selects (report-query.ts and the
 * fragments of sections/<level>/<section>.ts). report-renderer imports no worker-pool type:
 * these are the shapes of the answer, not of the computation.
 */
export type SectionStatus = 'OK' | 'WARNING' | 'FAILED' | 'NOT_APPLICABLE';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Image: a figure stored as a PNG artifact. */
export interface Image {
  sha256: string;
  url: string;
  axis: 'x' | 'y' | 'z' | null;
  index: number | null;
  width: number;
  height: number;
  caption: string;
}

/** The `Section` interface's fields (the report selects all but computeMillis and fromCache). */
export interface SectionBase {
  id: string;
  title: string;
  status: SectionStatus;
  warnings: string[];
  explanation: string;
  criteria: string;
  algorithm: string;
  algorithmVersion: string;
  statusReason: string | null;
  computeMillis?: number | null;
}

export interface InputData {
  centralSlices: Image[];
  maxVarianceSlices: Image[];
  projections: Image[];
  hardMaskSlices: Image[];
  softMaskSlices: Image[];
  isosurfaceViews: Image[];
}

export interface MassAnalysis extends SectionBase {
  leftSpace: Vec3;
  rightSpace: Vec3;
  decenteringRatio: Vec3;
  centerOfMass: Vec3;
  centerOfMassDecentering: Vec3;
}

export interface ComponentRow {
  voxels: number;
  volume: number;
  percentage: number;
  cumulativePercentage: number;
}

export interface MassTableRow {
  threshold: number;
  voxels: number;
  molecularMassKDa: number;
  aminoAcids: number;
}

export interface MaskAnalysis extends SectionBase {
  connectedComponents: number;
  totalVoxels: number;
  totalVolume: number;
  components: ComponentRow[];
  componentsTo95: number;
  remainingComponents: number;
  remainingAverageVoxels: number;
  remainingAverageVolume: number;
  remainingMaxVoxels: number;
  remainingMinVoxels: number;
  remainingMaxVolume: number;
  remainingMinVolume: number;
  percentOutsideLargest: number;
  massTable: MassTableRow[];
  hardMaskVoxels: number;
  hardMaskVolume: number;
  overlap: number;
  rawMaskSlices: Image[];
}

export interface BackgroundAnalysis extends SectionBase {
  tStatistic: number;
  pValue: number;
  mean: number;
  standardDeviation: number;
  backgroundVoxels: number;
  percentBeyond5Sigma: number;
  percentGaussian: number;
  ratio: number;
  outlierSlices: Image[];
}

export interface GuinierPoint {
  inverseResolutionSquared: number;
  lnAmplitude: number;
  lnAmplitudeCorrected: number;
  inFit: boolean;
}

export interface BFactorAnalysis extends SectionBase {
  bFactor: number | null;
  slope: number | null;
  intercept: number | null;
  fitLowResolution: number;
  fitHighResolution: number | null;
  fitPoints: number;
  guinier: GuinierPoint[];
  sharpenedSlices: Image[];
}

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

/** Level A, A.e Q-score (worker-pool/metrics/levelA/q-score/record.ts). */
export interface ResidueQScore {
  chain: string;
  number: number;
  name: string;
  q: number | null;
}

export interface QScoreAnalysis extends SectionBase {
  resolution: number | null;
  shift: Vec3 | null;
  sigma: number;
  referenceHeight: number | null;
  referenceOffset: number | null;
  atoms: number;
  undefinedAtoms: number;
  medianAtomQ: number | null;
  meanAtomQ: number | null;
  medianResidueQ: number | null;
  expectedQ: number | null;
  histogram: { low: number; high: number; atoms: number }[];
  residues: ResidueQScore[];
  worstResidues: ResidueQScore[];
}

/** Level A, A.b FSC-Q (worker-pool/metrics/levelA/fsc-q/record.ts). */
export interface ResidueFscQ {
  chain: string;
  number: number;
  name: string;
  fscQ: number | null;
}

export interface FscQAnalysis extends SectionBase {
  resolution: number | null;
  boxSize: number | null;
  maskRadius: number | null;
  modelThreshold: number;
  halvesThreshold: number;
  atoms: number;
  meanFscQ: number | null;
  meanAbsFscQ: number | null;
  meanFscQr: number | null;
  meanAbsFscQr: number | null;
  percentAbove: number | null;
  percentBelow: number | null;
  percentOutliers: number | null;
  medianModelResolution: number | null;
  medianHalvesResolution: number | null;
  histogram: { low: number; high: number; atoms: number }[];
  residues: ResidueFscQ[];
  worstResidues: ResidueFscQ[];
}

/** Level A, atom inclusion (worker-pool/metrics/levelA/atom-inclusion/record.ts). */
export interface AtomInclusionAnalysis extends SectionBase {
  contour: number | null;
  shift: Vec3 | null;
  atoms: number;
  includedAtoms: number;
  includedFraction: number | null;
  backboneAtoms: number;
  includedBackboneAtoms: number;
  backboneIncludedFraction: number | null;
  curve: { level: number; all: number; backbone: number | null }[];
  residues: { chain: string; number: number; name: string; fraction: number | null }[];
  poorlyIncludedResidues: number;
}

/** Level A, A.d Map–model Guinier (worker-pool/metrics/levelA/guinier/record.ts). */
export interface MapModelGuinierAnalysis extends SectionBase {
  resolution: number | null;
  shift: Vec3 | null;
  correlation: number | null;
  offset: number | null;
  points: { inverseResolutionSquared: number; lnAmplitudeMap: number; lnAmplitudeModel: number }[];
}

export interface LocalAnalysis extends SectionBase {
  method: string;
  unit: string;
  percentiles: Percentiles | null;
  reportedResolutionPercentile: number | null;
  histogram: Histogram | null;
  voxels: number;
  mapSha256: string | null;
  views: Image[];
}

/** 1.c `LocalFscAnalysis`: a LocalAnalysis plus the sliding box's parameters. */
export interface LocalFscAnalysis extends LocalAnalysis {
  boxSize: number | null;
  step: number | null;
  fscThreshold: number | null;
  positions: number | null;
}

/** 1.e `HalfMonoResAnalysis`: a LocalAnalysis plus the sweep's parameters. */
export interface HalfMonoResAnalysis extends LocalAnalysis {
  maxResolution: number | null;
  minResolution: number | null;
  step: number | null;
  sweepVoxelSize: number | null;
}

export interface DirectionalResolution {
  x: number;
  y: number;
  z: number;
  resolution: number;
}

export interface DirectionalFscPoint {
  frequency: number;
  resolution: number;
  global: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

/** 1.h `DirectionalFscAnalysis`. */
export interface DirectionalFscAnalysis extends SectionBase {
  coneAngle: number | null;
  fscThreshold: number | null;
  sphericityThreshold: number | null;
  globalResolution: number | null;
  meanResolution: number | null;
  sdResolution: number | null;
  minResolution: number | null;
  maxResolution: number | null;
  uncrossedAxes: number | null;
  sphericity: number | null;
  directions: DirectionalResolution[];
  curve: DirectionalFscPoint[];
  histogram: Histogram | null;
}

export interface HandAnalysis extends SectionBase {
  score: number | null;
  helicesFound: number;
  evidence: string[];
  tubesFound: number;
  tubesUsed: number;
  weightedScore: number | null;
  confidence: number | null;
}

/** Level A: `ModelPlacement` (the placement pre-check, not graded). */
export interface PlacementTrial {
  name: string;
  origin: Vec3;
  shift: Vec3;
  atomsInside: number;
  ccMask: number | null;
}

export interface ModelPlacement {
  status: SectionStatus;
  statusReason: string | null;
  placed: boolean;
  chosen: string | null;
  shift: Vec3;
  ccMaskAsGiven: number | null;
  ccMask: number | null;
  maskRadius: number | null;
  atoms: number;
  trials: PlacementTrial[];
  trace: number[];
  traceChainStarts: number[];
  explanation: string;
}

/** Level A: `MapModelFit` (A.a) and its lists. */
export interface FitFscPoint {
  frequency: number;
  unmasked: number | null;
  masked: number | null;
}

export interface ChainFit {
  chain: string;
  residues: number;
  cc: number | null;
}

export interface ResidueFit {
  chain: string;
  number: number;
  name: string;
  cc: number | null;
}

export interface MapModelFit extends SectionBase {
  resolution: number | null;
  shift: Vec3 | null;
  maskRadius: number | null;
  atomRadius: number | null;
  d99: number | null;
  ccMask: number | null;
  ccBox: number | null;
  ccVolume: number | null;
  ccPeaks: number | null;
  fsc05Unmasked: number | null;
  fsc0143Unmasked: number | null;
  fsc05Masked: number | null;
  fsc0143Masked: number | null;
  fsc: FitFscPoint[];
  chains: ChainFit[];
  residues: ResidueFit[];
  lowCcResidues: ResidueFit[];
  lowCcFraction: number | null;
}

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

/** `Level0Summary` (every level's summary type has these fields). */
export interface LevelSummary {
  score: number;
  evaluable: number;
  sections: SectionSummary[];
  warnings: SectionWarnings[];
  abstract: string[];
  resolutionEstimates: { min: number; max: number; mean: number } | null;
  resolutionOverestimated: boolean;
  scoreSentence: string;
}

/** A level of the map analyses as the report query selects it (`Level0`): parameters, summary, and one field per section. */
export interface LevelRecord {
  voxelSize: number;
  threshold: number;
  /** USER | EMDB_HEADER | ESTIMATED */
  thresholdSource: string;
  resolution: number | null;
  /** STANDARD | VRS_2024 */
  profile: string;
  summary: LevelSummary;
  /** the section fields (`mass`, `mask` …), by the layout's field names */
  [section: string]: unknown;
}

/** `Level0` as the Level 0 section modules and the fixtures know it. */
export interface Level0Record extends LevelRecord {
  inputData: InputData;
  mass: MassAnalysis;
  mask: MaskAnalysis;
  background: BackgroundAnalysis;
  bFactor: BFactorAnalysis;
  localResolution: LocalAnalysis;
  localBFactor: LocalAnalysis;
  localOccupancy: LocalAnalysis;
  hand: HandAnalysis;
}

export interface EmdbJson {
  id: string | null;
  title: string | null;
  authors: string[];
  depositionDate: string | null;
  method?: string | null;
}

/** The `map` part of the answer; one field per level of the layout (`level0` …). */
export interface ReportMap {
  id: string;
  name: string;
  sizeBytes: number;
  voxelSize: Vec3;
  dimensions: Vec3;
  statistics: { min: number; max: number; mean: number; std: number; rms: number };
  contourLevel: number | null;
  contourSource: string | null;
  reportedResolution: number | null;
  emdb: EmdbJson | null;
  /** the linked half maps and model (only whether they are there: a level needing them is printed then) */
  halfMaps?: { half1: { sha256: string } } | null;
  model?: { sha256: string } | null;
  level0: Level0Record;
  [level: string]: unknown;
}

/** `SectionLayout` of the `reportLayout` query. */
export interface SectionLayout {
  field: string;
  id: string | null;
  title: string;
  number: string | null;
  graded: boolean;
  typeName: string;
  scalarFields: string[];
}

/** `LevelLayout` of the `reportLayout` query. */
export interface LevelLayout {
  field: string;
  id: string;
  typeName: string;
  chapter: number;
  chapterTitle: string;
  /** false for a chapter beyond VRS (the archive checks): headings without "Level E.a" */
  vrsLevel: boolean;
  /** the inputs the level needs, by role ('map', 'half1', 'half2', 'mask', 'model') */
  inputs: string[];
  sections: SectionLayout[];
}

export type ReportLayout = LevelLayout[];

/** 1.a: one Fourier shell of the half-map curves (GraphQL `FscPoint`). */
export interface FscPoint {
  frequency: number;
  resolution: number | null;
  unmasked: number | null;
  masked: number | null;
  phaseRandomized: number | null;
  corrected: number | null;
  halfBit: number | null;
  oneBit: number | null;
  threeSigma: number | null;
  dpr: number | null;
  ssnr: number | null;
  logisticFit: number | null;
  count: number;
}

/** 1.a Global resolution (GraphQL `GlobalResolution`). */
export interface GlobalResolution extends SectionBase {
  curve: FscPoint[];
  resolution0143: number | null;
  resolution0143Unmasked: number | null;
  resolutionPreserved09: number | null;
  logisticFit: { a: number; b: number; x0: number; c: number; rms: number } | null;
  resolution0143Masked: number | null;
  resolution05: number | null;
  resolutionHalfBit: number | null;
  resolutionOneBit: number | null;
  resolutionThreeSigma: number | null;
  resolutionDpr: number | null;
  resolutionSsnr: number | null;
  randomizedFromShell: number | null;
  randomizedFrom: number | null;
  phaseRandomizedAtResolution: number | null;
  maskFraction: number;
  halfMapsLookMasked: boolean;
}

/** Level 1's input figures (GraphQL `HalfMapData`). */
export interface HalfMapData {
  half1CentralSlices: Image[];
  half1MaxVarianceSlices: Image[];
  half2CentralSlices: Image[];
  half2MaxVarianceSlices: Image[];
  differenceCentralSlices: Image[];
  differenceMaxVarianceSlices: Image[];
}

/** 1.b: one shell of the FSC permutation test (GraphQL `PermutationPoint`). */
export interface PermutationPoint {
  frequency: number;
  resolution: number | null;
  fsc: number;
  pValue: number;
  qValue: number;
  significant: boolean;
  permuted: boolean;
}

/** 1.b FSC permutation test (GraphQL `FscPermutation`). */
export interface FscPermutation extends SectionBase {
  curve: PermutationPoint[];
  resolution: number | null;
  fdr: number;
  maskRadius: number;
}

/**
 * GraphQL mirror of worker-pool/metrics/level0/types.ts, one class per record, same field
 * names (the public contract, spec/graphql.md). Units are in the descriptions.
 */
import { Field, Float, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ContourSource, CriteriaProfile, ErrorInfo, JobState, Vec3 } from '../maps/common.type.js';

export enum SectionStatus { OK = 'OK', WARNING = 'WARNING', NOT_APPLICABLE = 'NOT_APPLICABLE', FAILED = 'FAILED' }
registerEnumType(SectionStatus, { name: 'SectionStatus', description: 'FAILED = could not be computed; it is not counted in the score' });

export enum Axis { x = 'x', y = 'y', z = 'z' }
registerEnumType(Axis, { name: 'Axis' });

@ObjectType({ description: 'A figure stored as a PNG artifact' })
export class Image {
  @Field() sha256!: string;
  @Field({ description: '/artifacts/{sha256}.png' }) url!: string;
  @Field(() => Axis, { nullable: true, description: 'axis the slice is perpendicular to (or the projection runs along); null for 3D views' }) axis!: Axis | null;
  @Field(() => Int, { nullable: true, description: 'slice index along that axis, voxels' }) index!: number | null;
  @Field(() => Int, { description: 'pixels' }) width!: number;
  @Field(() => Int, { description: 'pixels' }) height!: number;
  @Field() caption!: string;
}

@InterfaceType({ description: 'Fields every Level 0 section carries' })
export abstract class Section {
  @Field({ description: '"0.a" … "0.h"' }) id!: string;
  @Field() title!: string;
  @Field(() => SectionStatus) status!: SectionStatus;
  @Field(() => [String]) warnings!: string[];
  @Field({ description: "the section's explanation text" }) explanation!: string;
  @Field({ description: 'its automatic criteria, in words' }) criteria!: string;
  @Field({ description: 'method name, e.g. "MonoRes (single map)"' }) algorithm!: string;
  @Field() algorithmVersion!: string;
  @Field(() => Float, { nullable: true, description: 'milliseconds the computation took when it was computed' }) computeMillis!: number | null;
  @Field(() => String, { nullable: true, description: 'why the section does not apply or failed, in words' }) statusReason!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true when this answer was read from the metric store' }) fromCache!: boolean | null;
}

@ObjectType({ description: 'Figures of the input map' })
export class InputData {
  @Field(() => [Image]) centralSlices!: Image[];
  @Field(() => [Image]) maxVarianceSlices!: Image[];
  @Field(() => [Image]) projections!: Image[];
  @Field(() => [Image]) hardMaskSlices!: Image[];
  @Field(() => [Image]) softMaskSlices!: Image[];
  @Field(() => [Image], { description: 'made by the report renderer; empty until rendered' }) isosurfaceViews!: Image[];
}

@ObjectType({ implements: Section, description: '0.a Mass analysis (centring)' })
export class MassAnalysis extends Section {
  @Field(() => Vec3, { description: 'Å, empty space before the hard mask along x, y, z' }) leftSpace!: Vec3;
  @Field(() => Vec3, { description: 'Å, empty space after the hard mask' }) rightSpace!: Vec3;
  @Field(() => Vec3, { description: '%, |right − left| / size' }) decenteringRatio!: Vec3;
  @Field(() => Vec3, { description: 'voxels, centre of mass of the whole map' }) centerOfMass!: Vec3;
  @Field(() => Vec3, { description: '%, |c − N/2| / N' }) centerOfMassDecentering!: Vec3;
}

@ObjectType()
export class ComponentRow {
  @Field(() => Float, { description: 'voxels' }) voxels!: number;
  @Field(() => Float, { description: 'Å³' }) volume!: number;
  @Field(() => Float, { description: '% of the raw mask' }) percentage!: number;
  @Field(() => Float, { description: '% cumulative' }) cumulativePercentage!: number;
}

@ObjectType()
export class MassTableRow {
  @Field(() => Float, { description: 'map units' }) threshold!: number;
  @Field(() => Float, { description: 'voxels with value > threshold' }) voxels!: number;
  @Field(() => Float, { description: 'kDa' }) molecularMassKDa!: number;
  @Field(() => Float) aminoAcids!: number;
}

@ObjectType({ implements: Section, description: '0.b Mask analysis' })
export class MaskAnalysis extends Section {
  @Field(() => Int) connectedComponents!: number;
  @Field(() => Float, { description: 'voxels' }) totalVoxels!: number;
  @Field(() => Float, { description: 'Å³' }) totalVolume!: number;
  @Field(() => [ComponentRow], { description: 'sorted components up to 95 % of the raw mask or the first 100' }) components!: ComponentRow[];
  @Field(() => Int) componentsTo95!: number;
  @Field(() => Int) remainingComponents!: number;
  @Field(() => Float, { description: 'voxels' }) remainingAverageVoxels!: number;
  @Field(() => Float, { description: 'Å³ (vrs-2024: Ts³, the VRS bug)' }) remainingAverageVolume!: number;
  @Field(() => Float, { description: 'voxels' }) remainingMaxVoxels!: number;
  @Field(() => Float, { description: 'voxels' }) remainingMinVoxels!: number;
  @Field(() => Float, { description: 'Å³, remainingMaxVoxels·Ts³' }) remainingMaxVolume!: number;
  @Field(() => Float, { description: 'Å³, remainingMinVoxels·Ts³' }) remainingMinVolume!: number;
  @Field(() => Float, { description: '% of the raw mask outside the largest component' }) percentOutsideLargest!: number;
  @Field(() => [MassTableRow]) massTable!: MassTableRow[];
  @Field(() => Float, { description: 'voxels' }) hardMaskVoxels!: number;
  @Field(() => Float, { description: 'Å³' }) hardMaskVolume!: number;
  @Field(() => Float, { description: '|raw ∧ hard| / |raw| in [0, 1]' }) overlap!: number;
  @Field(() => [Image]) rawMaskSlices!: Image[];
}

@ObjectType({ implements: Section, description: '0.c Background analysis' })
export class BackgroundAnalysis extends Section {
  @Field(() => Float) tStatistic!: number;
  @Field(() => Float) pValue!: number;
  @Field(() => Float, { description: 'map units' }) mean!: number;
  @Field(() => Float, { description: 'population standard deviation (ddof 0), map units' }) standardDeviation!: number;
  @Field(() => Float, { description: 'voxels' }) backgroundVoxels!: number;
  @Field(() => Float, { description: '% of background voxels with |v| > 5σ' }) percentBeyond5Sigma!: number;
  @Field(() => Float, { description: '% expected for a Gaussian: 100·2Φ(−5)' }) percentGaussian!: number;
  @Field(() => Float) ratio!: number;
  @Field(() => [Image]) outlierSlices!: Image[];
}

@ObjectType()
export class GuinierPoint {
  @Field(() => Float, { description: '1/Å²' }) inverseResolutionSquared!: number;
  @Field(() => Float, { description: 'ln of the mean amplitude |F| in the shell' }) lnAmplitude!: number;
  @Field(() => Float, { description: 'same, of the sharpened map' }) lnAmplitudeCorrected!: number;
  @Field() inFit!: boolean;
}

@ObjectType({ implements: Section, description: '0.d B-factor analysis' })
export class BFactorAnalysis extends Section {
  @Field(() => Float, { nullable: true, description: 'Å², 4 × slope (null when the fit could not be made)' }) bFactor!: number | null;
  @Field(() => Float, { nullable: true, description: 'Å²: slope of ln|F| vs 1/d²' }) slope!: number | null;
  @Field(() => Float, { nullable: true }) intercept!: number | null;
  @Field(() => Float, { description: 'Å' }) fitLowResolution!: number;
  @Field(() => Float, { nullable: true, description: 'Å (the reported resolution)' }) fitHighResolution!: number | null;
  @Field(() => Int) fitPoints!: number;
  @Field(() => [GuinierPoint]) guinier!: GuinierPoint[];
  @Field(() => [Image]) sharpenedSlices!: Image[];
}

@ObjectType()
export class Percentiles {
  @Field(() => Float) p2_5!: number;
  @Field(() => Float) p25!: number;
  @Field(() => Float) p50!: number;
  @Field(() => Float) p75!: number;
  @Field(() => Float) p97_5!: number;
}

@ObjectType()
export class Histogram {
  @Field(() => [Float], { description: 'in the unit of the local values' }) binEdges!: number[];
  @Field(() => [Float]) counts!: number[];
}

@ObjectType({ implements: Section, description: '0.e–0.g local resolution, local B-factor, local occupancy' })
export class LocalAnalysis extends Section {
  @Field() method!: string;
  @Field({ description: "unit of the local values: 'Å', 'Å²' or ''" }) unit!: string;
  @Field(() => Percentiles, { nullable: true, description: 'in the unit of the local values' }) percentiles!: Percentiles | null;
  @Field(() => Float, { nullable: true, description: '0.e only: % of local values below the reported resolution' }) reportedResolutionPercentile!: number | null;
  @Field(() => Histogram, { nullable: true }) histogram!: Histogram | null;
  @Field(() => Float, { description: 'voxels the statistics are taken over' }) voxels!: number;
  @Field(() => String, { nullable: true, description: 'the local map as an MRC artifact' }) mapSha256!: string | null;
  @Field(() => [Image]) views!: Image[];
}

@ObjectType({ implements: Section, description: '0.h Hand analysis' })
export class HandAnalysis extends Section {
  @Field(() => Float, { nullable: true, description: '0 = correct hand, 1 = mirrored; null when it could not be measured' }) score!: number | null;
  @Field(() => Int) helicesFound!: number;
  @Field(() => [String]) evidence!: string[];
}

@ObjectType()
export class SectionSummary {
  @Field() id!: string;
  @Field() title!: string;
  @Field(() => SectionStatus) status!: SectionStatus;
  @Field(() => Int) warningCount!: number;
  @Field() counted!: boolean;
}

@ObjectType()
export class SectionWarnings {
  @Field() id!: string;
  @Field() title!: string;
  @Field(() => [String]) warnings!: string[];
}

@ObjectType({ description: 'Å' })
export class ResolutionEstimates {
  @Field(() => Float, { description: 'Å' }) min!: number;
  @Field(() => Float, { description: 'Å' }) max!: number;
  @Field(() => Float, { description: 'Å' }) mean!: number;
}

@ObjectType()
export class Level0Summary {
  @Field(() => Int, { description: 'sections passing (evaluable with no warning)' }) score!: number;
  @Field(() => Int) evaluable!: number;
  @Field(() => [SectionSummary]) sections!: SectionSummary[];
  @Field(() => [SectionWarnings]) warnings!: SectionWarnings[];
  @Field(() => [String]) abstract!: string[];
  @Field(() => ResolutionEstimates, { nullable: true }) resolutionEstimates!: ResolutionEstimates | null;
  @Field() resolutionOverestimated!: boolean;
  @Field() scoreSentence!: string;
}


@ObjectType({ description: "A section's computation state, for dashboards that poll" })
export class SectionProgress {
  @Field({ description: 'field name in Level0, e.g. "bFactor"' }) section!: string;
  @Field({ description: 'metric name, e.g. "level0.bFactor"' }) metric!: string;
  @Field(() => JobState) state!: JobState;
  @Field(() => GraphQLDateTime, { nullable: true }) startedAt!: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'milliseconds' }) computeMillis!: number | null;
  @Field(() => ErrorInfo, { nullable: true }) error!: ErrorInfo | null;
}

/**
 * The Level 0 analyses of one map for one parameter set. The object only carries the
 * parameters; each section field is resolved (computed or read from the store) on demand.
 */
@ObjectType({ description: 'Level 0 analyses; each section is computed lazily, when selected' })
export class Level0 {
  mapId!: string;
  @Field(() => Float, { description: 'Å per voxel the analyses used (cubic voxels): the header\'s, or the voxelSize argument' }) voxelSize!: number;
  @Field(() => Float, { description: 'map units' }) threshold!: number;
  @Field(() => ContourSource) thresholdSource!: ContourSource;
  @Field(() => Float, { nullable: true, description: 'Å' }) resolution!: number | null;
  @Field(() => CriteriaProfile) profile!: CriteriaProfile;
}


import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { VrsError } from '../../worker-pool/errors.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';
import { checkResolution } from '../../worker-pool/metrics/level0/inputs.js';
import { ContourSource, CriteriaProfile, JobState } from '../maps/common.type.js';
import { mapLoader, type Level0Args, type SectionStateRecord, type SubgraphContext } from '../maps/context.js';
import { checkMapId } from '../maps/map.resolver.js';
import {
  BackgroundAnalysis, BFactorAnalysis, HandAnalysis, InputData, Level0, Level0Summary, LocalAnalysis,
  MaskAnalysis, MassAnalysis, SectionProgress,
} from './level0.type.js';
import { LEVEL0_SECTIONS, type Level0SectionField } from './sections.js';

/** The Map entity as the level0 subgraph sees it: only its key, extended with `level0`. */
@Directive('@key(fields: "id")')
@ObjectType('Map')
export class MapLevel0Ref {
  @Field(() => ID) id!: string;
}

export function checkArgs(args: Level0Args): void {
  if (args.threshold != null && !Number.isFinite(args.threshold)) throw new VrsError('BAD_PARAMETER', 'threshold must be a finite number (map units).');
  // positive here; the Nyquist limit needs the map's voxel size (Level0Service.resolveParams)
  checkResolution(args.resolution, null, 'The resolution argument');
  if (args.voxelSize != null && !(Number.isFinite(args.voxelSize) && args.voxelSize > 0)) throw new VrsError('BAD_PARAMETER', 'voxelSize must be a positive number of Å.');
}

/** Map + arguments → the canonical parameters (threshold default from contour or estimated). */
export async function resolveLevel0(mapId: string, args: Level0Args, ctx: SubgraphContext): Promise<Level0> {
  checkArgs(args);
  const map = await mapLoader(ctx).load(checkMapId(mapId));
  if (!map) throw new VrsError('MAP_NOT_REGISTERED', `No map has id ${mapId}; register it first.`);
  const { params, thresholdSource } = await ctx.services.level0.resolveParams(map, args);
  return {
    mapId,
    voxelSize: params.voxelSize,
    threshold: params.threshold,
    thresholdSource: thresholdSource as ContourSource,
    resolution: params.resolution,
    profile: params.profile as CriteriaProfile,
  };
}

function paramsOf(l: Level0): Level0Params {
  return { threshold: l.threshold, resolution: l.resolution, profile: l.profile, voxelSize: l.voxelSize };
}

/** One section field = one memoized metric run; the timing and cache flag are attached. */
async function section<T>(l: Level0, field: Level0SectionField, ctx: SubgraphContext): Promise<T> {
  const run = await ctx.services.level0.runSection(l.mapId, LEVEL0_SECTIONS[field], paramsOf(l));
  const result = run.result as Record<string, unknown>;
  if (result && typeof result === 'object' && 'status' in result) {
    return { ...result, computeMillis: result.computeMillis ?? run.computeMillis, fromCache: run.fromCache } as T;
  }
  return result as T;
}

function toProgress(s: SectionStateRecord): SectionProgress {
  return { ...s, state: s.state as JobState };
}

@Resolver(() => MapLevel0Ref)
export class MapLevel0Resolver {
  @FieldResolver(() => Level0, { description: 'Level 0 analyses of this map; sections are computed when selected' })
  level0(
    @Root() map: MapLevel0Ref,
    @Arg('threshold', () => Float, { nullable: true, description: 'map units; default: the map contour level, else estimated' }) threshold: number | null,
    @Arg('resolution', () => Float, { nullable: true, description: 'Å; default: the reported resolution' }) resolution: number | null,
    @Arg('profile', () => CriteriaProfile, { defaultValue: CriteriaProfile.STANDARD }) profile: CriteriaProfile,
    @Ctx() ctx: SubgraphContext,
    @Arg('voxelSize', () => Float, { nullable: true, description: "Å per voxel to analyse with instead of the map header's (cubic voxels)" }) voxelSize?: number | null,
  ): Promise<Level0> {
    return resolveLevel0(map.id, { threshold, resolution, profile, voxelSize }, ctx);
  }
}

// Section fields are nullable on purpose: a section that fails resolves to null with its
// error (code in extensions) on that field only, and its siblings still resolve.
@Resolver(() => Level0)
export class Level0Resolver {
  @FieldResolver(() => InputData, { nullable: true, description: 'figures: slices, projections, mask slices' })
  inputData(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<InputData>(l, 'inputData', ctx); }

  @FieldResolver(() => MassAnalysis, { nullable: true, description: '0.a' })
  mass(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<MassAnalysis>(l, 'mass', ctx); }

  @FieldResolver(() => MaskAnalysis, { nullable: true, description: '0.b' })
  mask(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<MaskAnalysis>(l, 'mask', ctx); }

  @FieldResolver(() => BackgroundAnalysis, { nullable: true, description: '0.c' })
  background(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<BackgroundAnalysis>(l, 'background', ctx); }

  @FieldResolver(() => BFactorAnalysis, { nullable: true, description: '0.d' })
  bFactor(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<BFactorAnalysis>(l, 'bFactor', ctx); }

  @FieldResolver(() => LocalAnalysis, { nullable: true, description: '0.e' })
  localResolution(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<LocalAnalysis>(l, 'localResolution', ctx); }

  @FieldResolver(() => LocalAnalysis, { nullable: true, description: '0.f' })
  localBFactor(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<LocalAnalysis>(l, 'localBFactor', ctx); }

  @FieldResolver(() => LocalAnalysis, { nullable: true, description: '0.g' })
  localOccupancy(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<LocalAnalysis>(l, 'localOccupancy', ctx); }

  @FieldResolver(() => HandAnalysis, { nullable: true, description: '0.h' })
  hand(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<HandAnalysis>(l, 'hand', ctx); }

  @FieldResolver(() => Level0Summary, { nullable: true, description: 'score, section table, warnings, abstract (computes every section)' })
  summary(@Root() l: Level0, @Ctx() ctx: SubgraphContext) { return section<Level0Summary>(l, 'summary', ctx); }

  @FieldResolver(() => [SectionProgress], { description: 'per-section computation state (queued, running, done, failed) with timing; never computes' })
  async status(@Root() l: Level0, @Ctx() ctx: SubgraphContext): Promise<SectionProgress[]> {
    return (await ctx.services.level0.states(l.mapId, paramsOf(l))).map(toProgress);
  }
}

@Resolver()
export class Level0OperationsResolver {
  @Mutation(() => [SectionProgress], { description: 'Starts every Level 0 section without waiting; poll level0Status' })
  async startLevel0(
    @Arg('mapId', () => ID) mapId: string,
    @Arg('threshold', () => Float, { nullable: true }) threshold: number | null,
    @Arg('resolution', () => Float, { nullable: true }) resolution: number | null,
    @Arg('profile', () => CriteriaProfile, { defaultValue: CriteriaProfile.STANDARD }) profile: CriteriaProfile,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SectionProgress[]> {
    const l = await resolveLevel0(mapId, { threshold, resolution, profile }, ctx);
    return (await ctx.services.level0.start(mapId, paramsOf(l))).map(toProgress);
  }

  @Query(() => [SectionProgress], { description: 'Per-section state of the Level 0 analyses of a map (queued, running, done, failed, timing)' })
  async level0Status(
    @Arg('mapId', () => ID) mapId: string,
    @Arg('threshold', () => Float, { nullable: true }) threshold: number | null,
    @Arg('resolution', () => Float, { nullable: true }) resolution: number | null,
    @Arg('profile', () => CriteriaProfile, { defaultValue: CriteriaProfile.STANDARD }) profile: CriteriaProfile,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SectionProgress[]> {
    const l = await resolveLevel0(mapId, { threshold, resolution, profile }, ctx);
    return (await ctx.services.level0.states(mapId, paramsOf(l))).map(toProgress);
  }
}

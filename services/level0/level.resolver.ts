/**
 * The GraphQL face of the declared levels, derived from their lists: per level, a field on Map
 * (`level0(threshold, resolution, profile, voxelSize)`), its type (`Level0`) with one lazily
 * resolved field per section and its summary and status, and the operations `startLevel0` /
 * `level0Status`. Nothing here is written per section: a section's field, type and resolver
 * come from its declaration (worker-pool/metrics/<level>/<section>/).
 */
import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { VrsError } from '../../worker-pool/errors.js';
import { mapAnalysisSchema, type LevelDeclaration, type MapAnalysisParams, type SectionDeclaration } from '../../worker-pool/metrics/levels.js';
import { summarySchema } from '../../worker-pool/metrics/summary.js';
import type { ObjectSchema } from '../../worker-pool/metrics/record-schema.js';
import type { Level0Params } from '../../worker-pool/metrics/types.js';
import { checkResolution } from '../../worker-pool/metrics/level0/inputs.js';
import { CriteriaProfile, JobState } from '../maps/common.type.js';
import { mapLoader, requestWorkBudget, type SubgraphContext } from '../maps/context.js';
import { checkMapId } from '../maps/map.resolver.js';
import { IsosurfaceMesh, MetricRank, SectionProgress } from './level.type.js';
import { isosurfaceMetric, type IsosurfaceResult } from '../../worker-pool/metrics/level0/isosurface.js';
import { BIN_RULE } from '../ranking/rank.js';
import { isMissingInput, mapFacts, missingInputRecord } from '../compute/levels.js';
import { graphqlType } from './record-types.js';
import { LevelLayout, layoutResolver, SectionLayout } from './layout.js';
import type { LevelArgs, SectionStateRecord } from './service-types.js';

/** The Map entity as the levels subgraph sees it: only its key, extended with one field per level. */
@Directive('@key(fields: "id")')
@ObjectType('Map')
export class MapLevelsRef {
  @Field(() => ID) id!: string;
}

export function checkArgs(args: LevelArgs): void {
  if (args.threshold != null && !Number.isFinite(args.threshold)) throw new VrsError('BAD_PARAMETER', 'threshold must be a finite number (map units).');
  // positive here; the Nyquist limit needs the map's voxel size (LevelsService.resolveParams)
  checkResolution(args.resolution, null, 'The resolution argument');
  if (args.voxelSize != null && !(Number.isFinite(args.voxelSize) && args.voxelSize > 0)) throw new VrsError('BAD_PARAMETER', 'voxelSize must be a positive number of Å.');
}

/** Map + arguments → the level's record with its canonical parameters (threshold default from contour or estimated). */
export async function resolveLevel(level: string, mapId: string, args: LevelArgs, ctx: SubgraphContext): Promise<MapAnalysisLevel> {
  checkArgs(args);
  const map = await mapLoader(ctx).load(checkMapId(mapId));
  if (!map) throw new VrsError('MAP_NOT_REGISTERED', `No map has id ${mapId}; register it first.`);
  const { params, thresholdSource } = await ctx.services.levels.resolveParams(level, map, args);
  return { mapId, megavoxels: (map.dimensions.x * map.dimensions.y * map.dimensions.z) / 1e6, voxelSize: params.voxelSize, threshold: params.threshold, thresholdSource, resolution: params.resolution, profile: params.profile };
}

function paramsOf(l: MapAnalysisLevel): Level0Params {
  return { threshold: l.threshold, resolution: l.resolution, profile: l.profile, voxelSize: l.voxelSize };
}

function toProgress(s: SectionStateRecord): SectionProgress {
  return { ...s, state: s.state as JobState };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Class = Function;
type Method = (...args: never[]) => unknown;
/** A level's record as resolved: its parameters; `mapId` and `megavoxels` (the work budget's scale) are internal (not GraphQL fields). */
type MapAnalysisLevel = MapAnalysisParams & { mapId: string; megavoxels: number };

type ParamDecorator = (prototype: object, propertyKey: string, parameterIndex: number) => void;
type MemberDecorator = (prototype: object, propertyKey: string, descriptor: PropertyDescriptor) => void;

/** Defines `name` on a class's prototype and applies its method and parameter decorators (as `@` would). */
function method(cls: Class, name: string, fn: Method, decorate: unknown, params: unknown[]): void {
  const proto = (cls as { prototype: object }).prototype;
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  // right to left, as TypeScript applies parameter decorators (the SDL keeps the contract's order)
  for (let i = params.length - 1; i >= 0; i--) (params[i] as ParamDecorator)(proto, name, i);
  (decorate as MemberDecorator)(proto, name, Object.getOwnPropertyDescriptor(proto, name)!);
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** The arguments of a level of the map analyses, in the contract's order, described for that level. */
function levelArgs(level: LevelDeclaration): unknown[] {
  return [
    Arg('threshold', () => Float, { nullable: true, description: level.argDescriptions?.threshold ?? 'map units; default: the map contour level, else estimated' }),
    Arg('resolution', () => Float, { nullable: true, description: level.argDescriptions?.resolution ?? 'Å; default: the reported resolution' }),
    Arg('profile', () => CriteriaProfile, { defaultValue: CriteriaProfile.STANDARD, description: 'criteria profile that grades the sections (default STANDARD)' }),
  ];
}

const voxelSizeArg = () => Arg('voxelSize', () => Float, { nullable: true, description: "Å per voxel to analyse with instead of the map header's (cubic voxels)" });

/** A section field: one memoized metric run; the timing and cache flag are attached. */
async function section(level: LevelDeclaration, s: SectionDeclaration, l: MapAnalysisLevel, ctx: SubgraphContext): Promise<unknown> {
  // a level whose inputs the map lacks (Level 1 without half maps): NOT_APPLICABLE, saying how to attach them
  const run = await ctx.services.levels.runSection(level.field, l.mapId, s.metric.name, paramsOf(l), requestWorkBudget(ctx, l.megavoxels)).catch((error: unknown) => {
    if (isMissingInput(error)) return { result: missingInputRecord(s, error), computeMillis: null, fromCache: false };
    throw error;
  });
  let result = run.result as Record<string, unknown>;
  if (s.withMap && result && typeof result === 'object') result = s.withMap(result, mapFacts((await mapLoader(ctx).load(l.mapId))?.emdb)) as Record<string, unknown>;
  if (result && typeof result === 'object' && 'status' in result) {
    const rankOf: RankOf = { level: level.field, section: s.field, mapId: l.mapId, resolution: l.resolution, profile: l.profile };
    return { ...result, computeMillis: result.computeMillis ?? run.computeMillis, fromCache: run.fromCache, [RANK_OF]: rankOf };
  }
  return result;
}

/** What a section record's `rank` field needs, carried on the record (not a GraphQL field). */
const RANK_OF = Symbol('rankOf');
interface RankOf { level: string; section: string; mapId: string; resolution: number | null; profile: Level0Params['profile'] }

/** `rank` on a section type (once per type: 0.e–0.g share LocalAnalysis). */
const ranked = new Set<Class>();
function rankResolver(type: Class): Class[] {
  if (ranked.has(type)) return [];
  ranked.add(type);
  const R: Class = class {};
  method(R, 'rank', (async (record: Record<symbol, RankOf | undefined>, ctx: SubgraphContext) => {
    const of = record[RANK_OF];
    if (!of || of.resolution === null || !ctx.services.levels.rank) return [];
    return ctx.services.levels.rank(of.level, of.section, of.mapId, of.resolution, of.profile, record);
  }) as Method, FieldResolver(() => [MetricRank], {
    description: `where the section's headline numbers rank among the maps validated here at similar resolution (${BIN_RULE}); empty without a resolution or ranked numbers`,
  }), [Root(), Ctx()]);
  Resolver(() => type)(R as never);
  return [R];
}

/** The resolver classes and types of one level (built once per process and level). */
function levelResolvers(level: LevelDeclaration): { resolvers: Class[]; types: Class[] } {
  const LevelType = graphqlType(mapAnalysisSchema(level.typeName, level.typeDescription) as ObjectSchema<unknown>);
  const SummaryType = graphqlType(summarySchema(level.typeName) as ObjectSchema<unknown>);

  // Map.<level>(threshold, resolution, profile, voxelSize)
  const OnMap: Class = class {};
  method(OnMap, level.field,
    ((map: MapLevelsRef, threshold: number | null, resolution: number | null, profile: CriteriaProfile, ctx: SubgraphContext, voxelSize?: number | null) =>
      resolveLevel(level.field, map.id, { threshold, resolution, profile, voxelSize }, ctx)) as Method,
    FieldResolver(() => LevelType, { description: level.description }),
    [Root(), ...levelArgs(level), Ctx(), voxelSizeArg()]);
  Resolver(() => MapLevelsRef)(OnMap as never);

  // Level0.<section>, Level0.summary, Level0.status. Section fields are nullable on purpose: a
  // section that fails resolves to null with its error (code in extensions) on that field only.
  const Fields: Class = class {};
  for (const s of level.sections) {
    method(Fields, s.field, ((l: MapAnalysisLevel, ctx: SubgraphContext) => section(level, s, l, ctx)) as Method,
      FieldResolver(() => graphqlType(s.record as ObjectSchema<unknown>), { nullable: true, description: s.description }), [Root(), Ctx()]);
  }
  method(Fields, 'summary', ((l: MapAnalysisLevel, ctx: SubgraphContext) => ctx.services.levels.summary(level.field, l.mapId, paramsOf(l), l.thresholdSource, requestWorkBudget(ctx, l.megavoxels))) as Method,
    FieldResolver(() => SummaryType, { nullable: true, description: 'score, section table, warnings, abstract (computes every section)' }), [Root(), Ctx()]);
  method(Fields, 'status', (async (l: MapAnalysisLevel, ctx: SubgraphContext) => (await ctx.services.levels.states(level.field, l.mapId, paramsOf(l))).map(toProgress)) as Method,
    FieldResolver(() => [SectionProgress], { description: 'per-section computation state (queued, running, done, failed) with timing; never computes' }), [Root(), Ctx()]);
  // Level0.isosurface, for a level that makes the mesh (the dashboard's 3D view draws it)
  if (level.supportMetrics.includes(isosurfaceMetric as never)) {
    method(Fields, 'isosurface', (async (l: MapAnalysisLevel, ctx: SubgraphContext) => {
      const r = (await ctx.services.levels.runSupport(level.field, l.mapId, isosurfaceMetric.name, paramsOf(l), requestWorkBudget(ctx, l.megavoxels))).result as IsosurfaceResult;
      return { threshold: r.threshold, step: r.step, vertices: r.vertices, triangles: r.triangles, sha256: r.mesh.sha256, url: `/artifacts/${r.mesh.sha256}.bin` };
    }) as Method,
    FieldResolver(() => IsosurfaceMesh, { nullable: true, description: "the map's isosurface at the threshold, as a mesh file (computed on first use)" }), [Root(), Ctx()]);
  }
  Resolver(() => LevelType)(Fields as never);

  // startLevel0(mapId, …) and level0Status(mapId, …)
  const Operations: Class = class {};
  const opArgs = [Arg('mapId', () => ID, { description: 'the map id (SHA-256 of its file)' }), ...levelArgs(level), Ctx(), voxelSizeArg()];
  method(Operations, `start${cap(level.field)}`,
    (async (mapId: string, threshold: number | null, resolution: number | null, profile: CriteriaProfile, ctx: SubgraphContext, voxelSize?: number | null) => {
      const l = await resolveLevel(level.field, mapId, { threshold, resolution, profile, voxelSize }, ctx);
      return (await ctx.services.levels.start(level.field, mapId, paramsOf(l))).map(toProgress);
    }) as Method,
    Mutation(() => [SectionProgress], { description: `Starts every ${level.chapterTitle.replace(/ analysis$/, '')} section without waiting; poll ${level.field}Status` }), opArgs);
  method(Operations, `${level.field}Status`,
    (async (mapId: string, threshold: number | null, resolution: number | null, profile: CriteriaProfile, ctx: SubgraphContext, voxelSize?: number | null) => {
      const l = await resolveLevel(level.field, mapId, { threshold, resolution, profile, voxelSize }, ctx);
      return (await ctx.services.levels.states(level.field, mapId, paramsOf(l))).map(toProgress);
    }) as Method,
    Query(() => [SectionProgress], { description: `Per-section state of the ${level.chapterTitle.replace(/ analysis$/, '')} analyses of a map (queued, running, done, failed, timing)` }), opArgs);
  Resolver()(Operations as never);

  const rankers = level.sections.filter((s) => s.id !== null).flatMap((s) => rankResolver(graphqlType(s.record as ObjectSchema<unknown>)));
  return { resolvers: [OnMap, Fields, Operations, ...rankers], types: [LevelType, SummaryType, ...level.sections.map((s) => graphqlType(s.record as ObjectSchema<unknown>))] };
}

const byLevel = new Map<LevelDeclaration, ReturnType<typeof levelResolvers>>();

/** The resolvers and types of the given levels (decorators applied once per level and process). */
export function levelsGraphql(levels: readonly LevelDeclaration[]): { resolvers: Class[]; types: Class[] } {
  const parts = levels.map((l) => {
    let p = byLevel.get(l);
    if (!p) byLevel.set(l, (p = levelResolvers(l)));
    return p;
  });
  return {
    resolvers: [...parts.flatMap((p) => p.resolvers), layoutResolver(levels)],
    types: [MapLevelsRef, IsosurfaceMesh, ...parts.flatMap((p) => p.types), LevelLayout, SectionLayout],
  };
}

import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Resolver, Root } from 'type-graphql';
import { CriteriaProfile, JobState } from '../maps/common.type.js';
import type { SubgraphContext } from '../maps/context.js';
import type { ReportRecord } from './service-types.js';
import { resolveLevel } from '../level0/level.resolver.js';
import { MapReportRef, Report } from './report.type.js';

function toReport(r: ReportRecord): Report {
  return { ...r, state: r.state as JobState, pdfSha256: r.pdfSha256 ?? null };
}

async function paramsFor(mapId: string, threshold: number | null, resolution: number | null, profile: CriteriaProfile, ctx: SubgraphContext) {
  const l = await resolveLevel('level0', mapId, { threshold, resolution, profile }, ctx);
  return { threshold: l.threshold, resolution: l.resolution, profile: l.profile, voxelSize: l.voxelSize };
}

@Resolver(() => MapReportRef)
export class MapReportResolver {
  @FieldResolver(() => Report, { description: 'The PDF report for these parameters (its state; renderReport starts it)' })
  async report(
    @Root() map: MapReportRef,
    @Arg('threshold', () => Float, { nullable: true, description: 'map units' }) threshold: number | null,
    @Arg('resolution', () => Float, { nullable: true, description: 'Å' }) resolution: number | null,
    @Arg('profile', () => CriteriaProfile, { defaultValue: CriteriaProfile.STANDARD, description: 'criteria profile that grades the sections (default STANDARD)' }) profile: CriteriaProfile,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Report> {
    const params = await paramsFor(map.id, threshold, resolution, profile, ctx);
    return toReport(await ctx.services.reports.get(map.id, params));
  }
}

@Resolver()
export class ReportOperationsResolver {
  @Mutation(() => Report, { description: 'Starts rendering the PDF report (computing what it needs); poll Map.report, or ask with wait: true' })
  async renderReport(
    @Arg('mapId', () => ID, { description: 'the map id (SHA-256 of its file)' }) mapId: string,
    @Arg('threshold', () => Float, { nullable: true, description: 'map units; default: the map contour level, else estimated' }) threshold: number | null,
    @Arg('resolution', () => Float, { nullable: true, description: 'Å; default: the reported resolution' }) resolution: number | null,
    @Arg('profile', () => CriteriaProfile, { nullable: true, description: 'criteria profile that grades the sections (default STANDARD)' }) profile: CriteriaProfile | null,
    @Ctx() ctx: SubgraphContext,
    @Arg('wait', () => Boolean, { defaultValue: false, description: 'answer once the PDF is rendered and stored (a failure is an error with its code), not at once' }) wait: boolean,
  ): Promise<Report> {
    const params = await paramsFor(mapId, threshold, resolution, profile ?? CriteriaProfile.STANDARD, ctx);
    return toReport(await ctx.services.reports.render(mapId, params, { wait }));
  }
}

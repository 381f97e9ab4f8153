/**
 * The levels service over the compute orchestrator: each section is one memoized `runMetric`;
 * a level's summary is made from its section records (never stored apart).
 */
import { VrsError } from '../../worker-pool/errors.js';
import { clientStoredError } from '../../worker-pool/server-paths.js';
import type { LevelDeclaration } from '../../worker-pool/metrics/levels.js';
import type { Level0Summary } from '../../worker-pool/metrics/level0/types.js';
import type { CriteriaProfile, Level0Params } from '../../worker-pool/metrics/types.js';
import type { ContourSource } from '../../worker-pool/metrics/section-record.js';
import { checkFiniteVoxels, checkResolution, checkThreshold, resolveVoxelSize, thresholdAboveMaximum, type StoredStatistics } from '../../worker-pool/metrics/level0/inputs.js';
import type { ComputeOrchestrator } from '../compute/orchestrator.js';
import { computeLevelSections, isMissingInput, levelStates, startLevel } from '../compute/levels.js';
import { levelSummary } from '../compute/level-result.js';
import { fullValidationCost, requestWorkFactor, WorkBudget, type MapWorkBudget, type UncomputedWork } from '../compute/work-budget.js';
import type { MapRecord } from '../maps/service-types.js';
import type { RankStore } from '../store/ranks.js';
import { sectionRankedNumbers, type MetricRank } from '../ranking/rank.js';
import type { LevelArgs, LevelsService, ResolvedLevel, SectionRun, SectionStateRecord } from './service-types.js';

const STATE: Record<string, SectionStateRecord['state']> = {
  queued: 'QUEUED', running: 'RUNNING', done: 'DONE', failed: 'FAILED', pending: 'NOT_STARTED',
};

const startMutation = (level: string) => `start${level[0]!.toUpperCase()}${level.slice(1)}`;

export class OrchestratorLevelsService implements LevelsService {
  constructor(readonly orchestrator: ComputeOrchestrator, readonly levels: readonly LevelDeclaration[], readonly ranks?: RankStore) {}

  async rank(level: string, section: string, mapId: string, resolution: number, profile: CriteriaProfile, record: unknown): Promise<MetricRank[]> {
    const decl = this.level(level).sections.find((s) => s.field === section);
    if (!this.ranks || !decl?.ranked) return [];
    const numbers = sectionRankedNumbers(level, section, decl.ranked, record);
    await this.ranks.record(mapId, resolution, profile, numbers);
    return this.ranks.ranks(resolution, profile, numbers);
  }

  /**
   * A section computed by a level's start or summary joins the rank table at once, so the map
   * counts in other maps' bins even when nobody asks for its own `rank` (a dashboard's Run).
   */
  async #recordRanks(level: string, metric: string, mapId: string, params: Level0Params, record: unknown): Promise<void> {
    const decl = this.level(level).sections.find((s) => s.metric.name === metric);
    if (!this.ranks || !decl?.ranked || params.resolution == null || !record || typeof record !== 'object' || !('status' in record)) return;
    await this.ranks.record(mapId, params.resolution, params.profile, sectionRankedNumbers(level, decl.field, decl.ranked, record));
  }

  /**
   * Stores the ranked numbers of done sections that have none in the rank table (all maps, or
   * one): the gateway's start-up pass, for sections whose `start` callback a restart cut short
   * (the callback above runs after the row is stored, in this process only). Returns how many
   * rows were completed.
   */
  async recordMissingRanks(mapId: string | null = null): Promise<number> {
    if (!this.ranks) return 0;
    const bySection = new Map<string, { level: LevelDeclaration; decl: LevelDeclaration['sections'][number] }>();
    for (const level of this.levels) for (const decl of level.sections) {
      if (decl.ranked?.length && this.orchestrator.registry.has(decl.metric.name)) bySection.set(decl.metric.name, { level, decl });
    }
    const targets = [...bySection].map(([metric, { level, decl }]) => ({
      memoMetric: metric, version: this.orchestrator.algorithmVersion(metric),
      numbers: decl.ranked!.map((r) => ({ metric: `${level.field}.${decl.field}.${r.path}`, path: r.path })),
    }));
    const rows = await this.ranks.missing(targets, mapId);
    for (const row of rows) {
      const { level, decl } = bySection.get(row.memoMetric)!;
      await this.ranks.recordMissing(row.mapId, row.resolution, row.profile, sectionRankedNumbers(level.field, decl.field, decl.ranked!, row.result));
    }
    return rows.length;
  }

  /** One full validation's worth of declared cost (per million voxels), times VRS_REQUEST_WORK_FACTOR. */
  workBudget(): WorkBudget {
    return new WorkBudget(fullValidationCost(this.orchestrator.registry) * requestWorkFactor());
  }

  level(field: string): LevelDeclaration {
    const level = this.levels.find((l) => l.field === field);
    if (!level) throw new VrsError('BAD_PARAMETER', `No level named ${field} (known: ${this.levels.map((l) => l.field).join(', ')}).`);
    return level;
  }

  async resolveParams(level: string, map: MapRecord, args: LevelArgs): Promise<ResolvedLevel> {
    this.level(level);
    const profile = args.profile ?? 'standard';
    // The same checks as vrs validate (level0/inputs.ts), on the stored record, before any
    // section runs: a refused input is an error with its code, and no failure is stored.
    checkFiniteVoxels(map.statistics as StoredStatistics); // the stored statistics carry the reader's nanCount
    const voxelSize = resolveVoxelSize(map, args.voxelSize);
    const resolution = args.resolution != null
      ? checkResolution(args.resolution, voxelSize, 'The resolution argument')
      : checkResolution(map.reportedResolution, voxelSize, "The map's reported resolution (set at registration or with setMapMetadata)");
    const estimate = async () => (await this.orchestrator.runMetric<{ threshold: number }>(map.id, 'level0.threshold', {})).result.threshold;
    // a threshold above the map's maximum empties the mask: refused with the range and the estimate
    const checked = async (threshold: number, source: string) => {
      const stats = map.statistics as StoredStatistics;
      const suggested = thresholdAboveMaximum(threshold, stats) ? await estimate() : null;
      return checkThreshold(threshold, stats, () => suggested, source);
    };
    if (args.threshold != null) {
      // the map's own contour level, asked for by value (the report's query does): it keeps its source, an estimate stays one
      const source = map.contourLevel != null && map.contourSource && args.threshold === map.contourLevel ? map.contourSource : 'USER';
      return { params: { threshold: await checked(args.threshold, 'The threshold argument'), resolution, profile, voxelSize }, thresholdSource: source };
    }
    if (map.contourLevel != null) {
      const threshold = await checked(map.contourLevel, "The map's contour level (set at registration or with setMapMetadata)");
      return { params: { threshold, resolution, profile, voxelSize }, thresholdSource: map.contourSource ?? 'USER' };
    }
    return { params: { threshold: await estimate(), resolution, profile, voxelSize }, thresholdSource: 'ESTIMATED' };
  }

  async runSection(level: string, mapId: string, metric: string, params: Level0Params, budget?: MapWorkBudget): Promise<SectionRun> {
    const section = this.level(level).sections.find((s) => s.metric.name === metric);
    if (!section) throw new VrsError('BAD_PARAMETER', `Level ${level} has no section computed by ${metric}.`);
    if (budget) budget.charge(await this.orchestrator.uncomputedWork(mapId, metric, params), `${level}.${section.field}`, startMutation(level));
    return this.orchestrator.runMetric(mapId, metric, params);
  }

  async runSupport(level: string, mapId: string, metric: string, params: Level0Params, budget?: MapWorkBudget): Promise<SectionRun> {
    if (!this.level(level).supportMetrics.some((m) => m.name === metric)) throw new VrsError('BAD_PARAMETER', `Level ${level} has no support metric ${metric}.`);
    if (budget) budget.charge(await this.orchestrator.uncomputedWork(mapId, metric, params), `${level}.${metric}`, startMutation(level));
    return this.orchestrator.runMetric(mapId, metric, params);
  }

  async summary(level: string, mapId: string, params: Level0Params, thresholdSource?: ContourSource, budget?: MapWorkBudget): Promise<Level0Summary> {
    const declared = this.level(level);
    if (budget) {
      // every section the summary computes, charged at once
      const work: UncomputedWork = new Map();
      const metrics = declared.sections.map((s) => s.metric.name).filter((m) => this.orchestrator.registry.has(m));
      // a section whose inputs the map lacks (Level 1 without half maps) computes nothing: it costs nothing
      const uncomputed = (m: string) => this.orchestrator.uncomputedWork(mapId, m, params).catch((error: unknown) => {
        if (isMissingInput(error)) return new Map() as UncomputedWork;
        throw error;
      });
      for (const part of await Promise.all(metrics.map(uncomputed))) {
        for (const [key, cost] of part) work.set(key, cost);
      }
      budget.charge(work, `${level}.summary`, startMutation(level));
    }
    const run = await computeLevelSections(this.orchestrator, declared, mapId, params);
    for (const s of declared.sections) {
      if (run.sections[s.field] !== undefined) await this.#recordRanks(level, s.metric.name, mapId, params, run.sections[s.field]);
    }
    return levelSummary(this.levels, declared, run.sections, params.resolution, thresholdSource ? { value: params.threshold, source: thresholdSource } : undefined);
  }

  async start(level: string, mapId: string, params: Level0Params): Promise<SectionStateRecord[]> {
    await startLevel(this.orchestrator, this.level(level), mapId, params, (metric, result) => this.#recordRanks(level, metric, mapId, params, result));
    return this.states(level, mapId, params);
  }

  async states(level: string, mapId: string, params: Level0Params): Promise<SectionStateRecord[]> {
    const states = await levelStates(this.orchestrator, this.level(level), mapId, params);
    // every section final: their ranks are in the table before anyone is told so (the start
    // callback stores them just after the row; a poll can fall in between)
    // (a failure here costs the ranks, not the answer: the next poll or start-up tries again)
    if (states.every((s) => s.state === 'done' || s.state === 'failed' || s.error)) await this.recordMissingRanks(mapId).catch(() => 0);
    return states.map((s) => ({
      section: s.field,
      metric: s.metric,
      state: STATE[s.state] ?? 'NOT_STARTED',
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      computeMillis: s.computeMillis,
      error: clientStoredError(s.error),
    }));
  }
}

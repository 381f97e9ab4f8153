/** What the levels subgraph's resolvers need from the services (implemented by ./service.ts). */
import type { ErrorCode } from '../../worker-pool/errors.js';
import type { Level0Summary } from '../../worker-pool/metrics/level0/types.js';
import type { ContourSource } from '../../worker-pool/metrics/section-record.js';
import type { CriteriaProfile, Level0Params } from '../../worker-pool/metrics/types.js';
import type { MapRecord } from '../maps/service-types.js';
import type { MapWorkBudget, WorkBudget } from '../compute/work-budget.js';
import type { MetricRank } from '../ranking/rank.js';

export type SectionStateName = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'NOT_STARTED';

export interface SectionStateRecord {
  /** Field name in the level, e.g. 'bFactor'. */
  section: string;
  metric: string;
  state: SectionStateName;
  startedAt: Date | null;
  finishedAt: Date | null;
  computeMillis: number | null;
  error: { code: ErrorCode; message: string } | null;
}

export interface SectionRun<T = unknown> {
  result: T;
  computeMillis: number | null;
  fromCache: boolean;
}

export interface LevelArgs {
  threshold?: number | null;
  resolution?: number | null;
  profile?: CriteriaProfile | null;
  /** Å, the voxel size to use instead of the map header's (vrs validate --voxel-size) */
  voxelSize?: number | null;
}

export interface ResolvedLevel {
  params: Level0Params;
  thresholdSource: ContourSource;
}

/** Every method names the level by its field ('level0'). */
export interface LevelsService {
  /** Fills the defaults: threshold from the user, else the map's contour, else estimated. */
  resolveParams(level: string, map: MapRecord, args: LevelArgs): Promise<ResolvedLevel>;
  /**
   * One section: one memoized metric run (computes on a miss, once). With `budget` (the
   * request's), the uncomputed work it needs is charged first (WORK_BUDGET_EXCEEDED beyond it).
   */
  runSection(level: string, mapId: string, metric: string, params: Level0Params, budget?: MapWorkBudget): Promise<SectionRun>;
  /** One of the level's support metrics (e.g. level0.isosurface), memoized like a section. */
  runSupport(level: string, mapId: string, metric: string, params: Level0Params, budget?: MapWorkBudget): Promise<SectionRun>;
  /**
   * The level's summary, from its section records (computes what is missing, charged to `budget`);
   * `thresholdSource` says whether the threshold was estimated.
   */
  summary(level: string, mapId: string, params: Level0Params, thresholdSource?: ContourSource, budget?: MapWorkBudget): Promise<Level0Summary>;
  /** A new budget of uncomputed work for one request (none: no limit). */
  workBudget?(): WorkBudget;
  /** Starts every section without waiting. */
  start(level: string, mapId: string, params: Level0Params): Promise<SectionStateRecord[]>;
  states(level: string, mapId: string, params: Level0Params): Promise<SectionStateRecord[]>;
  /**
   * The ranks of a section record's ranked numbers among the stored maps in the resolution's
   * bin (this map's numbers are stored first); absent: no ranking (an in-memory service).
   */
  rank?(level: string, section: string, mapId: string, resolution: number, profile: CriteriaProfile, record: unknown): Promise<MetricRank[]>;
  /** Stores the ranked numbers of done sections missing from the rank table (of one map, or all); how many sections were completed. */
  recordMissingRanks?(mapId?: string | null): Promise<number>;
}

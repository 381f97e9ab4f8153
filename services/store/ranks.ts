/**
 * The rank table (migrations/1797100000000-MetricRanks.ts, per profile since
 * 1800000000001-MetricRanksProfile.ts): this map's ranked numbers are written when a level is
 * validated (one row per map, number and criteria profile; the latest validation in that
 * profile wins), and a rank is one indexed count over the map's resolution bin among the rows
 * of the same profile (a standard validation is never ranked against vrs-2024 numbers).
 */
import type { DataSource } from 'typeorm';
import { queryRows } from './query-rows.js';
import { resolutionBin, weakPercentile, type MetricRank, type RankedNumber } from '../ranking/rank.js';
import type { CriteriaProfile } from '../../worker-pool/metrics/types.js';

/** The count of a bin at or below a value (the statement EXPLAIN is asked about in the tests). */
export const RANK_SQL =
  `SELECT count(*) FILTER (WHERE value <= $4)::int AS at_or_below, count(*)::int AS n
     FROM metric_ranks WHERE metric = $1 AND profile = $5 AND resolution BETWEEN $2 AND $3`;

/** A ranked section's memo metric at its current algorithm version, and its ranked numbers (`<level>.<section>.<path>`). */
export interface RankedTarget { memoMetric: string; version: string; numbers: { metric: string; path: string }[] }

/** A done memo row some of whose ranked numbers are missing from the rank table. */
export interface MissingRankRow { mapId: string; memoMetric: string; profile: CriteriaProfile; resolution: number; result: unknown }

/**
 * The done memo rows (current algorithm version, a computed record with the number) whose
 * ranked number has no row in the rank table, the latest per map, metric and profile. A row
 * whose parameters lack the resolution or the profile (the masks key neither) is taken at the
 * map's reported resolution and the standard profile: what a validation without arguments (a
 * batch, the dashboard's Run) uses. Map-only rows only (Level 0, archive): a half-map or model
 * row may be of files the map no longer has attached, which the memo row alone cannot tell.
 * Indexed both ways: metric_results_done for the memo rows,
 * the rank table's primary key for the anti-join.
 */
export const MISSING_RANKS_SQL =
  `WITH t(memo_metric, version, rank_metric, path) AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])),
        r AS (SELECT r.map_id, r.metric, r.result, r.finished_at, t.rank_metric, t.path,
                     coalesce(r.params->>'profile', 'standard') AS profile,
                     coalesce((r.params->>'resolution')::float8, m.reported_resolution) AS resolution
                FROM t JOIN metric_results r ON r.metric = t.memo_metric AND r.algorithm_version = t.version AND r.state = 'done' AND r.inputs_hash = ''
                JOIN maps m ON m.id = r.map_id
               -- the arrays again, as plain conditions the partial index metric_results_done answers
               WHERE r.metric = ANY($1::text[]) AND r.algorithm_version = ANY($2::text[]) AND ($5::text IS NULL OR r.map_id = $5))
   SELECT DISTINCT ON (map_id, metric, profile) map_id, metric, profile, resolution, result
     FROM r
    WHERE resolution > 0 AND result->>'status' IN ('OK', 'WARNING')
      AND jsonb_typeof(result #> string_to_array(path, '.')) = 'number'
      AND NOT EXISTS (SELECT 1 FROM metric_ranks k WHERE k.metric = r.rank_metric AND k.profile = r.profile AND k.map_id = r.map_id)
    ORDER BY map_id, metric, profile, finished_at DESC NULLS LAST`;

export class RankStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores this map's numbers at its resolution in a profile (replacing an earlier validation's in that profile). */
  async record(mapId: string, resolution: number, profile: CriteriaProfile, numbers: readonly RankedNumber[]): Promise<void> {
    if (numbers.length === 0) return;
    await queryRows(this.dataSource,
      `INSERT INTO metric_ranks (metric, profile, map_id, resolution, value)
         SELECT m, $5, $1, $2, v FROM unnest($3::text[], $4::float8[]) AS t(m, v)
       ON CONFLICT (metric, profile, map_id) DO UPDATE SET resolution = EXCLUDED.resolution, value = EXCLUDED.value, updated_at = now()`,
      [mapId, resolution, numbers.map((n) => n.metric), numbers.map((n) => n.value), profile]);
  }

  /** Like record, but a number already stored for the map and profile is kept (the start-up pass never overwrites a later validation's). */
  async recordMissing(mapId: string, resolution: number, profile: CriteriaProfile, numbers: readonly RankedNumber[]): Promise<void> {
    if (numbers.length === 0) return;
    await queryRows(this.dataSource,
      `INSERT INTO metric_ranks (metric, profile, map_id, resolution, value)
         SELECT m, $5, $1, $2, v FROM unnest($3::text[], $4::float8[]) AS t(m, v)
       ON CONFLICT (metric, profile, map_id) DO NOTHING`,
      [mapId, resolution, numbers.map((n) => n.metric), numbers.map((n) => n.value), profile]);
  }

  /** The done memo rows with a ranked number missing from the rank table (MISSING_RANKS_SQL), of one map or of all. */
  async missing(targets: readonly RankedTarget[], mapId: string | null = null): Promise<MissingRankRow[]> {
    const flat = targets.flatMap((t) => t.numbers.map((n) => [t.memoMetric, t.version, n.metric, n.path] as const));
    if (flat.length === 0) return [];
    const rows = await queryRows<{ map_id: string; metric: string; profile: CriteriaProfile; resolution: number; result: unknown }>(this.dataSource, MISSING_RANKS_SQL,
      [flat.map((f) => f[0]), flat.map((f) => f[1]), flat.map((f) => f[2]), flat.map((f) => f[3]), mapId]);
    return rows.map((r) => ({ mapId: r.map_id, memoMetric: r.metric, profile: r.profile, resolution: r.resolution, result: r.result }));
  }

  /** The rank of each number among the maps stored in the profile in the resolution's bin (this map's stored row included). */
  async ranks(resolution: number, profile: CriteriaProfile, numbers: readonly RankedNumber[]): Promise<MetricRank[]> {
    const { low, high } = resolutionBin(resolution);
    return Promise.all(numbers.map(async (x) => {
      const [row] = await queryRows<{ at_or_below: number; n: number }>(this.dataSource, RANK_SQL, [x.metric, low, high, x.value, profile]);
      const n = row?.n ?? 0;
      const atOrBelow = row?.at_or_below ?? 0;
      return {
        metric: x.metric, label: x.label, unit: x.unit, better: x.better, value: x.value,
        percentile: weakPercentile(atOrBelow, n), mapsInBin: n, atOrBelow, binLow: low, binHigh: high,
      };
    }));
  }
}

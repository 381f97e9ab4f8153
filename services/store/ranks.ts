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

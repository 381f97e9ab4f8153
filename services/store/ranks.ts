/**
 * The rank table (migrations/1797100000000-MetricRanks.ts): this map's ranked numbers are
 * written when a level is validated (one row per map and number, the latest validation
 * wins), and a rank is one indexed count over the map's resolution bin.
 */
import type { DataSource } from 'typeorm';
import { queryRows } from './query-rows.js';
import { resolutionBin, weakPercentile, type MetricRank, type RankedNumber } from '../ranking/rank.js';

/** The count of a bin at or below a value (the statement EXPLAIN is asked about in the tests). */
export const RANK_SQL =
  `SELECT count(*) FILTER (WHERE value <= $4)::int AS at_or_below, count(*)::int AS n
     FROM metric_ranks WHERE metric = $1 AND resolution BETWEEN $2 AND $3`;

export class RankStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores this map's numbers at its resolution (replacing an earlier validation's). */
  async record(mapId: string, resolution: number, numbers: readonly RankedNumber[]): Promise<void> {
    if (numbers.length === 0) return;
    await queryRows(this.dataSource,
      `INSERT INTO metric_ranks (metric, map_id, resolution, value)
         SELECT m, $1, $2, v FROM unnest($3::text[], $4::float8[]) AS t(m, v)
       ON CONFLICT (metric, map_id) DO UPDATE SET resolution = EXCLUDED.resolution, value = EXCLUDED.value, updated_at = now()`,
      [mapId, resolution, numbers.map((n) => n.metric), numbers.map((n) => n.value)]);
  }

  /** The rank of each number among the stored maps in the resolution's bin (this map's stored row included). */
  async ranks(resolution: number, numbers: readonly RankedNumber[]): Promise<MetricRank[]> {
    const { low, high } = resolutionBin(resolution);
    return Promise.all(numbers.map(async (x) => {
      const [row] = await queryRows<{ at_or_below: number; n: number }>(this.dataSource, RANK_SQL, [x.metric, low, high, x.value]);
      const n = row?.n ?? 0;
      const atOrBelow = row?.at_or_below ?? 0;
      return {
        metric: x.metric, label: x.label, unit: x.unit, better: x.better, value: x.value,
        percentile: weakPercentile(atOrBelow, n), mapsInBin: n, atOrBelow, binLow: low, binHigh: high,
      };
    }));
  }
}

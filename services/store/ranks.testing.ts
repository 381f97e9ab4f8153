/**
 * Synthetic rank rows for the tests and the bench: n maps with a resolution in [1.5, 20) Å by
 * 0.01 and a value in [-300, 0) by 0.1 (ties on purpose), drawn with mulberry32 exactly as
 * worker-pool/metrics/archive/fixtures/make_archive_fixture.py draws them.
 */
import type { DataSource } from 'typeorm';
import { mulberry32 } from '../../worker-pool/synthetic/random.js';

export const SYNTHETIC_METRIC = 'level0.bFactor.bFactor';

export function syntheticRanks(seed: number, n: number): { resolution: number[]; value: number[] } {
  const rnd = mulberry32(seed);
  const resolution: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < n; i++) {
    // integers first, one division each: the same doubles as the Python script
    resolution.push((150 + Math.floor(1850 * rnd())) / 100);
    value.push((Math.floor(3000 * rnd()) - 3000) / 10);
  }
  return { resolution, value };
}

/** Map id i (64 hex digits). */
export const syntheticMapId = (i: number) => i.toString(16).padStart(64, '0');

/**
 * Stores n synthetic maps and their rank rows in the standard profile (plus a second metric, and
 * the same maps' numbers shifted in the vrs-2024 profile, so the index must pick the metric and
 * the profile), then VACUUM ANALYZE.
 */
export async function seedRanks(ds: DataSource, seed: number, n: number): Promise<{ resolution: number[]; value: number[] }> {
  const data = syntheticRanks(seed, n);
  await ds.query(
    `INSERT INTO maps (id, name, size_bytes, header, geometry, statistics)
     SELECT lpad(to_hex(i), 64, '0'), 'synthetic ' || i, 0, '{}', '{}', '{}' FROM generate_series(0, $1 - 1) AS i`, [n]);
  await ds.query(
    `INSERT INTO metric_ranks (metric, profile, map_id, resolution, value)
     SELECT $1, 'standard', lpad(to_hex((i - 1)::int), 64, '0'), r, v FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS t(r, v, i)`,
    [SYNTHETIC_METRIC, data.resolution, data.value]);
  await ds.query(`INSERT INTO metric_ranks (metric, profile, map_id, resolution, value) SELECT 'level0.background.ratio', profile, map_id, resolution, -value FROM metric_ranks`);
  await ds.query(`INSERT INTO metric_ranks (metric, profile, map_id, resolution, value) SELECT metric, 'vrs-2024', map_id, resolution, value - 50 FROM metric_ranks`);
  await ds.query('VACUUM ANALYZE metric_ranks');
  return data;
}

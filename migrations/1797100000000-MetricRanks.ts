import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ranks (issue 20): one row per map and ranked number (`<level>.<section>.<path>`), its value
 * and the resolution the map was validated at, taken from the memo rows' records when a level
 * is validated. The index (metric, resolution, value) answers a bin's count at or below a
 * value with one index range scan (index-only once the table is vacuumed).
 */
export class MetricRanks1797100000000 implements MigrationInterface {
  name = 'MetricRanks1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE metric_ranks (
        metric      text NOT NULL,
        map_id      varchar(64) NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        resolution  double precision NOT NULL CHECK (resolution > 0),
        value       double precision NOT NULL CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')),
        updated_at  timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (metric, map_id)
      )`);
    await queryRunner.query(`CREATE INDEX metric_ranks_bin ON metric_ranks (metric, resolution, value)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE metric_ranks`);
  }
}

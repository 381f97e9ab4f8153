import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ranks per criteria profile (issue 20): a map validated with the standard profile is ranked
 * among the standard validations only, never against vrs-2024 numbers (the score and the
 * statuses differ between profiles). The rows stored before have no profile: they are dropped
 * (a map's rows are written again the next time it is validated or its `rank` is asked for).
 */
export class MetricRanksProfile1800000000001 implements MigrationInterface {
  name = 'MetricRanksProfile1800000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM metric_ranks`);
    await queryRunner.query(`ALTER TABLE metric_ranks ADD COLUMN profile text NOT NULL`);
    await queryRunner.query(`ALTER TABLE metric_ranks DROP CONSTRAINT metric_ranks_pkey, ADD PRIMARY KEY (metric, profile, map_id)`);
    await queryRunner.query(`DROP INDEX metric_ranks_bin`);
    await queryRunner.query(`CREATE INDEX metric_ranks_bin ON metric_ranks (metric, profile, resolution, value)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM metric_ranks`);
    await queryRunner.query(`DROP INDEX metric_ranks_bin`);
    await queryRunner.query(`ALTER TABLE metric_ranks DROP CONSTRAINT metric_ranks_pkey, ADD PRIMARY KEY (metric, map_id)`);
    await queryRunner.query(`ALTER TABLE metric_ranks DROP COLUMN profile`);
    await queryRunner.query(`CREATE INDEX metric_ranks_bin ON metric_ranks (metric, resolution, value)`);
  }
}

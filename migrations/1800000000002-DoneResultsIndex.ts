import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's start-up pass over the rank table (issue 20, services/store/ranks.ts
 * `missingRankRows`) reads the done memo rows of the ranked metrics at their current algorithm
 * version: this partial index gives it those rows without reading the whole memo table (most
 * rows are not ranked sections).
 */
export class DoneResultsIndex1800000000002 implements MigrationInterface {
  name = 'DoneResultsIndex1800000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX metric_results_done ON metric_results (metric, algorithm_version, map_id) WHERE state = 'done'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX metric_results_done`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA, METRIC_QUEUE, METRIC_DEAD_QUEUE } from '../services/jobs/names.js';

/**
 * Issue 19: the compute job queue (pg-boss, in its own schema `vrs_jobs`, with its metric
 * queue and dead-letter queue) and the API keys (stored as SHA-256 of the secret, never the
 * secret). pg-boss's own construction SQL is used as it ships (its BEGIN/COMMIT removed: the
 * migration runs in TypeORM's transaction), so pg-boss finds its schema at its version at start.
 */
export class JobQueue1800000000000 implements MigrationInterface {
  name = 'JobQueue1800000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const plans = PgBoss.getConstructionPlans(JOB_SCHEMA).replace(/^\s*BEGIN;/, '').replace(/COMMIT;\s*$/, '');
    await queryRunner.query(plans);
    // the dead-letter queue first (a queue's dead_letter is a foreign key to it)
    await queryRunner.query(`SELECT ${JOB_SCHEMA}.create_queue($1, $2)`, [METRIC_DEAD_QUEUE, JSON.stringify({ policy: 'standard' })]);
    await queryRunner.query(`SELECT ${JOB_SCHEMA}.create_queue($1, $2)`, [METRIC_QUEUE, JSON.stringify({ policy: 'stately', deadLetter: METRIC_DEAD_QUEUE })]);
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id          varchar(16) PRIMARY KEY,
        name        text NOT NULL,
        -- SHA-256 (hex) of the whole secret: a stolen table gives no usable key
        secret_hash varchar(64) NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        rate_per_minute integer NOT NULL CHECK (rate_per_minute > 0),
        upload_bytes_per_day bigint NOT NULL CHECK (upload_bytes_per_day >= 0),
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz(3),
        revoked_at  timestamptz(3)
      )`);
    await queryRunner.query(`
      CREATE TABLE api_key_uploads (
        key_id varchar(16) NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
        day    date NOT NULL,
        bytes  bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (key_id, day)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_key_uploads');
    await queryRunner.query('DROP TABLE api_keys');
    await queryRunner.query(`DROP SCHEMA ${JOB_SCHEMA} CASCADE`);
  }
}

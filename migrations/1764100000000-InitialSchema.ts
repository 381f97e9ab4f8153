import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Maps, the metric memo and artifacts (issue 2, store). */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE maps (
        id                  varchar(64) PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
        name                text NOT NULL,
        size_bytes          bigint NOT NULL CHECK (size_bytes >= 0),
        -- millisecond precision, so a JS Date in a pagination cursor is exact
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        updated_at          timestamptz(3) NOT NULL DEFAULT now(),
        header              jsonb NOT NULL,
        geometry            jsonb NOT NULL,
        statistics          jsonb NOT NULL,
        format_issues       jsonb NOT NULL DEFAULT '[]'::jsonb,
        contour_level       double precision,
        contour_source      varchar(16) CHECK (contour_source IN ('USER', 'EMDB_HEADER', 'ESTIMATED')),
        reported_resolution double precision CHECK (reported_resolution > 0),
        emdb                jsonb,
        blob_sha256         varchar(64),
        blob_path           text
      )`);
    // Cursor pagination walks (created_at, id).
    await queryRunner.query(`CREATE INDEX maps_created_at_id ON maps (created_at, id)`);

    await queryRunner.query(`
      CREATE TABLE metric_results (
        id                bigserial PRIMARY KEY,
        map_id            varchar(64) NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        metric            text NOT NULL,
        params_hash       varchar(64) NOT NULL,
        params            jsonb NOT NULL,
        algorithm_version text NOT NULL,
        state             varchar(16) NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
        result            jsonb,
        error             jsonb,
        compute_millis    double precision,
        worker            text,
        claim_token       uuid,
        attempts          integer NOT NULL DEFAULT 0,
        claimed_at        timestamptz,
        heartbeat_at      timestamptz,
        started_at        timestamptz,
        finished_at       timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT metric_results_key UNIQUE (map_id, metric, params_hash, algorithm_version)
      )`);
    await queryRunner.query(`CREATE INDEX metric_results_state ON metric_results (state) WHERE state IN ('queued', 'running')`);

    await queryRunner.query(`
      CREATE TABLE artifacts (
        sha256           varchar(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        media_type       text NOT NULL,
        size_bytes       bigint NOT NULL CHECK (size_bytes >= 0),
        role             text NOT NULL,
        map_id           varchar(64) REFERENCES maps(id) ON DELETE CASCADE,
        metric_result_id bigint REFERENCES metric_results(id) ON DELETE SET NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX artifacts_map_id ON artifacts (map_id)`);
    await queryRunner.query(`CREATE INDEX artifacts_metric_result_id ON artifacts (metric_result_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE artifacts`);
    await queryRunner.query(`DROP TABLE metric_results`);
    await queryRunner.query(`DROP TABLE maps`);
  }
}

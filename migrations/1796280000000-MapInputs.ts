import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inputs by role (issue 11): files linked to a map (half maps, mask, atomic model), uploaded
 * model files, and the memo key's inputs. A memo row's key gains `inputs_hash` (SHA-256 of
 * the canonical JSON of {role: sha256}); rows that need only the map keep '' there, which is
 * what every existing row gets: Level 0 keys, old and new, are unchanged.
 */
export class MapInputs1796280000000 implements MigrationInterface {
  name = 'MapInputs1796280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE map_inputs (
        map_id      varchar(64) NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
        role        varchar(16) NOT NULL CHECK (role IN ('half1', 'half2', 'mask', 'model')),
        sha256      varchar(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        name        text NOT NULL,
        size_bytes  bigint NOT NULL CHECK (size_bytes >= 0),
        -- the file: in the blob store (uploads) or where it was registered (a path under the data root, the CLI's file)
        path        text NOT NULL,
        -- a volume's geometry (dimensions, voxelSize, origin, …) or a model's summary (format, atoms, chains, …)
        info        jsonb NOT NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (map_id, role)
      )`);
    await queryRunner.query(`
      CREATE TABLE uploaded_files (
        sha256      varchar(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        kind        varchar(16) NOT NULL CHECK (kind IN ('model')),
        name        text NOT NULL,
        size_bytes  bigint NOT NULL CHECK (size_bytes >= 0),
        path        text NOT NULL,
        info        jsonb NOT NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // A constant default: no table rewrite; every existing row is a map-only key.
    await queryRunner.query(`ALTER TABLE metric_results ADD COLUMN inputs jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await queryRunner.query(`ALTER TABLE metric_results ADD COLUMN inputs_hash varchar(64) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE metric_results DROP CONSTRAINT metric_results_key`);
    await queryRunner.query(`ALTER TABLE metric_results ADD CONSTRAINT metric_results_key UNIQUE (map_id, metric, params_hash, algorithm_version, inputs_hash)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM metric_results WHERE inputs_hash <> ''`);
    await queryRunner.query(`ALTER TABLE metric_results DROP CONSTRAINT metric_results_key`);
    await queryRunner.query(`ALTER TABLE metric_results ADD CONSTRAINT metric_results_key UNIQUE (map_id, metric, params_hash, algorithm_version)`);
    await queryRunner.query(`ALTER TABLE metric_results DROP COLUMN inputs_hash`);
    await queryRunner.query(`ALTER TABLE metric_results DROP COLUMN inputs`);
    await queryRunner.query(`DROP TABLE uploaded_files`);
    await queryRunner.query(`DROP TABLE map_inputs`);
  }
}

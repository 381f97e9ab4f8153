import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type MetricState = 'queued' | 'running' | 'done' | 'failed';
export const METRIC_STATES: readonly MetricState[] = ['queued', 'running', 'done', 'failed'];

export interface StoredError {
  code: string;
  message: string;
}

/**
 * One memo row: the result of one metric on one map with one set of canonical parameters,
 * one algorithm version and one set of other inputs (half maps, model: their SHA-256 by role;
 * none for a metric that reads only the map). The unique key makes the row itself the
 * single-flight claim.
 */
@Entity({ name: 'metric_results' })
@Index('metric_results_key', ['mapId', 'metric', 'paramsHash', 'algorithmVersion', 'inputsHash'], { unique: true })
export class MetricResultRow {
  /** bigserial; pg returns bigint as a string, kept as such (ids are not arithmetic). */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'map_id', type: 'varchar', length: 64 })
  mapId!: string;

  @Column({ type: 'text' })
  metric!: string;

  /** SHA-256 of the canonical JSON of the parameters (keys sorted). */
  @Column({ name: 'params_hash', type: 'varchar', length: 64 })
  paramsHash!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ name: 'algorithm_version', type: 'text' })
  algorithmVersion!: string;

  /** SHA-256 of each non-map input by role, e.g. {half1: …, half2: …}; {} for a map-only metric. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  inputs!: Record<string, string>;

  /** SHA-256 of the canonical JSON of `inputs`; '' when there are none (every Level 0 row). */
  @Column({ name: 'inputs_hash', type: 'varchar', length: 64, default: '' })
  inputsHash!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: MetricState;

  @Column({ type: 'jsonb', nullable: true })
  result!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  error!: StoredError | null;

  @Column({ name: 'compute_millis', type: 'double precision', nullable: true })
  computeMillis!: number | null;

  /** Who computes or computed it: host:pid:thread. */
  @Column({ type: 'text', nullable: true })
  worker!: string | null;

  /** A fresh token per claim, so a claimant that lost its claim cannot overwrite the new owner. */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

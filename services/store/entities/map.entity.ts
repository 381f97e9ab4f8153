import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from './transformers.js';

export type ContourSource = 'USER' | 'EMDB_HEADER' | 'ESTIMATED';
export const CONTOUR_SOURCES: readonly ContourSource[] = ['USER', 'EMDB_HEADER', 'ESTIMATED'];

/** A registered map: its identity is the SHA-256 of the file's bytes as stored. */
@Entity({ name: 'maps' })
export class MapRow {
  /** Lowercase hex SHA-256 of the stored file. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Original file name. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** Every header field, raw, as in the file. */
  @Column({ type: 'jsonb' })
  header!: Record<string, unknown>;

  /** Dimensions (voxels), voxel size (Å), origin (Å) and its source, axis order… */
  @Column({ type: 'jsonb' })
  geometry!: Record<string, unknown>;

  /** min, max, mean, std, rms computed from the data. */
  @Column({ type: 'jsonb' })
  statistics!: Record<string, unknown>;

  /** Header-validation findings: code, severity, message. */
  @Column({ name: 'format_issues', type: 'jsonb', default: () => "'[]'::jsonb" })
  formatIssues!: unknown[];

  @Column({ name: 'contour_level', type: 'double precision', nullable: true })
  contourLevel!: number | null;

  @Column({ name: 'contour_source', type: 'varchar', length: 16, nullable: true })
  contourSource!: ContourSource | null;

  /** Å */
  @Column({ name: 'reported_resolution', type: 'double precision', nullable: true })
  reportedResolution!: number | null;

  /** Fields read from an EMDB header XML (id, title, authors, depositionDate, method, …). */
  @Column({ type: 'jsonb', nullable: true })
  emdb!: Record<string, unknown> | null;

  /** The stored file in the blob store (usually equal to id). */
  @Column({ name: 'blob_sha256', type: 'varchar', length: 64, nullable: true })
  blobSha256!: string | null;

  @Column({ name: 'blob_path', type: 'text', nullable: true })
  blobPath!: string | null;
}

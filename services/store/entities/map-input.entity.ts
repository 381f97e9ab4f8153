import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './transformers.js';

/** The roles a file can have beside its map (the map itself is the maps row). */
export type AttachedRole = 'half1' | 'half2' | 'mask' | 'model';
export const ATTACHED_ROLES: readonly AttachedRole[] = ['half1', 'half2', 'mask', 'model'];

/** A file linked to a map in a role: one per (map, role). */
@Entity({ name: 'map_inputs' })
export class MapInputRow {
  @PrimaryColumn({ name: 'map_id', type: 'varchar', length: 64 })
  mapId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  role!: AttachedRole;

  /** Lowercase hex SHA-256 of the file's bytes (part of the memo keys of the metrics that read it). */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /** Original file name. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  /** Where the file is: the blob store (uploads) or where it was registered. */
  @Column({ type: 'text' })
  path!: string;

  /** A volume's geometry, or a model's summary. */
  @Column({ type: 'jsonb' })
  info!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** A file uploaded with PUT /maps/{filename} that is not a map (an atomic model). */
@Entity({ name: 'uploaded_files' })
export class UploadedFileRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'model';

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'jsonb' })
  info!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

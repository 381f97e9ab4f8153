import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './transformers.js';

/** A content-addressed file in the blob folder (figures, masks, local maps…). */
@Entity({ name: 'artifacts' })
export class ArtifactRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  /** What it is, e.g. 'hardMask', 'centralSlice'. */
  @Column({ type: 'text' })
  role!: string;

  @Column({ name: 'map_id', type: 'varchar', length: 64, nullable: true })
  mapId!: string | null;

  @Column({ name: 'metric_result_id', type: 'bigint', nullable: true })
  metricResultId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

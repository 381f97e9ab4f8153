/**
 * The records the map reader returns. Field names are the ones the GraphQL `Map` type
 * exposes (spec/graphql.md), so the maps subgraph can mirror them one to one.
 */
import type { Dims, Vec3, Volume } from '../../volume.js';
import type { MrcHeader } from './header.js';

export type FormatIssueSeverity = 'ERROR' | 'WARNING' | 'INFO';

/**
 * One header-validation finding. ERROR: violates MRC2014 in a way other readers (gemmi,
 * strict mrcfile) refuse, but we could still read it; WARNING: non-conforming (mrcfile's
 * validator fails it) or suspicious; INFO: a fact worth knowing (e.g. a permuted axis order).
 */
export interface FormatIssue {
  code: string;
  severity: FormatIssueSeverity;
  message: string;
}

/** Where the origin came from: the MRC2014 ORIGIN field, NxSTART × voxel size, or neither set. */
export type OriginSource = 'ORIGIN' | 'NSTART' | 'ZERO';

export interface MapGeometry {
  /** Voxels along x, y, z after undoing MAPC/MAPR/MAPS. */
  dimensions: Dims;
  /** Å per voxel along x, y, z (CELLA / MX, MY, MZ). */
  voxelSize: Vec3;
  /** Å, position of voxel (0, 0, 0). */
  origin: Vec3;
  originSource: OriginSource;
  /** [MAPC, MAPR, MAPS] as stored. */
  axisOrder: [number, number, number];
  /** [NX, NY, NZ] as stored (columns, rows, sections). */
  fileDimensions: [number, number, number];
  mode: number;
  byteOrder: 'little' | 'big';
  extendedHeader: { type: string; bytes: number };
  gzip: boolean;
}

/** Computed from the data (float64 accumulation); NaN voxels are counted and skipped. */
export interface MapStatistics {
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (what MRC2014 calls RMS). */
  std: number;
  /** Root mean square of the values, sqrt(mean(v²)) (Mol*'s "sigma"). */
  rms: number;
  nanCount: number;
  /** Finite voxels the statistics cover. */
  count: number;
}

/** The header's own statistics (DMIN, DMAX, DMEAN, RMS), for the side-by-side table. */
export interface HeaderStatistics {
  min: number;
  max: number;
  mean: number;
  rms: number;
}

export interface MapReadResult {
  volume: Volume;
  /** Lowercase hex SHA-256 of the bytes as stored (the compressed bytes for a .gz). */
  sha256: string;
  /** Bytes as stored. */
  sizeBytes: number;
  header: MrcHeader;
  headerStatistics: HeaderStatistics;
  geometry: MapGeometry;
  statistics: MapStatistics;
  findings: FormatIssue[];
}

export interface MapReadOptions {
  /** Refuse maps with more voxels than this before allocating (default 2^31, 8 GiB of float32). */
  maxVoxels?: number;
  /**
   * gzip maps only: refuse (MAP_TOO_LARGE) one whose decompressed size, known from its header,
   * is over this many bytes, before allocating (a decompression bomb), or whose gzip members
   * together inflate to more (counted as they inflate). Default: no limit.
   */
  maxDecompressedBytes?: number;
  /**
   * gzip maps only: the voxels are all the caller wants (a computation's load of a map already
   * validated at registration). Inflating stops at the end of the data block; the rest of the
   * file is hashed as stored, not inflated, so members after the map cost no decompression (the
   * findings then say nothing reliable about bytes after the data).
   */
  voxelsOnly?: boolean;
  /** Read-chunk size in bytes (default 16 MiB). */
  chunkBytes?: number;
}

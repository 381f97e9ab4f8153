/**
 * The reader's state machine: it is fed the (decompressed) file bytes in order, checks the
 * header before allocating anything, skips the extended header, and collects the data block,
 * straight into the SharedArrayBuffer of the result when no conversion is needed.
 */
import { VrsError } from '../../errors.js';
import { sharedFloat32, type Vec3 } from '../../volume.js';
import { decodeVoxels } from './decode.js';
import { HEADER_BYTES, type MrcHeader } from './header.js';
import { StatisticsAccumulator, computeStatistics } from './statistics.js';
import type { FormatIssue, MapGeometry, MapReadResult, OriginSource } from './types.js';
import {
  assertReadable, decodeHeaderBytes, fileSizeFinding, geometryFindings, validateHeader, validateStatistics,
} from './validate.js';

export const DEFAULT_MAX_VOXELS = 2 ** 31;
/** gzip cannot expand data by more than ~1032:1; a smaller file cannot hold the block. */
const GZIP_MAX_RATIO = 1032;

const PLATFORM_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface SizeHint {
  /** Bytes as stored (plain or compressed). */
  storedBytes: number;
  gzip: boolean;
}

export class MapAssembler {
  private readonly headerBuf = new Uint8Array(HEADER_BYTES);
  private headerFill = 0;
  private extRemaining = 0;
  private dataFill = 0;
  private trailing = 0;
  private header?: MrcHeader;
  private littleEndian = true;
  private findings: FormatIssue[] = [];
  private out?: Float32Array;
  /** Where the data block lands: the output's own bytes (fast path) or a staging buffer. */
  private raw?: Uint8Array;
  private dataBytes = 0;
  private received = 0;
  /** Fast path only: statistics taken chunk by chunk as the data arrive. */
  private streamStats?: StatisticsAccumulator;
  private statsFed = 0;

  constructor(
    private readonly size: SizeHint,
    private readonly maxVoxels = DEFAULT_MAX_VOXELS,
    /** gzip only: the largest decompressed file accepted (see MapReadOptions). */
    private readonly maxDecompressedBytes = Infinity,
  ) {}

  /** In the data phase: the free region of the data block, for callers that read into it directly. */
  dataTarget(): Uint8Array | undefined {
    if (!this.raw || this.extRemaining > 0 || this.dataFill >= this.dataBytes) return undefined;
    return this.raw.subarray(this.dataFill);
  }

  /** Records n bytes written into dataTarget() by the caller. */
  advanceData(n: number): void {
    this.dataFill += n;
    this.received += n;
    this.feedStats();
  }

  /** The header, extended header and data block have all arrived (what follows is trailing bytes). */
  get dataComplete(): boolean {
    return this.header !== undefined && this.extRemaining === 0 && this.dataFill >= this.dataBytes;
  }

  /** Bytes of extended header still to come (callers that read in phases). */
  get extendedHeaderRemaining(): number {
    return this.extRemaining;
  }

  private feedStats(): void {
    if (!this.streamStats) return;
    const upTo = Math.floor(this.dataFill / 4); // not >> 2: maps beyond 2 GiB overflow int32
    this.streamStats.add(this.out!, this.statsFed, upTo);
    this.statsFed = upTo;
  }

  push(chunk: Uint8Array): void {
    this.received += chunk.length;
    let p = 0;
    if (this.headerFill < HEADER_BYTES) {
      const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length);
      this.headerBuf.set(chunk.subarray(0, take), this.headerFill);
      this.headerFill += take;
      p = take;
      if (this.headerFill === HEADER_BYTES) this.onHeader();
    }
    if (p < chunk.length && this.extRemaining > 0) {
      const skip = Math.min(this.extRemaining, chunk.length - p);
      this.extRemaining -= skip;
      p += skip;
    }
    if (p < chunk.length && this.raw && this.dataFill < this.dataBytes) {
      const take = Math.min(this.dataBytes - this.dataFill, chunk.length - p);
      this.raw.set(chunk.subarray(p, p + take), this.dataFill);
      this.dataFill += take;
      p += take;
      this.feedStats();
    }
    this.trailing += chunk.length - p;
    if (this.size.gzip && this.received > this.maxDecompressedBytes) {
      // The header's size is not the whole story: a .gz of several members inflates them all,
      // one after the other, so every decompressed byte counts against the limit.
      throw new VrsError('MAP_TOO_LARGE',
        `This ${this.size.storedBytes}-byte .gz decompresses to more than ${this.maxDecompressedBytes} bytes, the limit (its gzip members together` +
        `${this.header ? `; the map itself is ${HEADER_BYTES + this.header.nsymbt + this.dataBytes} bytes, the rest follows it` : ''}). ` +
        'Crop or bin the map, and compress it as one gzip member (gzip map.mrc), or validate it locally with vrs validate.');
    }
  }

  private onHeader(): void {
    const { decoded, voxels, dataBytes } = checkHeaderBytes(this.headerBuf, this.size, this.maxVoxels, this.maxDecompressedBytes);
    const h = decoded.header;
    this.header = h;
    this.littleEndian = decoded.littleEndian;
    this.findings.push(...decoded.findings);
    this.extRemaining = h.nsymbt;
    this.dataBytes = dataBytes;
    this.out = sharedFloat32(voxels);
    const identity = h.mapc === 1 && h.mapr === 2 && h.maps === 3;
    const direct = h.mode === 2 && identity && this.littleEndian === PLATFORM_LITTLE_ENDIAN;
    this.raw = direct ? new Uint8Array(this.out.buffer) : new Uint8Array(dataBytes);
    if (direct) this.streamStats = new StatisticsAccumulator();
  }

  /** Checks completeness, decodes, computes statistics and findings. */
  finish(sha256: string, storedBytes: number): MapReadResult {
    if (this.received === 0) throw new VrsError('MAP_EMPTY_FILE', 'The file is empty (0 bytes); it is not a map.');
    if (this.headerFill < HEADER_BYTES) {
      throw new VrsError('MAP_HEADER_TRUNCATED', `The file holds ${this.headerFill} bytes, fewer than the 1024-byte MRC header; it is not a complete map.`);
    }
    const h = this.header!;
    if (this.extRemaining > 0) {
      throw new VrsError('MAP_EXTENDED_HEADER_TRUNCATED', `The extended header (NSYMBT = ${h.nsymbt} bytes) runs past the end of the data; the header is corrupt.`);
    }
    if (this.dataFill < this.dataBytes) throw truncated(h, this.dataFill, this.dataBytes);
    const axisOrder: [number, number, number] = [h.mapc, h.mapr, h.maps];
    const fileDimensions: [number, number, number] = [h.nx, h.ny, h.nz];
    const out = this.out!;
    if (this.raw!.buffer !== out.buffer) decodeVoxels(this.raw!, h.mode, this.littleEndian, fileDimensions, axisOrder, out);
    this.raw = undefined; // release the staging copy

    const geometry = interpretGeometry(h, this.littleEndian, this.size.gzip);
    const statistics = this.streamStats ? this.streamStats.result() : computeStatistics(out);
    const headerStatistics = { min: h.dmin, max: h.dmax, mean: h.dmean, rms: h.rms };
    const sizeFinding = fileSizeFinding(this.trailing, HEADER_BYTES + h.nsymbt + this.dataBytes);
    const findings = [
      ...this.findings,
      ...validateHeader(h),
      ...geometry.findings,
      ...validateStatistics(headerStatistics, statistics),
      ...(sizeFinding ? [sizeFinding] : []),
    ];
    const { dimensions, voxelSize, origin } = geometry.geometry;
    return {
      volume: { ...dimensions, data: out, voxelSize, origin },
      sha256,
      sizeBytes: storedBytes,
      header: h,
      headerStatistics,
      geometry: geometry.geometry,
      statistics,
      findings,
    };
  }
}

/**
 * The checks the 1024-byte header alone allows, before anything is allocated: a readable map
 * (assertReadable: stamp or plausible header, mode, dimensions, axis order), an extended header
 * and data block that fit in the stored size, and a .gz within its decompression limit. Throws
 * the VrsError; returns the decoded header and the data block's size. An upload runs it on its
 * first 1024 bytes (decompressed for a .gz) before reading the rest of the body.
 */
export function checkHeaderBytes(
  headerBytes: Uint8Array, size: SizeHint, maxVoxels = DEFAULT_MAX_VOXELS, maxDecompressedBytes = Infinity,
): { decoded: ReturnType<typeof decodeHeaderBytes>; voxels: number; dataBytes: number } {
  const decoded = decodeHeaderBytes(headerBytes);
  const h = decoded.header;
  const { voxels, dataBytes } = assertReadable(h, maxVoxels);
  const expected = HEADER_BYTES + h.nsymbt + dataBytes;
  if (!size.gzip) {
    if (HEADER_BYTES + h.nsymbt > size.storedBytes) {
      throw new VrsError('MAP_EXTENDED_HEADER_TRUNCATED',
        `The extended header (NSYMBT = ${h.nsymbt} bytes) runs past the end of the ${size.storedBytes}-byte file; the header is corrupt.`);
    }
    if (expected > size.storedBytes) throw truncated(h, size.storedBytes - HEADER_BYTES - h.nsymbt, dataBytes);
  } else if (expected > size.storedBytes * GZIP_MAX_RATIO) {
    throw truncated(h, undefined, dataBytes);
  } else if (expected > maxDecompressedBytes) {
    // a small .gz may still expand 1000-fold: refuse it before allocating the volume
    throw new VrsError('MAP_TOO_LARGE',
      `This ${size.storedBytes}-byte .gz decompresses to ${expected} bytes (${h.nx}×${h.ny}×${h.nz} voxels, mode ${h.mode}); the limit is ${maxDecompressedBytes} bytes. Crop or bin the map, or validate it locally with vrs validate.`);
  }
  return { decoded, voxels, dataBytes };
}

function truncated(h: MrcHeader, got: number | undefined, want: number): VrsError {
  const have = got === undefined ? '' : ` but only ${Math.max(0, got)} are present`;
  return new VrsError('MAP_TRUNCATED',
    `The data block should hold ${want} bytes (${h.nx}×${h.ny}×${h.nz} voxels, mode ${h.mode})${have}; the file was cut short, download or copy it again.`);
}

/** Dimensions, voxel size and origin along x, y, z (the Mol* origin rule). */
export function interpretGeometry(h: MrcHeader, littleEndian: boolean, gzip: boolean): { geometry: MapGeometry; findings: FormatIssue[] } {
  const order = [h.mapc, h.mapr, h.maps];
  const toXyz = (c: number, r: number, s: number): [number, number, number] => {
    const v: [number, number, number] = [0, 0, 0];
    v[order[0]! - 1] = c;
    v[order[1]! - 1] = r;
    v[order[2]! - 1] = s;
    return v;
  };
  const [nx, ny, nz] = toXyz(h.nx, h.ny, h.nz);
  const cell = [h.cellA.x, h.cellA.y, h.cellA.z];
  const sampling = [h.mx, h.my, h.mz];
  const defaulted: string[] = [];
  const voxel = cell.map((c, i) => {
    if (c > 0 && sampling[i]! > 0) return c / sampling[i]!;
    defaulted.push('xyz'[i]!);
    return 1;
  });
  const start = toXyz(h.nxstart, h.nystart, h.nzstart);
  const originField = [h.origin.x, h.origin.y, h.origin.z];
  const originUsable = originField.every(Number.isFinite) && originField.some((o) => o !== 0);
  const startSet = start.some((s) => s !== 0);
  let originSource: OriginSource;
  let origin: number[];
  let note: string | undefined;
  if (originUsable) {
    originSource = 'ORIGIN';
    origin = originField;
    if (startSet) {
      note = `Both ORIGIN (${originField.join(', ')} Å) and NxSTART (${start.join(', ')}) are set; ORIGIN was used (the Mol* rule), CCP4 readers place the map at NxSTART × voxel size.`;
    }
  } else if (startSet) {
    originSource = 'NSTART';
    origin = start.map((s, i) => s * voxel[i]!);
  } else {
    originSource = 'ZERO';
    origin = [0, 0, 0];
  }
  const vec = (a: number[]): Vec3 => ({ x: a[0]!, y: a[1]!, z: a[2]! });
  const geometry: MapGeometry = {
    dimensions: { nx, ny, nz },
    voxelSize: vec(voxel),
    origin: vec(origin),
    originSource,
    axisOrder: [h.mapc, h.mapr, h.maps],
    fileDimensions: [h.nx, h.ny, h.nz],
    mode: h.mode,
    byteOrder: littleEndian ? 'little' : 'big',
    extendedHeader: { type: h.exttyp.replace(/\u0000/g, ''), bytes: h.nsymbt },
    gzip,
  };
  return { geometry, findings: geometryFindings(h, defaulted, note) };
}

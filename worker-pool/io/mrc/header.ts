/**
 * The 1024-byte MRC2014 / CCP4 header: every field, raw (as stored in the file), plus the
 * codec between bytes and the record. Field names follow MRC2014 and mrcfile's dtype
 * (spec/mrc-format.md B2.1). Byte order is decided by the caller (decodeHeaderBytes in validate.ts).
 */

export const HEADER_BYTES = 1024;
export const LABEL_COUNT = 10;
export const LABEL_BYTES = 80;

/** Every MRC2014 header field, as stored (no interpretation, no axis permutation). */
export interface MrcHeader {
  /** Columns, rows, sections: extent in file (permuted) order. */
  nx: number;
  ny: number;
  nz: number;
  mode: number;
  /** Start indices of column, row, section (file order). */
  nxstart: number;
  nystart: number;
  nzstart: number;
  /** Sampling along the crystal axes X, Y, Z (not permuted). */
  mx: number;
  my: number;
  mz: number;
  /** Cell lengths (Å) along X, Y, Z. */
  cellA: { x: number; y: number; z: number };
  /** Cell angles (degrees). */
  cellB: { alpha: number; beta: number; gamma: number };
  /** Crystal axis (1 = X, 2 = Y, 3 = Z) along columns, rows, sections. */
  mapc: number;
  mapr: number;
  maps: number;
  dmin: number;
  dmax: number;
  dmean: number;
  ispg: number;
  /** Bytes of extended header after the 1024-byte header. */
  nsymbt: number;
  /** Word 25: CCP4 skew flag (LSKFLG); EXTRA in MRC2014. */
  lskflg: number;
  /** Extended header type (4 characters; NULs kept as '\u0000'). */
  exttyp: string;
  nversion: number;
  /** Å; MRC2014 only (CCP4 ignores it). */
  origin: { x: number; y: number; z: number };
  /** Should be 'MAP ' (4 characters, raw). */
  map: string;
  /** The 4 machine-stamp bytes. */
  machst: [number, number, number, number];
  rms: number;
  nlabl: number;
  /** The ten 80-character labels, trailing blanks and NULs removed. */
  labels: string[];
}

function latin1(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Decodes the header from the first 1024 bytes in the given byte order. */
export function decodeHeader(bytes: Uint8Array, littleEndian: boolean): MrcHeader {
  if (bytes.length < HEADER_BYTES) throw new RangeError('decodeHeader needs 1024 bytes');
  const v = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const i32 = (off: number) => v.getInt32(off, littleEndian);
  const f32 = (off: number) => v.getFloat32(off, littleEndian);
  const labels: string[] = [];
  for (let k = 0; k < LABEL_COUNT; k++) {
    labels.push(latin1(bytes, 224 + k * LABEL_BYTES, LABEL_BYTES).replace(/[\s\u0000]+$/, ''));
  }
  return {
    nx: i32(0),
    ny: i32(4),
    nz: i32(8),
    mode: i32(12),
    nxstart: i32(16),
    nystart: i32(20),
    nzstart: i32(24),
    mx: i32(28),
    my: i32(32),
    mz: i32(36),
    cellA: { x: f32(40), y: f32(44), z: f32(48) },
    cellB: { alpha: f32(52), beta: f32(56), gamma: f32(60) },
    mapc: i32(64),
    mapr: i32(68),
    maps: i32(72),
    dmin: f32(76),
    dmax: f32(80),
    dmean: f32(84),
    ispg: i32(88),
    nsymbt: i32(92),
    lskflg: i32(96),
    exttyp: latin1(bytes, 104, 4),
    nversion: i32(108),
    origin: { x: f32(196), y: f32(200), z: f32(204) },
    map: latin1(bytes, 208, 4),
    machst: [bytes[212]!, bytes[213]!, bytes[214]!, bytes[215]!],
    rms: f32(216),
    nlabl: i32(220),
    labels,
  };
}

/** Encodes a header record as 1024 bytes (EXTRA words zero) in the given byte order. */
export function encodeHeader(h: MrcHeader, littleEndian = true): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const v = new DataView(bytes.buffer);
  const i32 = (off: number, x: number) => v.setInt32(off, x, littleEndian);
  const f32 = (off: number, x: number) => v.setFloat32(off, x, littleEndian);
  const text = (off: number, s: string, length: number) => {
    for (let i = 0; i < length; i++) bytes[off + i] = i < s.length ? s.charCodeAt(i) & 0xff : 0x20;
  };
  i32(0, h.nx); i32(4, h.ny); i32(8, h.nz); i32(12, h.mode);
  i32(16, h.nxstart); i32(20, h.nystart); i32(24, h.nzstart);
  i32(28, h.mx); i32(32, h.my); i32(36, h.mz);
  f32(40, h.cellA.x); f32(44, h.cellA.y); f32(48, h.cellA.z);
  f32(52, h.cellB.alpha); f32(56, h.cellB.beta); f32(60, h.cellB.gamma);
  i32(64, h.mapc); i32(68, h.mapr); i32(72, h.maps);
  f32(76, h.dmin); f32(80, h.dmax); f32(84, h.dmean);
  i32(88, h.ispg); i32(92, h.nsymbt); i32(96, h.lskflg);
  text(104, h.exttyp, 4);
  i32(108, h.nversion);
  f32(196, h.origin.x); f32(200, h.origin.y); f32(204, h.origin.z);
  text(208, h.map, 4);
  bytes.set(h.machst, 212);
  f32(216, h.rms);
  i32(220, h.nlabl);
  for (let k = 0; k < LABEL_COUNT; k++) text(224 + k * LABEL_BYTES, h.labels[k] ?? '', LABEL_BYTES);
  return bytes;
}

/** Bytes per voxel of the modes this reader decodes; undefined for any other mode. */
export function bytesPerVoxel(mode: number): number | undefined {
  switch (mode) {
    case 0: return 1;
    case 1: case 6: case 12: return 2;
    case 2: return 4;
    default: return undefined;
  }
}

/** Modes MRC2014 defines (mrcfile's validator accepts 0, 1, 2, 4, 6, 12; 3 and 101 are legal but unsupported). */
export const MRC2014_MODES = new Set([0, 1, 2, 3, 4, 6, 12, 101]);

/**
 * Header validation: mrcfile's validator rules (spec/mrc-format.md B2.6, 1–14), its permissive
 * warnings, and gemmi's hard failures. Conditions that make the data unreadable throw a
 * VrsError; everything else becomes a FormatIssue and the map is still read.
 */
import { VrsError } from '../../errors.js';
import { HEADER_BYTES, MRC2014_MODES, bytesPerVoxel, decodeHeader, type MrcHeader } from './header.js';
import type { FormatIssue, HeaderStatistics, MapStatistics } from './types.js';

/** Modes mrcfile can turn into a numpy dtype: the test it uses to guess the byte order. */
const MRCFILE_MODES = new Set([0, 1, 2, 4, 6, 12]);
const KNOWN_EXTTYP = new Set(['CCP4', 'MRCO', 'SERI', 'AGAR', 'FEI1', 'FEI2', 'HDF5']);
/** gemmi refuses extended headers longer than 10^6 words. */
const GEMMI_MAX_EXTENDED_BYTES = 4_000_000;
const MODE_NAMES: Record<number, string> = {
  3: 'complex int16', 4: 'complex float32', 16: 'RGB uint8×3', 101: '4-bit packed',
};

const issue = (code: string, severity: FormatIssue['severity'], message: string): FormatIssue => ({ code, severity, message });
const hex = (b: readonly number[]) => b.map((x) => x.toString(16).padStart(2, '0')).join(' ');

export interface DecodedHeader {
  header: MrcHeader;
  littleEndian: boolean;
  findings: FormatIssue[];
}

/**
 * Byte order from MACHST with mrcfile's permissive rules: an unknown stamp means
 * little-endian (warning); if the mode is invalid in that order but valid swapped, swap (warning).
 */
export function decodeHeaderBytes(bytes: Uint8Array): DecodedHeader {
  const findings: FormatIssue[] = [];
  const stamp = [bytes[212]!, bytes[213]!, bytes[214]!, bytes[215]!];
  let littleEndian = true;
  let stampKnown = true;
  if (stamp[0] === 0x44 && (stamp[1] === 0x44 || stamp[1] === 0x41)) littleEndian = true;
  else if (stamp[0] === 0x11 && stamp[1] === 0x11) littleEndian = false;
  else stampKnown = false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const modeIn = (le: boolean) => view.getInt32(12, le);
  if (!MRCFILE_MODES.has(modeIn(littleEndian)) && MRCFILE_MODES.has(modeIn(!littleEndian))) {
    littleEndian = !littleEndian;
    if (stampKnown) {
      findings.push(issue('MRC_BYTE_ORDER_MISMATCH', 'WARNING',
        `The machine stamp (${hex(stamp)}) does not match the apparent byte order (${littleEndian ? 'little' : 'big'}-endian, from the mode); the data were read in the apparent order.`));
    }
  }
  if (!stampKnown) {
    const gemmiRefuses = stamp[0] !== 0x44 && stamp[0] !== 0x11;
    findings.push(issue('MRC_MACHINE_STAMP', gemmiRefuses ? 'ERROR' : 'WARNING',
      `Unrecognised machine stamp ${hex(stamp)} (expected 44 44 00 00, 44 41 00 00 or 11 11 00 00); ` +
      `${littleEndian ? 'little' : 'big'}-endian assumed${gemmiRefuses ? ', and gemmi refuses the file' : ''}.`));
  }
  return { header: decodeHeader(bytes, littleEndian), littleEndian, findings };
}

function isAxisPermutation(h: MrcHeader): boolean {
  const s = [h.mapc, h.mapr, h.maps].sort().join(',');
  return s === '1,2,3';
}

function plausibleWithoutStamp(h: MrcHeader): boolean {
  const dimOk = (n: number) => n >= 1 && n <= 1 << 20;
  return MRC2014_MODES.has(h.mode) && dimOk(h.nx) && dimOk(h.ny) && dimOk(h.nz) && isAxisPermutation(h) && h.nsymbt >= 0;
}

/**
 * The checks that make a map unreadable (thrown as VrsError), done on the header alone,
 * before anything is allocated. Returns the data block size in bytes.
 */
export function assertReadable(h: MrcHeader, maxVoxels: number): { voxels: number; dataBytes: number } {
  const hasStamp = h.map.startsWith('MAP');
  if (!hasStamp && !plausibleWithoutStamp(h)) {
    throw new VrsError('MAP_NOT_A_MAP',
      `This file is not an MRC/CCP4 map: no "MAP " stamp at byte 208 and an implausible header (mode ${h.mode}, size ${h.nx}×${h.ny}×${h.nz}); check that it is the density map file.`);
  }
  const bpv = bytesPerVoxel(h.mode);
  if (bpv === undefined) {
    const what = MODE_NAMES[h.mode] ? ` (${MODE_NAMES[h.mode]})` : MRC2014_MODES.has(h.mode) ? '' : ' (not an MRC2014 mode)';
    throw new VrsError('MAP_UNSUPPORTED_MODE',
      `Mode ${h.mode}${what} is not supported: only modes 0, 1, 2, 6 and 12 are read; convert the map to float32 (mode 2).`);
  }
  if (!(h.nx > 0 && h.ny > 0 && h.nz > 0)) {
    throw new VrsError('MAP_BAD_DIMENSIONS', `The header size NX×NY×NZ = ${h.nx}×${h.ny}×${h.nz} has a zero or negative extent; the header is corrupt.`);
  }
  const voxels = h.nx * h.ny * h.nz; // exact in float64 for int32 factors up to 2^53
  if (voxels > maxVoxels) {
    throw new VrsError('MAP_BAD_DIMENSIONS',
      `The header size ${h.nx}×${h.ny}×${h.nz} (${voxels.toExponential(3)} voxels) exceeds the limit of ${maxVoxels.toExponential(3)} voxels; the header is corrupt or the map too large to hold in memory.`);
  }
  if (!isAxisPermutation(h)) {
    throw new VrsError('MAP_BAD_AXIS_ORDER', `MAPC/MAPR/MAPS = ${h.mapc}, ${h.mapr}, ${h.maps} is not a permutation of 1, 2, 3; the header is corrupt.`);
  }
  if (h.nsymbt < 0) {
    throw new VrsError('MAP_EXTENDED_HEADER_TRUNCATED', `NSYMBT (extended header size) is negative (${h.nsymbt}); the header is corrupt.`);
  }
  return { voxels, dataBytes: voxels * bpv };
}

/** mrcfile validator rules 1–10 (header only) plus gemmi's notes; the header is readable. */
export function validateHeader(h: MrcHeader): FormatIssue[] {
  const out: FormatIssue[] = [];
  // 1. map ID
  if (h.map !== 'MAP ') {
    if (h.map.startsWith('MAP')) {
      out.push(issue('MRC_MAP_STAMP', 'WARNING', `The map ID is ${JSON.stringify(h.map)} instead of "MAP " (4th byte must be a space); mrcfile's strict mode and gemmi refuse it.`));
    } else {
      out.push(issue('MRC_MAP_STAMP', 'ERROR', `No map ID: bytes 208–211 are ${JSON.stringify(h.map)} instead of "MAP "; the header looks like a map, so it was read, but gemmi and strict mrcfile refuse it.`));
    }
  }
  // 3. mode: read modes are all valid; note what other readers do not support
  if (h.mode === 12) out.push(issue('MRC_MODE_FLOAT16', 'INFO', 'Mode 12 (float16) is MRC2014 (20141) but Mol* and older tools cannot read it.'));
  if (h.mode === 6) out.push(issue('MRC_MODE_UINT16', 'INFO', 'Mode 6 (uint16) is not read by older IMOD versions or Mol*.'));
  if (h.mode === 0) out.push(issue('MRC_MODE_INT8', 'INFO', 'Mode 0 was read as signed int8 (MRC2014); old IMOD files store it unsigned.'));
  // 4. non-negative integers
  const negatives = (['mx', 'my', 'mz', 'ispg', 'nlabl'] as const).filter((k) => h[k] < 0);
  if (negatives.length) {
    out.push(issue('MRC_NEGATIVE_FIELD', 'WARNING', `Header field(s) ${negatives.map((k) => `${k.toUpperCase()} = ${h[k]}`).join(', ')} must not be negative.`));
  }
  // 5. non-negative cell
  const cellNeg = (['x', 'y', 'z'] as const).filter((k) => h.cellA[k] < 0);
  if (cellNeg.length) out.push(issue('MRC_NEGATIVE_CELL', 'WARNING', `Cell length(s) ${cellNeg.map((k) => `CELLA.${k} = ${h.cellA[k]}`).join(', ')} must not be negative.`));
  // 6. axis mapping (a non-permutation throws); a permuted order is legal but worth knowing
  if (h.mapc !== 1 || h.mapr !== 2 || h.maps !== 3) {
    out.push(issue('MRC_AXIS_ORDER_PERMUTED', 'INFO', `Non-standard axis order MAPC/MAPR/MAPS = ${h.mapc}, ${h.mapr}, ${h.maps}; the data were reordered to x fastest.`));
  }
  // 7. volume stacks; and ISPG conventions for single volumes
  if (h.ispg >= 401 && h.ispg <= 630 && (h.mz <= 0 || h.nz % h.mz !== 0)) {
    out.push(issue('MRC_VOLUME_STACK', 'WARNING', `ISPG ${h.ispg} declares a volume stack, but NZ (${h.nz}) is not divisible by MZ (${h.mz}).`));
  }
  if (h.ispg === 0 && h.nz > 1) {
    out.push(issue('MRC_ISPG_ZERO', 'WARNING', 'ISPG is 0 (image stack) for a 3D volume; a single EM volume should have ISPG 1, and some readers (MDAnalysis) reject 0.'));
  } else if (h.ispg > 65536) {
    out.push(issue('MRC_ISPG_INVALID', 'WARNING', `ISPG ${h.ispg} is not a space group; it was treated as P1.`));
  } else if (h.ispg > 1 && h.ispg < 401) {
    out.push(issue('MRC_ISPG_CRYSTALLOGRAPHIC', 'INFO', `ISPG ${h.ispg} is a crystallographic space group; symmetry is not applied, the stored grid is used as is.`));
  }
  // 8. labels
  const nonBlank = h.labels.filter((l) => l.trim() !== '').length;
  const lastText = h.labels.reduce((last, l, i) => (l.trim() !== '' ? i : last), -1);
  if (nonBlank !== h.nlabl) {
    out.push(issue('MRC_LABELS', 'WARNING', `NLABL is ${h.nlabl} but ${nonBlank} label(s) contain text.`));
  } else if (lastText + 1 !== nonBlank) {
    out.push(issue('MRC_LABELS', 'WARNING', 'A blank label comes before a label with text.'));
  }
  // 9. version
  if (h.nversion !== 20140 && h.nversion !== 20141) {
    out.push(issue('MRC_VERSION', 'WARNING', `NVERSION is ${h.nversion}; an MRC2014 file declares 20140 or 20141 (older writers leave 0).`));
  }
  // 10. extended header type
  if (h.nsymbt > 0) {
    const type = h.exttyp.replace(/\u0000/g, '');
    if (!KNOWN_EXTTYP.has(h.exttyp)) {
      out.push(issue('MRC_EXTTYP', 'WARNING', `An extended header of ${h.nsymbt} bytes is present but its type EXTTYP ${JSON.stringify(type)} is undefined or unknown; it was skipped.`));
    } else {
      out.push(issue('MRC_EXTENDED_HEADER', 'INFO', `A ${h.exttyp} extended header of ${h.nsymbt} bytes is present; it was skipped.`));
    }
    if (h.nsymbt > GEMMI_MAX_EXTENDED_BYTES) {
      out.push(issue('MRC_EXTENDED_HEADER_TOO_LONG', 'ERROR', `The extended header (${h.nsymbt} bytes) is longer than 10^6 words; gemmi refuses such files.`));
    }
  }
  // CCP4 skew words are not MRC2014: only note them
  if (h.lskflg !== 0 && h.nversion !== 20140 && h.nversion !== 20141) {
    out.push(issue('MRC_SKEW', 'INFO', `The CCP4 skew flag (word 25) is ${h.lskflg}; skew transformations are ignored.`));
  }
  return out;
}

/** Voxel size and origin notes (geometry interpretation, not mrcfile rules). */
export function geometryFindings(h: MrcHeader, defaultedAxes: string[], originNote: string | undefined): FormatIssue[] {
  const out: FormatIssue[] = [];
  if (defaultedAxes.length) {
    out.push(issue('MRC_VOXEL_SIZE_DEFAULTED', 'WARNING',
      `CELLA or MX/MY/MZ is zero or negative along ${defaultedAxes.join(', ')}; the voxel size there was set to 1 Å, so distances are in voxels.`));
  }
  if (originNote) out.push(issue('MRC_ORIGIN_AMBIGUOUS', 'INFO', originNote));
  if (![h.origin.x, h.origin.y, h.origin.z].every(Number.isFinite)) {
    out.push(issue('MRC_ORIGIN_INVALID', 'WARNING', 'The ORIGIN field is not finite (NaN or infinite); it was ignored.'));
  }
  return out;
}

const relClose = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

/** mrcfile validator rules 11–13, plus NaN and "undetermined" notes. */
export function validateStatistics(hs: HeaderStatistics, s: MapStatistics): FormatIssue[] {
  const out: FormatIssue[] = [];
  if (s.nanCount > 0) out.push(issue('MRC_NAN_VALUES', 'WARNING', `${s.nanCount} voxel(s) are NaN or infinite; they are left out of the statistics.`));
  if (hs.rms >= 0) {
    if (!relClose(hs.rms, s.std, 0.01)) {
      out.push(issue('MRC_RMS_MISMATCH', 'WARNING', `The header RMS (${hs.rms}) differs from the data's standard deviation (${s.std}) by more than 1%.`));
    }
  } else out.push(issue('MRC_RMS_UNDETERMINED', 'INFO', 'The header marks RMS as undetermined (negative); the statistics were computed from the data.'));
  if (hs.min < hs.max) {
    if (hs.min !== Math.fround(s.min) || hs.max !== Math.fround(s.max)) {
      out.push(issue('MRC_MINMAX_MISMATCH', 'WARNING', `The header DMIN/DMAX (${hs.min}, ${hs.max}) are not the data minimum and maximum (${s.min}, ${s.max}).`));
    }
  } else out.push(issue('MRC_MINMAX_UNDETERMINED', 'INFO', 'The header marks DMIN/DMAX as undetermined (DMAX < DMIN or equal); they were computed from the data.'));
  if (hs.mean > Math.min(hs.min, hs.max)) {
    if (!relClose(hs.mean, s.mean, 0.01)) {
      out.push(issue('MRC_MEAN_MISMATCH', 'WARNING', `The header DMEAN (${hs.mean}) differs from the data mean (${s.mean}) by more than 1%.`));
    }
  } else out.push(issue('MRC_MEAN_UNDETERMINED', 'INFO', 'The header marks DMEAN as undetermined (below DMIN); the mean was computed from the data.'));
  return out;
}

/** mrcfile rule 14: the file holds exactly header + extended header + data. */
export function fileSizeFinding(extraBytes: number, expected: number): FormatIssue | undefined {
  if (extraBytes <= 0) return undefined;
  return issue('MRC_FILE_SIZE', 'WARNING', `The file is larger than expected: ${extraBytes} byte(s) follow the ${expected} bytes of header, extended header and data; they were ignored.`);
}

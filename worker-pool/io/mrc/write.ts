/**
 * MRC2014 writer: a Volume (x fastest) → file bytes, little-endian, MAPC/MAPR/MAPS = 1,2,3,
 * MACHST 44 44 00 00, NVERSION 20141, ISPG 1, header statistics from the data.
 */
import { writeFile } from 'node:fs/promises';
import { VrsError } from '../../errors.js';
import type { Volume } from '../../volume.js';
import { floatToHalfBits, halfBitsToFloat } from './float16.js';
import { HEADER_BYTES, LABEL_BYTES, LABEL_COUNT, encodeHeader, type MrcHeader } from './header.js';
import { computeStatistics } from './statistics.js';
import { sharedBuffer } from '../../kernels/memory/shared-memory.js';

export type WriteMode = 'float32' | 'int8' | 'int16' | 'uint16' | 'float16';

export interface WriteMrcOptions {
  mode?: WriteMode;
  /** Up to ten labels of at most 80 characters (ASCII). */
  labels?: string[];
}

const MODE_NUMBER: Record<WriteMode, number> = { int8: 0, int16: 1, float32: 2, uint16: 6, float16: 12 };
const INT_RANGE: Partial<Record<WriteMode, [number, number]>> = { int8: [-128, 127], int16: [-32768, 32767], uint16: [0, 65535] };

/** The file bytes of `volume` as an MRC2014 map. Integer modes round to nearest and refuse values out of range. */
export function writeMrc(volume: Volume, opts: WriteMrcOptions = {}): Uint8Array {
  const mode = opts.mode ?? 'float32';
  const labels = opts.labels ?? [];
  if (labels.length > LABEL_COUNT || labels.some((l) => l.length > LABEL_BYTES)) {
    throw new VrsError('BAD_PARAMETER', 'Labels: at most ten, each at most 80 characters.');
  }
  const { nx, ny, nz, data, voxelSize, origin } = volume;
  const n = nx * ny * nz;
  if (data.length !== n) throw new VrsError('BAD_PARAMETER', `The volume holds ${data.length} voxels, not nx·ny·nz = ${n}.`);

  const body = encodeData(data, mode);
  const written = mode === 'float32' ? data : decodeWritten(body, mode, n);
  const s = computeStatistics(written);
  const header: MrcHeader = {
    nx, ny, nz, mode: MODE_NUMBER[mode],
    nxstart: 0, nystart: 0, nzstart: 0,
    mx: nx, my: ny, mz: nz,
    cellA: { x: nx * voxelSize.x, y: ny * voxelSize.y, z: nz * voxelSize.z },
    cellB: { alpha: 90, beta: 90, gamma: 90 },
    mapc: 1, mapr: 2, maps: 3,
    // statistics as float32: DMIN/DMAX then equal the data extremes exactly (mrcfile rule 12)
    dmin: s.min, dmax: s.max, dmean: s.mean,
    ispg: 1, nsymbt: 0, lskflg: 0, exttyp: '\u0000\u0000\u0000\u0000', nversion: 20141,
    origin: { ...origin },
    map: 'MAP ', machst: [0x44, 0x44, 0, 0],
    rms: s.std, nlabl: labels.length, labels,
  };
  const encoded = encodeHeader(header, true);
  if (mode === 'float32' && hasHeaderRoom(data)) {
    // the data already sits right after a header's room (mrcVolumeArray): the file is that buffer
    const file = new Uint8Array(data.buffer, data.byteOffset - HEADER_BYTES, HEADER_BYTES + body.length);
    file.set(encoded, 0);
    return file;
  }
  const out = new Uint8Array(HEADER_BYTES + body.length);
  out.set(encoded, 0);
  out.set(body, HEADER_BYTES);
  return out;
}

/**
 * A zero-filled float32 array of n voxels placed right after room for an MRC header in its
 * buffer (shared, as the project's big arrays): writeMrc of a volume on it writes the header
 * there and returns the whole buffer as the file, instead of copying the voxels into a new one
 * (a 1 GB copy for a 640³ local map).
 */
export function mrcVolumeArray(n: number): Float32Array {
  const buffer = sharedBuffer(HEADER_BYTES + 4 * n);
  withHeaderRoom.add(buffer);
  return new Float32Array(buffer, HEADER_BYTES, n);
}

/** Buffers made by mrcVolumeArray: only theirs get a header written in place (not, say, a read file's buffer). */
const withHeaderRoom = new WeakSet<ArrayBufferLike>();

/** Whether `data` is a whole mrcVolumeArray on a little-endian machine. */
function hasHeaderRoom(data: Float32Array): boolean {
  return LITTLE_ENDIAN && withHeaderRoom.has(data.buffer) && data.byteOffset === HEADER_BYTES && data.buffer.byteLength === HEADER_BYTES + data.byteLength;
}

/** Writes the map to `path` (see writeMrc). */
export async function writeMrcFile(path: string, volume: Volume, opts: WriteMrcOptions = {}): Promise<void> {
  await writeFile(path, writeMrc(volume, opts));
}

/** Whether this machine stores a float32 little-endian, as MRC files here do (then its bytes are the file's). */
const LITTLE_ENDIAN = new Uint8Array(Float32Array.of(1).buffer)[3] === 0x3f;

function encodeData(data: Float32Array, mode: WriteMode): Uint8Array {
  // the float32 bytes as they are (a view: writeMrc copies them into the file), not one DataView call per voxel
  if (mode === 'float32' && LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const n = data.length;
  const buf = new ArrayBuffer(n * (mode === 'float32' ? 4 : mode === 'int8' ? 1 : 2));
  const view = new DataView(buf);
  const range = INT_RANGE[mode];
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (range) {
      const r = Math.round(v);
      if (!(r >= range[0] && r <= range[1])) {
        throw new VrsError('BAD_PARAMETER', `Voxel ${i} (${v}) does not fit mode ${mode} (${range[0]}..${range[1]}); write float32 instead.`);
      }
      if (mode === 'int8') view.setInt8(i, r);
      else if (mode === 'int16') view.setInt16(2 * i, r, true);
      else view.setUint16(2 * i, r, true);
    } else if (mode === 'float16') view.setUint16(2 * i, floatToHalfBits(v), true);
    else view.setFloat32(4 * i, v, true);
  }
  return new Uint8Array(buf);
}

/** The values as they will be read back (rounded), so the header statistics describe the file. */
function decodeWritten(body: Uint8Array, mode: WriteMode, n: number): Float32Array {
  const out = new Float32Array(n);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let i = 0; i < n; i++) {
    if (mode === 'int8') out[i] = view.getInt8(i);
    else if (mode === 'int16') out[i] = view.getInt16(2 * i, true);
    else if (mode === 'uint16') out[i] = view.getUint16(2 * i, true);
    else out[i] = halfBitsToFloat(view.getUint16(2 * i, true));
  }
  return out;
}

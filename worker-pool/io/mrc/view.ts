/**
 * viewMapBuffer: the voxels of a map held in memory, without the SHA-256 and the statistics
 * of a full read. For pictures of maps the project wrote itself (the local maps of 0.e–0.g,
 * painted on the isosurface): a 400³ map is 256 MB, and hashing it and taking its statistics
 * cost about a second that a report does not need. A plain little-endian float32 map in x, y, z
 * order is returned as a view of its bytes (no copy); anything else (gzip, other modes, other
 * axis orders, big-endian) goes through readMapBuffer, so every map still reads correctly.
 */
import { float32FromBytes, type Volume } from '../../volume.js';
import { interpretGeometry } from './assemble.js';
import { HEADER_BYTES } from './header.js';
import { readMapBuffer } from './read.js';
import { decodeHeaderBytes } from './validate.js';

export function viewMapBuffer(bytes: Uint8Array): Volume {
  if (bytes.length < HEADER_BYTES || (bytes[0] === 0x1f && bytes[1] === 0x8b)) return readMapBuffer(bytes).volume;
  const { header: h, littleEndian } = decodeHeaderBytes(bytes.subarray(0, HEADER_BYTES));
  const identity = h.mapc === 1 && h.mapr === 2 && h.maps === 3;
  const start = HEADER_BYTES + h.nsymbt;
  const exact = h.nsymbt >= 0 && h.nx > 0 && h.ny > 0 && h.nz > 0 && bytes.length === start + 4 * h.nx * h.ny * h.nz;
  if (h.mode !== 2 || !identity || !littleEndian || !exact) return readMapBuffer(bytes).volume;
  const { geometry } = interpretGeometry(h, true, false);
  return { ...geometry.dimensions, voxelSize: geometry.voxelSize, origin: geometry.origin, data: float32FromBytes(bytes.subarray(start)) };
}

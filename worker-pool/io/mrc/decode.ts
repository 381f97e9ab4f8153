/**
 * Raw data block → float32 voxels in x, y, z order. Pure functions on caller-owned buffers.
 * Storage order is sections of rows of columns; MAPC/MAPR/MAPS say which of X, Y, Z each is.
 */
import { decodeFloat16 } from './float16.js';

const PLATFORM_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses each `width`-byte word in place (width 2 or 4). */
export function swapBytes(bytes: Uint8Array, width: 2 | 4): void {
  const n = bytes.length - (bytes.length % width);
  if (width === 2) {
    for (let i = 0; i < n; i += 2) {
      const a = bytes[i]!;
      bytes[i] = bytes[i + 1]!;
      bytes[i + 1] = a;
    }
  } else {
    for (let i = 0; i < n; i += 4) {
      const a = bytes[i]!;
      const b = bytes[i + 1]!;
      bytes[i] = bytes[i + 3]!;
      bytes[i + 1] = bytes[i + 2]!;
      bytes[i + 2] = b;
      bytes[i + 3] = a;
    }
  }
}

/** A typed view of the raw block in platform order (swaps the bytes in place when needed). */
function sourceView(raw: Uint8Array, mode: number, littleEndian: boolean): ArrayLike<number> {
  const width = mode === 0 ? 1 : mode === 2 ? 4 : 2;
  if (width > 1 && littleEndian !== PLATFORM_LITTLE_ENDIAN) swapBytes(raw, width as 2 | 4);
  if (raw.byteOffset % width !== 0) throw new RangeError('raw data block must be aligned to its word size');
  const { buffer, byteOffset } = raw;
  const n = raw.length / width;
  switch (mode) {
    case 0: return new Int8Array(buffer, byteOffset, n);
    case 1: return new Int16Array(buffer, byteOffset, n);
    case 2: return new Float32Array(buffer, byteOffset, n);
    case 6: return new Uint16Array(buffer, byteOffset, n);
    case 12: {
      const f = new Float32Array(n);
      decodeFloat16(new Uint16Array(buffer, byteOffset, n), f);
      return f;
    }
    default: throw new RangeError(`mode ${mode} cannot be decoded`);
  }
}

/**
 * Decodes `raw` (file order, `fileDims` = [NX, NY, NZ] columns/rows/sections) into `out`
 * (x fastest). `axisOrder` = [MAPC, MAPR, MAPS]. May swap `raw` in place.
 */
export function decodeVoxels(
  raw: Uint8Array,
  mode: number,
  littleEndian: boolean,
  fileDims: readonly [number, number, number],
  axisOrder: readonly [number, number, number],
  out: Float32Array,
): void {
  const src = sourceView(raw, mode, littleEndian);
  const [nc, nr, ns] = fileDims;
  const n = [0, 0, 0];
  n[axisOrder[0] - 1] = nc;
  n[axisOrder[1] - 1] = nr;
  n[axisOrder[2] - 1] = ns;
  const stride = [1, n[0]!, n[0]! * n[1]!];
  const sc = stride[axisOrder[0] - 1]!;
  const sr = stride[axisOrder[1] - 1]!;
  const ss = stride[axisOrder[2] - 1]!;
  if (sc === 1 && sr === n[0] && ss === n[0]! * n[1]!) {
    if (src !== out) out.set(src); // identity order: one copy (or none for in-place float32)
    return;
  }
  permuteBlocked(src, out, nc, nr, ns, sc, sr, ss);
}

/**
 * out[s·ss + r·sr + c·sc] = src[c + nc·(r + nr·s)], in 16³ blocks so that reads and writes
 * both stay within a few cache lines (a plain loop scatters writes a whole plane apart).
 */
function permuteBlocked(
  src: ArrayLike<number>, out: Float32Array, nc: number, nr: number, ns: number, sc: number, sr: number, ss: number,
): void {
  const B = 16;
  for (let s0 = 0; s0 < ns; s0 += B) {
    const s1 = Math.min(ns, s0 + B);
    for (let r0 = 0; r0 < nr; r0 += B) {
      const r1 = Math.min(nr, r0 + B);
      for (let c0 = 0; c0 < nc; c0 += B) {
        const c1 = Math.min(nc, c0 + B);
        for (let s = s0; s < s1; s++) {
          for (let r = r0; r < r1; r++) {
            let i = c0 + nc * (r + nr * s);
            let o = s * ss + r * sr + c0 * sc;
            for (let c = c0; c < c1; c++, o += sc) out[o] = src[i++]!;
          }
        }
      }
    }
  }
}

/**
 * A mask kept only on the box of its non-zero voxels, for the masked transforms of fft3d.ts
 * (rfft3d's `mask`, maskedRoundTrip). The FFT team's threads need the mask on a
 * SharedArrayBuffer; a soft mask that arrives on an ordinary buffer (an artifact read back)
 * would need a full shared copy, and at 400³ the first touch of a fresh 256 MB costs about
 * 1 CPU-s of page faults on this VM — more than the copy itself. Copying only the box costs its
 * share of that (a sphere of a third of the box side plus its soft edge: ~40 %), and planes
 * outside the box are known to be zero without reading them.
 *
 * A soft mask made by an FFT blur (Level 0's) carries float32 round-off (~1e-8) in every voxel
 * that should be zero, so its non-zero box is the whole volume and no plane is ever skipped:
 * `floor` sets values at or below it to zero first (1.a uses 1e-6, where the bench's analytic
 * mask already cuts).
 */
import { sharedFloat32, type Dims } from '../../volume.js';
import { refOf, type MaskBox } from './jobs.js';
import { defaultThreads, runPass } from './team.js';

export interface BoxedMask {
  /** The box's voxels, x fastest ((x1 − x0)·(y1 − y0)·(z1 − z0) floats on a SharedArrayBuffer). */
  data: Float32Array;
  /** [x0, x1, y0, y1, z0, z1): outside it the mask is zero. */
  box: MaskBox;
  /** Σ of the kept mask values over the whole box (float64, plane by plane in z order, each plane x fastest). */
  sum: number;
}

/**
 * The non-zero box of `mask` (a box of dims `d`) copied onto shared memory, and the mask's sum.
 * One pass over the mask on the calling thread (it may be on an ordinary buffer) plus the copy
 * of the box; the copy's pages are first touched on the FFT team's threads. An all-zero mask
 * gives an empty box. Values ≤ `floor` (default 0: none) count as zero, in the box and in the copy.
 * `allocate` gives the copy's zero-filled shared buffer (default: a new one; 1.a: its buffer pool).
 */
export function boxMask(mask: Float32Array, d: Dims, options: { floor?: number; threads?: number; allocate?: (bytes: number) => SharedArrayBuffer } = {}): BoxedMask {
  const floor = options.floor ?? 0, threads = options.threads ?? defaultThreads();
  const { nx, ny, nz } = d;
  if (mask.length !== nx * ny * nz) throw new RangeError(`boxMask: the mask has ${mask.length} values, the box ${nx}×${ny}×${nz} needs ${nx * ny * nz}.`);
  // |v| > floor compared on the float32 bits (sign cleared): one integer test per voxel instead
  // of two float ones, a third less time for this pass, which runs on the calling thread alone
  const bits = new Int32Array(mask.buffer, mask.byteOffset, mask.length);
  // the largest float32 ≤ floor: a float32 v has |v| > floor exactly when its bits exceed these
  // (a NaN's exceed them too: it is kept, and poisons the sum, rather than silently cut)
  const rounded = new Float32Array([Math.abs(floor)]), roundedBits = new Int32Array(rounded.buffer);
  if (rounded[0]! > Math.abs(floor)) roundedBits[0]! -= 1;
  const floorBits = roundedBits[0]!;
  let x0 = nx, x1 = 0, y0 = ny, y1 = 0, z0 = nz, z1 = 0, sum = 0, cut = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    let plane = 0;
    for (let y = 0; y < ny; y++) {
      let first = -1, last = -1;
      for (let x = 0; x < nx; x++, i++) {
        const b = bits[i]! & 0x7fffffff;
        if (b > floorBits) { if (first < 0) first = x; last = x; plane += mask[i]!; } else if (b !== 0) cut++;
      }
      if (first >= 0) {
        if (first < x0) x0 = first;
        if (last + 1 > x1) x1 = last + 1;
        if (y < y0) y0 = y;
        if (y + 1 > y1) y1 = y + 1;
        if (z < z0) z0 = z;
        z1 = z + 1;
      }
    }
    sum += plane;
  }
  if (x1 <= x0) return { data: sharedFloat32(0), box: [0, 0, 0, 0, 0, 0], sum: 0 };
  const bx = x1 - x0, by = y1 - y0, bz = z1 - z0;
  const data = options.allocate ? new Float32Array(options.allocate(bx * by * bz * 4)) : sharedFloat32(bx * by * bz);
  const bd = { nx: bx, ny: by, nz: bz };
  runPass({ op: 'spectrumPlane', kernel: 'fillPlane', params: [0], engine: 'ts', dims: bd, a: refOf(data), b: refOf(data), sign: 1, scale: 1, total: bz }, threads);
  for (let z = 0, o = 0; z < bz; z++) {
    for (let y = 0; y < by; y++, o += bx) {
      const from = ((z0 + z) * ny + y0 + y) * nx + x0;
      data.set(mask.subarray(from, from + bx), o);
    }
  }
  // values cut by the floor inside the box (none in a mask with exact zeros: no pass)
  if (cut > 0) for (let i = 0; i < data.length; i++) { const v = data[i]!; if (v <= floor && v >= -floor) data[i] = 0; }
  return { data, box: [x0, x1, y0, y1, z0, z1], sum };
}

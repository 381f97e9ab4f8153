/**
 * The input-data figures of level0.md §3: central slices, largest-variance slices and
 * projections, as 2D arrays in numpy orientation, and their VRS 8-bit encoding.
 *
 * Axis conventions (V indexed [z][y][x]):
 *   'z' image = V[iz, :, :]  → rows y, columns x   (projection: sum over z)
 *   'y' image = V[:, iy, :]  → rows z, columns x   (projection: sum over y)
 *   'x' image = V[:, :, ix]  → rows z, columns y   (projection: sum over x)
 */
import type { Axis, Dims, Vec3 } from '../volume.js';
import { encodeGreyPng, type EncodedPng, type GreyImage } from './png.js';

export interface Image2D {
  width: number;
  height: number;
  /** height rows of width values, row r = first numpy index. */
  values: Float64Array;
}

/** floor(N/2) per axis. */
export function centralSliceIndices(dims: Dims): Vec3 {
  return { x: dims.nx >> 1, y: dims.ny >> 1, z: dims.nz >> 1 };
}

function shapeOf(dims: Dims, axis: Axis): { width: number; height: number } {
  if (axis === 'z') return { width: dims.nx, height: dims.ny };
  if (axis === 'y') return { width: dims.nx, height: dims.nz };
  return { width: dims.ny, height: dims.nz };
}

function checkData(data: ArrayLike<number>, dims: Dims): void {
  if (data.length !== dims.nx * dims.ny * dims.nz) throw new RangeError('data length does not match dims');
}

/** The slice perpendicular to `axis` at `index`, as a numpy-oriented 2D image. */
export function extractSlice(data: Float32Array | Float64Array | Uint8Array, dims: Dims, axis: Axis, index: number): Image2D {
  checkData(data, dims);
  const { nx, ny, nz } = dims;
  const n = axis === 'x' ? nx : axis === 'y' ? ny : nz;
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new RangeError(`slice index ${index} is outside 0..${n - 1}`);
  const { width, height } = shapeOf(dims, axis);
  const values = new Float64Array(width * height);
  if (axis === 'z') {
    for (let i = 0, o = index * nx * ny; i < nx * ny; i++) values[i] = data[o + i]!;
  } else if (axis === 'y') {
    for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) values[z * nx + x] = data[x + nx * (index + ny * z)]!;
  } else {
    for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) values[z * ny + y] = data[index + nx * (y + ny * z)]!;
  }
  return { width, height, values };
}

/**
 * Sum along `axis` (numpy V.sum(axis=0 | 1 | 2) for 'z' | 'y' | 'x'), float64. With `from`, the
 * sum of the map thresholded there (values below `from`, and NaN, count as 0) without building
 * that map: the same sums in the same order as the projection of the thresholded copy.
 */
export function projection(data: Float32Array | Float64Array | Uint8Array, dims: Dims, axis: Axis, from?: number): Image2D {
  return projections(data, dims, from)[axis];
}

/**
 * The three projections (`projection` along x, y and z) in one pass over the map: each sum adds
 * the same values in the same order as a pass of its own.
 */
export function projections(data: Float32Array | Float64Array | Uint8Array, dims: Dims, from?: number): Record<Axis, Image2D> {
  checkData(data, dims);
  const { nx, ny, nz } = dims;
  const image = (axis: Axis): Image2D => {
    const { width, height } = shapeOf(dims, axis);
    return { width, height, values: new Float64Array(width * height) };
  };
  const out = { x: image('x'), y: image('y'), z: image('z') };
  const px = out.x.values, py = out.y.values, pz = out.z.values;
  const cut = from !== undefined, at = from ?? 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      let s = 0;
      for (let x = 0; x < nx; x++) {
        const v0 = data[o + x]!;
        // thresholded: below `from` (and NaN) adds 0; plain: every value, NaN included
        const v = !cut || v0 >= at ? v0 : 0;
        pz[y * nx + x]! += v;
        py[z * nx + x]! += v;
        s += v;
      }
      px[z * ny + y] = s;
    }
  }
  return out;
}

/**
 * Per axis, the slice index whose population variance (np.var of the 2D slice) is
 * largest; ties go to the lowest index (np.argmax). Two passes, float64.
 */
export function maxVarianceSliceIndices(data: Float32Array | Float64Array | Uint8Array, dims: Dims): Vec3 {
  checkData(data, dims);
  const { nx, ny, nz } = dims;
  const sx = new Float64Array(nx);
  const sy = new Float64Array(ny);
  const sz = new Float64Array(nz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      let row = 0;
      for (let x = 0; x < nx; x++) {
        const v = data[o + x]!;
        row += v;
        sx[x]! += v;
      }
      sy[y]! += row;
      sz[z]! += row;
    }
  }
  for (let x = 0; x < nx; x++) sx[x]! /= ny * nz;
  for (let y = 0; y < ny; y++) sy[y]! /= nx * nz;
  for (let z = 0; z < nz; z++) sz[z]! /= nx * ny;
  const vx = new Float64Array(nx);
  const vy = new Float64Array(ny);
  const vz = new Float64Array(nz);
  for (let z = 0; z < nz; z++) {
    const mz = sz[z]!;
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      const my = sy[y]!;
      let accZ = 0;
      let accY = 0;
      for (let x = 0; x < nx; x++) {
        const v = data[o + x]!;
        const dz = v - mz;
        const dy = v - my;
        const dx = v - sx[x]!;
        accZ += dz * dz;
        accY += dy * dy;
        vx[x]! += dx * dx;
      }
      vz[z]! += accZ;
      vy[y]! += accY;
    }
  }
  return { x: argmax(vx), y: argmax(vy), z: argmax(vz) };
}

/**
 * Relative difference under which two slice variances count as equal. A symmetric map (β-gal's D2,
 * GroEL's D7) holds slices with the same values in another order, whose variances are equal but
 * whose float sums round differently; np.argmax of the exact variances takes the first of them.
 */
const TIE = 1e-12;

/** np.argmax of the exact variances: the first index of the largest value, values within TIE counting as equal. */
function argmax(a: Float64Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]! * (1 + TIE)) best = i;
  return best;
}

/**
 * A map that is zero except at a few voxels (0.c's background outliers), given by their flat
 * indices (x fastest) and values.
 */
export interface SparseVoxels {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * maxVarianceSliceIndices of a sparse map without its dense box: per slice, the sum over its
 * non-zero voxels gives the mean m, and the variance is [Σ(v − m)² + (N − k)·m²] / N with k
 * non-zero voxels among N. Reads only the non-zero voxels (0.c's outliers are a few in
 * millions); the variances equal the dense ones up to rounding, so only exact ties (where the
 * dense argmax is decided by rounding) can pick another slice.
 */
export function sparseMaxVarianceSliceIndices(sparse: SparseVoxels, dims: Dims): Vec3 {
  const { nx, ny, nz } = dims;
  const { indices, values } = sparse;
  if (indices.length !== values.length) throw new RangeError('sparse map: one value per index');
  const axes = [
    { n: nx, per: ny * nz, of: (i: number) => i % nx },
    { n: ny, per: nx * nz, of: (i: number) => Math.floor(i / nx) % ny },
    { n: nz, per: nx * ny, of: (i: number) => Math.floor(i / (nx * ny)) },
  ];
  const [x, y, z] = axes.map(({ n, per, of }) => {
    const sum = new Float64Array(n), count = new Float64Array(n), ss = new Float64Array(n);
    for (let k = 0; k < indices.length; k++) {
      const s = of(indices[k]!);
      if (!(s >= 0 && s < n) || indices[k]! >= nx * ny * nz) throw new RangeError(`sparse map: index ${indices[k]} is outside the box`);
      sum[s]! += values[k]!;
      count[s]!++;
    }
    const mean = sum.map((v) => v / per);
    for (let k = 0; k < indices.length; k++) {
      const s = of(indices[k]!);
      const d = values[k]! - mean[s]!;
      ss[s]! += d * d;
    }
    return argmax(ss.map((v, s) => (v + (per - count[s]!) * mean[s]! * mean[s]!) / per));
  }) as [number, number, number];
  return { x, y, z };
}

/** The slice perpendicular to `axis` at `index` of a sparse map (zero elsewhere). */
export function sparseSlice(sparse: SparseVoxels, dims: Dims, axis: Axis, index: number): Image2D {
  const { nx, ny, nz } = dims;
  const n = axis === 'x' ? nx : axis === 'y' ? ny : nz;
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new RangeError(`slice index ${index} is outside 0..${n - 1}`);
  const { width, height } = shapeOf(dims, axis);
  const values = new Float64Array(width * height);
  for (let k = 0; k < sparse.indices.length; k++) {
    const i = sparse.indices[k]!;
    const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
    if (axis === 'z' && z === index) values[y * nx + x] = sparse.values[k]!;
    else if (axis === 'y' && y === index) values[z * nx + x] = sparse.values[k]!;
    else if (axis === 'x' && x === index) values[z * ny + y] = sparse.values[k]!;
  }
  return { width, height, values };
}

/**
 * VRS `writeImage` to 8 bit: I − min, then ·255 / max, truncated to uint8 — in float32
 * arithmetic as numpy does on a float32 map — then rows flipped (row 0 at the bottom).
 * `rotateClockwise` (the 'y' images) then turns the image 90° clockwise (PIL rotate(−90,
 * expand=True)); flip followed by that rotation is a transpose. A constant image gives
 * all zeros instead of VRS's NaN.
 */
export function toVrsGrey(image: Image2D, rotateClockwise = false): GreyImage {
  const { width, height, values } = image;
  const f = Math.fround;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! < min) min = values[i]!;
  const min32 = f(min);
  const shifted = new Float32Array(values.length);
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = f(f(values[i]!) - min32);
    shifted[i] = v;
    if (v > max) max = v;
  }
  const bytes = new Uint8Array(values.length);
  if (max > 0) for (let i = 0; i < values.length; i++) bytes[i] = Math.trunc(f(f(shifted[i]! * 255) / max));
  const out = new Uint8Array(values.length);
  if (!rotateClockwise) {
    for (let r = 0; r < height; r++) out.set(bytes.subarray((height - 1 - r) * width, (height - r) * width), r * width);
    return { width, height, pixels: out };
  }
  // out[r'][c'] = flipped[height − 1 − c'][r'] = bytes[c'][r']; size height wide, width high.
  for (let r = 0; r < width; r++) for (let c = 0; c < height; c++) out[r * height + c] = bytes[c * width + r]!;
  return { width: height, height: width, pixels: out };
}

/** The PNG of a slice or projection along `axis`, encoded as VRS does ('y' rotated). */
export function vrsPng(image: Image2D, axis: Axis): EncodedPng {
  return encodeGreyPng(toVrsGrey(image, axis === 'y'));
}

/**
 * Local second-order structure of a map: the Hessian at a voxel by central differences and the
 * eigen-decomposition of a symmetric 3×3 matrix (cyclic Jacobi). Used by 0.h to find density
 * tubes (helices): along a tube's axis the curvature is ≈ 0, across it strongly negative.
 * Only evaluated at the voxels asked for, so a 400³ map never needs six full derivative maps.
 */
import type { Dims } from '../volume.js';

/** Symmetric 3×3 matrix stored as [xx, yy, zz, xy, xz, yz]. */
export type Sym3 = Float64Array;

/**
 * Hessian of `data` at voxel (x, y, z) with a step of `h` voxels, scaled to 1/Å² by the voxel
 * size `ts`. The caller keeps (x, y, z) at least h voxels from every face.
 */
export function hessianAt(data: Float32Array, d: Dims, x: number, y: number, z: number, h: number, ts: number, out: Sym3): Sym3 {
  const sx = h, sy = h * d.nx, sz = h * d.nx * d.ny;
  const i = x + d.nx * (y + d.ny * z);
  const c2 = 2 * data[i]!;
  const k = 1 / (h * ts) ** 2;
  const q = k / 4;
  out[0] = (data[i + sx]! - c2 + data[i - sx]!) * k;
  out[1] = (data[i + sy]! - c2 + data[i - sy]!) * k;
  out[2] = (data[i + sz]! - c2 + data[i - sz]!) * k;
  out[3] = (data[i + sx + sy]! - data[i + sx - sy]! - data[i - sx + sy]! + data[i - sx - sy]!) * q;
  out[4] = (data[i + sx + sz]! - data[i + sx - sz]! - data[i - sx + sz]! + data[i - sx - sz]!) * q;
  out[5] = (data[i + sy + sz]! - data[i + sy - sz]! - data[i - sy + sz]! + data[i - sy - sz]!) * q;
  return out;
}

/**
 * Eigenvalues (descending) and unit eigenvectors of a symmetric 3×3 matrix by cyclic Jacobi
 * rotations. `values` gets λ0 ≥ λ1 ≥ λ2; `vectors` holds eigenvector k at [3k, 3k+1, 3k+2].
 */
export function symmetricEigen3(m: Sym3, values: Float64Array, vectors: Float64Array): void {
  const a = A, v = V; // module scratch (no allocation per call: this runs on millions of voxels)
  a[0] = m[0]!; a[1] = m[3]!; a[2] = m[4]!; a[3] = m[3]!; a[4] = m[1]!; a[5] = m[5]!; a[6] = m[4]!; a[7] = m[5]!; a[8] = m[2]!;
  v.fill(0);
  v[0] = v[4] = v[8] = 1; // columns are eigenvectors
  const scale = Math.abs(a[0]!) + Math.abs(a[4]!) + Math.abs(a[8]!) + Math.abs(a[1]!) + Math.abs(a[2]!) + Math.abs(a[5]!);
  for (let sweep = 0; sweep < 20; sweep++) {
    const off = Math.abs(a[1]!) + Math.abs(a[2]!) + Math.abs(a[5]!);
    if (off <= 1e-14 * scale || off === 0) break;
    rotate(a, v, 0, 1);
    rotate(a, v, 0, 2);
    rotate(a, v, 1, 2);
  }
  // order the diagonal descending (three compares)
  let i0 = 0, i1 = 1, i2 = 2, t: number;
  if (a[4 * i1]! > a[4 * i0]!) { t = i0; i0 = i1; i1 = t; }
  if (a[4 * i2]! > a[4 * i1]!) { t = i1; i1 = i2; i2 = t; }
  if (a[4 * i1]! > a[4 * i0]!) { t = i0; i0 = i1; i1 = t; }
  const order = [i0, i1, i2];
  for (let k = 0; k < 3; k++) {
    const c = order[k]!;
    values[k] = a[4 * c]!;
    vectors[3 * k] = v[c]!;
    vectors[3 * k + 1] = v[3 + c]!;
    vectors[3 * k + 2] = v[6 + c]!;
  }
}

const A = new Float64Array(9);
const V = new Float64Array(9);

/** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' form, stable for small angles). */
function rotate(a: Float64Array, v: Float64Array, p: number, q: number): void {
  const apq = a[3 * p + q]!;
  if (apq === 0) return;
  const theta = (a[4 * q]! - a[4 * p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < 3; k++) {
    // A ← A·J (columns p, q)
    const akp = a[3 * k + p]!, akq = a[3 * k + q]!;
    a[3 * k + p] = c * akp - s * akq;
    a[3 * k + q] = s * akp + c * akq;
  }
  for (let k = 0; k < 3; k++) {
    // A ← Jᵀ·A (rows p, q)
    const apk = a[3 * p + k]!, aqk = a[3 * q + k]!;
    a[3 * p + k] = c * apk - s * aqk;
    a[3 * q + k] = s * apk + c * aqk;
  }
  a[3 * p + q] = 0;
  a[3 * q + p] = 0;
  for (let k = 0; k < 3; k++) {
    const vkp = v[3 * k + p]!, vkq = v[3 * k + q]!;
    v[3 * k + p] = c * vkp - s * vkq;
    v[3 * k + q] = s * vkp + c * vkq;
  }
}

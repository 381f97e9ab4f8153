import { describe, expect, it } from 'vitest';
import { hessianAt, symmetricEigen3 } from './hessian.js';

/** R·diag(λ)·Rᵀ for a rotation R given by its columns. */
function compose(l: number[], cols: number[][]): Float64Array {
  const m = (i: number, j: number) => l.reduce((s, lk, k) => s + lk * cols[k]![i]! * cols[k]![j]!, 0);
  return Float64Array.from([m(0, 0), m(1, 1), m(2, 2), m(0, 1), m(0, 2), m(1, 2)]);
}

describe('symmetricEigen3', () => {
  it('recovers eigenvalues (descending) and eigenvectors of a rotated diagonal matrix', () => {
    const c = Math.cos(0.7), s = Math.sin(0.7), c2 = Math.cos(-1.1), s2 = Math.sin(-1.1);
    // rotation about z then about x: orthonormal columns
    const cols = [
      [c, s * c2, s * s2],
      [-s, c * c2, c * s2],
      [0, -s2, c2],
    ];
    const vals = new Float64Array(3), vecs = new Float64Array(9);
    symmetricEigen3(compose([-3, 0.2, -7], cols), vals, vecs);
    expect([...vals].map((v) => +v.toFixed(10))).toEqual([0.2, -3, -7]);
    const expected = [cols[1]!, cols[0]!, cols[2]!];
    for (let k = 0; k < 3; k++) {
      const dot = expected[k]!.reduce((a, e, i) => a + e * vecs[3 * k + i]!, 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 10);
    }
  });

  it('leaves a diagonal matrix alone', () => {
    const vals = new Float64Array(3), vecs = new Float64Array(9);
    symmetricEigen3(Float64Array.from([1, 5, 3, 0, 0, 0]), vals, vecs);
    expect([...vals]).toEqual([5, 3, 1]);
    expect([...vecs]).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });
});

describe('hessianAt', () => {
  it('is exact on a quadratic (central differences), in 1/Å²', () => {
    const n = 9, ts = 1.5;
    const data = new Float32Array(n ** 3);
    // f = 2x² − y² + 0.5 z² + xy − 3xz + 0.25yz in Å, so H = [[4,1,−3],[1,−2,0.25],[−3,0.25,1]]
    for (let z = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++) {
          const X = (x - 4) * ts, Y = (y - 4) * ts, Z = (z - 4) * ts;
          data[x + n * (y + n * z)] = 2 * X * X - Y * Y + 0.5 * Z * Z + X * Y - 3 * X * Z + 0.25 * Y * Z;
        }
    const H = hessianAt(data, { nx: n, ny: n, nz: n }, 4, 4, 4, 2, ts, new Float64Array(6));
    [4, -2, 1, 1, -3, 0.25].forEach((v, i) => expect(H[i]).toBeCloseTo(v, 4));
  });
});

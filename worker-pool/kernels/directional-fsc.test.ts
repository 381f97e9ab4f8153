import { afterAll, describe, expect, it } from 'vitest';
import { shutdownFftThreads } from './fft/fft3d.js';
import { directionalFsc, icosphere, meshSphericity } from './directional-fsc.js';
import { anisotropicHalves } from '../testing/local-resolution-halves.js';

/** Sphericity of the oblate spheroid with semi-axes a, a, c < a (closed forms of its area and volume). */
function oblateSphericity(a: number, c: number): number {
  const e = Math.sqrt(1 - (c * c) / (a * a));
  const area = 2 * Math.PI * a * a * (1 + ((1 - e * e) / e) * Math.atanh(e));
  const volume = (4 / 3) * Math.PI * a * a * c;
  return (Math.cbrt(Math.PI) * Math.pow(6 * volume, 2 / 3)) / area;
}

afterAll(() => shutdownFftThreads());

describe('directional FSC kernel', () => {
  it('icosphere level 3: 642 unit vertices, 1280 triangles, sphericity of the unit sphere ≈ 1', () => {
    const s = icosphere(3);
    expect(s.vertices).toHaveLength(642);
    expect(s.triangles).toHaveLength(1280);
    for (const v of s.vertices) expect(Math.hypot(v.x, v.y, v.z)).toBeCloseTo(1, 12);
    expect(meshSphericity(s.vertices, s.triangles, new Float64Array(642).fill(2))).toBeGreaterThan(0.995);
  });

  it('measures the sphericity of an oblate spheroid as its closed form', () => {
    const s = icosphere(4);
    // radius of the spheroid x²/a² + y²/a² + z²/c² = 1 along each vertex direction
    const a = 1, c = 0.5;
    const radius = s.vertices.map((v) => 1 / Math.sqrt((v.x * v.x + v.y * v.y) / (a * a) + (v.z * v.z) / (c * c)));
    expect(meshSphericity(s.vertices, s.triangles, radius)).toBeCloseTo(oblateSphericity(a, c), 2);
  });

  it('isotropic pair: global FSC S/(S+N) below the cut-off, every axis at the cut-off, sphericity ≈ 1', () => {
    const h = anisotropicHalves(4, 4, { n: 96 });
    const r = directionalFsc(h.half1, h.half2, h.d, { voxelSize: 1 });
    // white signal of variance 1, noise 0.25 in each half: S/(S+N) = 0.8 in every shell below 1/4 Å⁻¹
    for (let k = 5; k < 20; k++) expect(Math.abs(r.global[k]! - 0.8)).toBeLessThan(0.05);
    expect(Math.abs(1 / r.globalCrossing! - 4) / 4).toBeLessThan(0.05);
    for (const c of r.crossing) expect(Math.abs(1 / c - 4) / 4).toBeLessThan(0.1);
    expect(r.axes).toHaveLength(321);
    expect(r.sphericity).toBeGreaterThan(0.93);
  });

  it('anisotropic pair (4 Å along x, y; 8 Å along z): resolution worse towards z, sphericity below the isotropic one', () => {
    const iso = directionalFsc(...halves(4, 4));
    const r = directionalFsc(...halves(4, 8));
    const res = Array.from(r.crossing, (c) => 1 / c);
    const along = (u: { x: number; y: number; z: number }) => res[r.axes.findIndex((a) => Math.abs(a.x * u.x + a.y * u.y + a.z * u.z) > 0.9999)]!;
    expect(Math.abs(along({ x: 0, y: 0, z: 1 }) - 8) / 8).toBeLessThan(0.15);
    expect(Math.abs(along({ x: 1, y: 0, z: 0 }) - 4) / 4).toBeLessThan(0.15);
    expect(Math.abs(along({ x: 0, y: 1, z: 0 }) - 4) / 4).toBeLessThan(0.15);
    // resolution grows with the axis's z component: rank correlation clearly positive
    const zs = r.axes.map((a) => Math.abs(a.z));
    expect(spearman(zs, res)).toBeGreaterThan(0.8);
    expect(r.sphericity).toBeLessThan(iso.sphericity - 0.04);
    expect(Math.abs(r.sphericity - oblateSphericity(1 / 4, 1 / 8))).toBeLessThan(0.06);
  });
});

function halves(lateral: number, axial: number) {
  const h = anisotropicHalves(lateral, axial, { n: 96 });
  return [h.half1, h.half2, h.d, { voxelSize: 1 }] as const;
}

function spearman(a: number[], b: number[]): number {
  const rank = (v: number[]) => {
    const idx = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    idx.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a), rb = rank(b);
  const n = a.length, m = (n - 1) / 2;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) { num += (ra[i]! - m) * (rb[i]! - m); da += (ra[i]! - m) ** 2; db += (rb[i]! - m) ** 2; }
  return num / Math.sqrt(da * db);
}

/**
 * Directional FSC (3DFSC-like, Tan et al. 2017, Nat. Methods 14:793): the FSC between the half
 * maps in a cone of a given half-angle around each of a set of axes, per shell; the resolution
 * of each axis where its FSC first falls below a threshold, and the sphericity of the surface
 * those crossings draw in Fourier space.
 *
 * One pass over the spectra: every coefficient goes to its shell (fourier/fsc.ts's shells of
 * width 1/(N·Ts), N the largest box side, Hermitian weights) and to an angular bin of its axis (±f are one axis: the map is
 * real); a cone's sums are then the sums of the bins whose centre lies within the half-angle of
 * its axis, so the cost is one pass plus (axes × shells × bins per cone), whatever the box.
 * Axes: the vertices of a geodesic icosphere (level 3: 642 vertices, 321 axes), whose triangles
 * also give the surface for the sphericity: Ψ = π^⅓·(6V)^⅔ / A, 1 for a sphere.
 * Pure: arrays in, numbers out.
 */
import type { Dims, Vec3 } from '../volume.js';
import { rfft3d } from './fft/fft3d.js';
import { frequencyAxes } from './fourier/frequency.js';
import { fourierShellCorrelation, fscCrossing, fscShellMap } from './fourier/fsc.js';

/** Coefficients (Friedel pairs counted twice) a cone's shell needs before its FSC is read. */
export const MIN_CONE_COEFFICIENTS = 20;

export interface DirectionalFscOptions {
  /** Å/voxel (cubic voxels) */
  voxelSize: number;
  /** degrees, the cone's half-angle (default 20, 3DFSC's) */
  coneAngle?: number;
  /** FSC threshold of the per-axis resolution (default 0.143) */
  threshold?: number;
  /** FSC threshold of the surface whose sphericity is measured (default 0.5, 3DFSC's) */
  sphericityThreshold?: number;
  /** icosphere subdivisions (default 3: 321 axes) */
  subdivisions?: number;
  /** angular bins per cube face side (default 32) */
  bins?: number;
  threads?: number;
}

export interface DirectionalFscResult {
  /** shell centres, 1/Å (shell k at k/(N·Ts)); shell 0 is the origin */
  frequencies: Float64Array;
  /** FSC of all coefficients per shell (fourier/fsc.ts) */
  global: Float64Array;
  /** unit axes (one per antipodal pair of icosphere vertices) */
  axes: Vec3[];
  /** FSC per axis and shell: fsc[a][k] */
  fsc: Float64Array[];
  /** 1/Å where each axis's FSC first falls below `threshold` (Nyquist when it never does) */
  crossing: Float64Array;
  /** 1/Å where each axis's FSC first falls below `sphericityThreshold` */
  sphericityCrossing: Float64Array;
  /** true where the axis's FSC stayed above `threshold` up to the last shell */
  neverCrossed: Uint8Array;
  /** 1/Å where the global FSC first falls below `threshold` (null: never) */
  globalCrossing: number | null;
  /** of the surface at sphericityThreshold */
  sphericity: number;
  /** coefficients in each axis's cone (all shells), for the record */
  coneCoefficients: Float64Array;
}

/** Geodesic icosphere: unit vertices and triangles (indices), `level` times subdivided. */
export function icosphere(level: number): { vertices: Vec3[]; triangles: [number, number, number][] } {
  const t = (1 + Math.sqrt(5)) / 2;
  const vs: Vec3[] = [];
  const add = (x: number, y: number, z: number) => {
    const r = Math.hypot(x, y, z);
    vs.push({ x: x / r, y: y / r, z: z / r });
    return vs.length - 1;
  };
  for (const [a, b] of [[-1, t], [1, t], [-1, -t], [1, -t]] as const) add(a, b, 0);
  for (const [a, b] of [[-1, t], [1, t], [-1, -t], [1, -t]] as const) add(0, a, b);
  for (const [a, b] of [[-1, t], [1, t], [-1, -t], [1, -t]] as const) add(b, 0, a);
  let tris: [number, number, number][] = [
    [0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11], [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
    [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9], [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1],
  ];
  for (let l = 0; l < level; l++) {
    const mid = new Map<string, number>();
    const m = (a: number, b: number) => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let k = mid.get(key);
      if (k === undefined) {
        k = add(vs[a]!.x + vs[b]!.x, vs[a]!.y + vs[b]!.y, vs[a]!.z + vs[b]!.z);
        mid.set(key, k);
      }
      return k;
    };
    const next: [number, number, number][] = [];
    for (const [a, b, c] of tris) {
      const ab = m(a, b), bc = m(b, c), ca = m(c, a);
      next.push([a, ab, ca], [b, bc, ab], [c, ca, bc], [ab, bc, ca]);
    }
    tris = next;
  }
  return { vertices: vs, triangles: tris };
}

/** Sphericity π^⅓(6V)^⅔/A of the star-shaped mesh with vertex v_i at radius[i]·v_i. */
export function meshSphericity(vertices: Vec3[], triangles: [number, number, number][], radius: ArrayLike<number>): number {
  let V = 0, A = 0;
  const p = vertices.map((v, i) => [v.x * radius[i]!, v.y * radius[i]!, v.z * radius[i]!] as const);
  for (const [i, j, k] of triangles) {
    const a = p[i]!, b = p[j]!, c = p[k]!;
    const cx = b[1] * c[2] - b[2] * c[1], cy = b[2] * c[0] - b[0] * c[2], cz = b[0] * c[1] - b[1] * c[0];
    V += Math.abs(a[0] * cx + a[1] * cy + a[2] * cz) / 6;
    const ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
    const wx = c[0] - a[0], wy = c[1] - a[1], wz = c[2] - a[2];
    A += Math.hypot(uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx) / 2;
  }
  return A > 0 ? (Math.cbrt(Math.PI) * Math.pow(6 * V, 2 / 3)) / A : NaN;
}

/** Cube-map bin of an axis: dominant axis m (0, 1, 2), the other two components over it in [−1, 1]. */
function binCentre(face: number, iu: number, iv: number, G: number): Vec3 {
  const u = -1 + (2 * (iu + 0.5)) / G, v = -1 + (2 * (iv + 0.5)) / G;
  const c = face === 0 ? [1, u, v] : face === 1 ? [u, 1, v] : [u, v, 1];
  const r = Math.hypot(c[0]!, c[1]!, c[2]!);
  return { x: c[0]! / r, y: c[1]! / r, z: c[2]! / r };
}

export function directionalFsc(h1: Float32Array, h2: Float32Array, d: Dims, o: DirectionalFscOptions): DirectionalFscResult {
  const threshold = o.threshold ?? 0.143;
  const sphThreshold = o.sphericityThreshold ?? 0.5;
  const G = o.bins ?? 32;
  const cosCone = Math.cos(((o.coneAngle ?? 20) * Math.PI) / 180);
  const ts = o.voxelSize;
  const F1 = rfft3d(h1, d, { normalize: 'forward', threads: o.threads });
  const F2 = rfft3d(h2, d, { normalize: 'forward', threads: o.threads });
  const shellMap = fscShellMap(d);
  const { shells, shell, weightX } = shellMap;
  const globalCurve = fourierShellCorrelation(F1, F2, d, ts, { shellMap });
  const nBins = 3 * G * G;
  // per (shell, bin): Σ Re F1·F2*, Σ|F1|², Σ|F2|², coefficients (Hermitian weights as fsc.ts)
  const s12 = new Float64Array(shells * nBins), s11 = new Float64Array(shells * nBins), s22 = new Float64Array(shells * nBins);
  const cnt = new Float64Array(shells * nBins);
  const { fx, fy, fz } = frequencyAxes(d);
  const nkx = fx.length;
  const half = G / 2;
  let i = 0;
  for (let z = 0; z < d.nz; z++) {
    const vz = fz[z]!;
    for (let y = 0; y < d.ny; y++) {
      const vy = fy[y]!;
      for (let x = 0; x < nkx; x++, i++) {
        const k = shell[i]!;
        if (k <= 0) continue;
        const vx = fx[x]!;
        const ax = Math.abs(vx), ay = Math.abs(vy), az = Math.abs(vz);
        // the axis's bin: the other two components divided by the dominant one (±f give the same bin)
        let face: number, u: number, v: number;
        if (ax >= ay && ax >= az) { face = 0; const s = 1 / vx; u = vy * s; v = vz * s; }
        else if (ay >= az) { face = 1; const s = 1 / vy; u = vx * s; v = vz * s; }
        else { face = 2; const s = 1 / vz; u = vx * s; v = vy * s; }
        const iu = Math.min(G - 1, Math.floor((u + 1) * half)), iv = Math.min(G - 1, Math.floor((v + 1) * half));
        const b = k * nBins + face * G * G + iu * G + iv;
        const w = weightX[x]!;
        const a1 = F1[2 * i]!, b1 = F1[2 * i + 1]!, a2 = F2[2 * i]!, b2 = F2[2 * i + 1]!;
        s12[b]! += w * (a1 * a2 + b1 * b2);
        s11[b]! += w * (a1 * a1 + b1 * b1);
        s22[b]! += w * (a2 * a2 + b2 * b2);
        cnt[b]! += w;
      }
    }
  }
  const frequencies = globalCurve.frequency;
  const global = globalCurve.fsc;
  const ratio = (c: number, p: number, q: number) => (p > 0 && q > 0 ? c / Math.sqrt(p * q) : 0);
  const centres: Vec3[] = [];
  for (let f = 0; f < 3; f++) for (let iu = 0; iu < G; iu++) for (let iv = 0; iv < G; iv++) centres.push(binCentre(f, iu, iv, G));
  const sphere = icosphere(o.subdivisions ?? 3);
  // one axis per antipodal pair: the vertex's partner is the vertex at −v
  const axisOf = new Int32Array(sphere.vertices.length).fill(-1);
  const axes: Vec3[] = [];
  sphere.vertices.forEach((v, j) => {
    if (axisOf[j]! >= 0) return;
    axisOf[j] = axes.length;
    const partner = sphere.vertices.findIndex((w) => Math.abs(w.x + v.x) + Math.abs(w.y + v.y) + Math.abs(w.z + v.z) < 1e-9);
    if (partner >= 0) axisOf[partner] = axes.length;
    axes.push(v);
  });
  const fsc: Float64Array[] = [];
  const crossing = new Float64Array(axes.length), sphericityCrossing = new Float64Array(axes.length);
  const neverCrossed = new Uint8Array(axes.length);
  const coneCoefficients = new Float64Array(axes.length);
  const nyquist = frequencies[shells - 1]!;
  axes.forEach((a, j) => {
    const inCone: number[] = [];
    centres.forEach((c, b) => { if (Math.abs(a.x * c.x + a.y * c.y + a.z * c.z) >= cosCone) inCone.push(b); });
    const curve = new Float64Array(shells);
    curve[0] = 1;
    for (let k = 1; k < shells; k++) {
      let c = 0, p = 0, q = 0, n = 0;
      const base = k * nBins;
      for (const b of inCone) { c += s12[base + b]!; p += s11[base + b]!; q += s22[base + b]!; n += cnt[base + b]!; }
      // the lowest shells hold a handful of coefficients per cone, whose FSC is a coin toss: until a shell of
      // the cone holds MIN_CONE_COEFFICIENTS, it keeps the value below it (1 at the origin)
      curve[k] = n >= MIN_CONE_COEFFICIENTS ? ratio(c, p, q) : curve[k - 1]!;
      coneCoefficients[j]! += n;
    }
    fsc.push(curve);
    const x = fscCrossing(frequencies, curve, threshold);
    crossing[j] = x ?? nyquist;
    neverCrossed[j] = x === null ? 1 : 0;
    sphericityCrossing[j] = fscCrossing(frequencies, curve, sphThreshold) ?? nyquist;
  });
  const radius = Float64Array.from(sphere.vertices, (_, v) => sphericityCrossing[axisOf[v]!]!);
  return {
    frequencies, global, axes, fsc, crossing, sphericityCrossing, neverCrossed,
    globalCrossing: fscCrossing(frequencies, global, threshold),
    sphericity: meshSphericity(sphere.vertices, sphere.triangles, radius),
    coneCoefficients,
  };
}

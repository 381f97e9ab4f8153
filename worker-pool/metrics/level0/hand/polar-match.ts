/**
 * 0.h step 4 (level0.md §6.4): a density tube against right- and left-handed α-helix templates.
 *
 * The map around the tube and the templates are sampled on the same polar grid about the axis
 * (radii 1–5 Å every 1 Å, azimuth every 10°, 1 Å along the axis), so that a rotation of the
 * template about the axis is a cyclic shift of the azimuth index and the whole rotation scan
 * costs no further interpolation. From every ring (one radius, one height) its mean is removed:
 * what is left is the helical modulation (the groove winding round the tube), the only part of
 * a helix that differs between the hands. A plain cylinder, or the part of a helix that any tube
 * shares, thus adds nothing to either hand's correlation, and the correlation of the ring means
 * alone (the radial/axial profile) says how tube-like the density is, independently of the hand.
 *
 * Before sampling, the axis is re-centred on the density (centroids of cross-sections, a line
 * fitted through them, twice): the Hessian's tube axis wanders by an Å or two at 4–5 Å, and a
 * template that misses the axis by 1.5 Å sees a crescent instead of a groove.
 */
import type { Dims, Vec3 } from '../../../volume.js';
import type { HelixTemplate } from '../../../kernels/helix-template.js';
import { trilinear } from '../../../kernels/trilinear.js';

export { trilinear };

/** Å: radii of the sampled rings (backbone at 1.6–2.3 Å, Cβ 3.3 Å, side-chain density beyond). */
export const POLAR_RADII = [1, 2, 3, 4, 5];
/** samples per ring (10°) */
export const POLAR_ANGLES = 36;
/** Å: axial shifts of the template scanned (a shift of 1.5 Å equals a rotation of 100°, already scanned) */
export const AXIAL_SHIFTS = [0, 0.5, 1.0];
/** Å: radius of the discs whose centroids re-centre the axis */
const CENTRING_RADIUS = 4;

export interface PolarSamples {
  /** [z][r][a], ring means removed, x √r (area weight) */
  residual: Float64Array;
  /** [z][r] ring means minus their overall mean, x √r */
  profile: Float64Array;
  nz: number;
}

export interface TubeFrame {
  /** voxels of the map */
  centre: Vec3;
  axis: Vec3;
}

export interface HandMatch {
  /** best NCC of the helical modulation with the right-handed template */
  right: number;
  left: number;
  /** NCC of the ring-mean profile with the template's: how helix-like the tube's cross-section is */
  profile: number;
  layerRight: number;
  layerLeft: number;
  /**
   * Hand-blind: the share of the tube's modulation (Hann-windowed along the axis) that one
   * (n = 1, 1/5.4 Å) helical wave explains, 1 for a pure helical wave of that pitch, near 0 for
   * noise or a modulation of another period (a β-strand's side chains alternate every 6.6–7 Å,
   * both ways round: no single screw).
   */
  helicity: number;
  /**
   * Diagnostics for testing/hand-gates.py, not used by the vote (issue 15 measured them as gates
   * and neither tells β-only 1hpv's tubes from 1A8O's short helices, README "β-only maps"):
   * the share of the modulation constant along the axis (axialShare) …
   */
  axial: number;
  /** … and the NCC of the best alignment (either hand) in 11 Å (two-turn) windows along the tube, one per start row */
  localNcc: number[];
}

/** The polar samples of a volume (values by `at`) about a frame, half-length h Å. */
export function polarSamples(at: (x: number, y: number, z: number) => number, f: TubeFrame, h: number, scale: number): PolarSamples {
  const R = POLAR_RADII.length, A = POLAR_ANGLES, nz = 2 * h + 1;
  const u = perpendicular(f.axis), v = cross(f.axis, u);
  const residual = new Float64Array(nz * R * A), profile = new Float64Array(nz * R);
  const cos = Float64Array.from({ length: A }, (_, a) => Math.cos((2 * Math.PI * a) / A));
  const sin = Float64Array.from({ length: A }, (_, a) => Math.sin((2 * Math.PI * a) / A));
  let all = 0;
  for (let iz = 0; iz < nz; iz++) {
    const t = (iz - h) * scale;
    const bx = f.centre.x + t * f.axis.x, by = f.centre.y + t * f.axis.y, bz = f.centre.z + t * f.axis.z;
    for (let ir = 0; ir < R; ir++) {
      const r = POLAR_RADII[ir]! * scale;
      const base = (iz * R + ir) * A;
      let mean = 0;
      for (let a = 0; a < A; a++) {
        const m = at(bx + r * (cos[a]! * u.x + sin[a]! * v.x), by + r * (cos[a]! * u.y + sin[a]! * v.y), bz + r * (cos[a]! * u.z + sin[a]! * v.z));
        residual[base + a] = m;
        mean += m;
      }
      mean /= A;
      const w = Math.sqrt(POLAR_RADII[ir]!);
      for (let a = 0; a < A; a++) residual[base + a] = (residual[base + a]! - mean) * w;
      profile[iz * R + ir] = mean * w;
      all += mean * w;
    }
  }
  // the profile's NCC: remove the weighted mean (rings weighted by √r, like their samples)
  const sw = POLAR_RADII.reduce((s, r) => s + Math.sqrt(r), 0) * nz;
  for (let i = 0; i < profile.length; i++) profile[i]! -= (all / sw) * Math.sqrt(POLAR_RADII[i % R]!);
  return { residual, profile, nz };
}

/** The template's polar samples for each axial shift (template voxels are 1 Å). */
export function templateSamples(t: HelixTemplate, h: number): PolarSamples[] {
  const at = (x: number, y: number, z: number) => trilinear(t.data, t.dims, x, y, z);
  return AXIAL_SHIFTS.map((s) => polarSamples(at, { centre: { x: t.centre, y: t.centre, z: t.centre + s }, axis: { x: 0, y: 0, z: 1 } }, h, 1));
}

/**
 * Best NCC of the tube's helical modulation with each hand over rotations (cyclic shifts), axial
 * shifts and both axis directions, and the profile NCC.
 */
export function matchTube(map: PolarSamples, right: PolarSamples[], left: PolarSamples[]): HandMatch {
  const R = POLAR_RADII.length, A = POLAR_ANGLES, nz = map.nz;
  const mNorm = norm(map.residual);
  const flipped = reverseAxis(map.residual, nz);
  let arg: { m: Float64Array; t: Float64Array; s: number } | null = null;
  let overall = -Infinity;
  const best = (templates: PolarSamples[]) => {
    let b = -1;
    for (const t of templates) {
      const tNorm = norm(t.residual);
      if (!(mNorm > 0 && tNorm > 0)) continue;
      for (const m of [map.residual, flipped])
        for (let s = 0; s < A; s++) {
          let c = 0;
          for (let zr = 0; zr < nz * R; zr++) {
            const base = zr * A;
            for (let a = 0; a < A; a++) c += m[base + a]! * t.residual[base + ((a + s) % A)]!;
          }
          if (c / (mNorm * tNorm) > b) b = c / (mNorm * tNorm);
          if (c / (mNorm * tNorm) > overall) { overall = c / (mNorm * tNorm); arg = { m, t: t.residual, s }; }
        }
    }
    return b;
  };
  const p = right[0]!.profile;
  const pn = norm(map.profile) * norm(p);
  let pc = 0;
  for (let i = 0; i < p.length; i++) pc += map.profile[i]! * p[i]!;
  // layer-line statistic, radii weighted by the right-handed template's own amplitude
  const tl = layerLine(right[0]!), ml = layerLine(map);
  let lr = 0, ll = 0;
  for (let ir = 0; ir < R; ir++) { lr += tl.right[ir]! * ml.right[ir]!; ll += tl.right[ir]! * ml.left[ir]!; }
  let lp = 0, pw = 0;
  for (let ir = 0; ir < R; ir++) { lp += Math.max(ml.right[ir]!, ml.left[ir]!) ** 2; pw += ml.power[ir]!; }
  const bestRight = best(right), bestLeft = best(left);
  return {
    right: bestRight, left: bestLeft, profile: pn > 0 ? pc / pn : 0, layerRight: lr, layerLeft: ll, helicity: pw > 0 ? lp / pw : 0,
    axial: axialShare(map.residual, nz), localNcc: arg ? localNcc(arg, nz) : [],
  };
}

/**
 * Share of the modulation's power that is constant along the axis: a sheet seen along a strand,
 * or a neighbour's edge, is; a helix's groove winds round and averages out over a turn.
 */
export function axialShare(s: Float64Array, nz: number): number {
  const n = POLAR_RADII.length * POLAR_ANGLES;
  let total = 0, constant = 0;
  for (let k = 0; k < n; k++) {
    let mean = 0;
    for (let iz = 0; iz < nz; iz++) mean += s[iz * n + k]!;
    mean /= nz;
    constant += mean * mean * nz;
  }
  for (let i = 0; i < s.length; i++) total += s[i]! * s[i]!;
  return total > 0 ? constant / total : 0;
}

/** Rows (1 Å) of the windows of `localNcc`: two turns of 5.4 Å. */
export const LOCAL_WINDOW = 11;
/** NCC of the best alignment (map rows, template, rotation) in windows of LOCAL_WINDOW rows, one per start row. */
function localNcc(b: { m: Float64Array; t: Float64Array; s: number }, nz: number): number[] {
  const n = POLAR_RADII.length * POLAR_ANGLES, A = POLAR_ANGLES;
  const c = new Float64Array(nz), mm = new Float64Array(nz), tt = new Float64Array(nz);
  for (let iz = 0; iz < nz; iz++)
    for (let k = 0; k < n; k++) {
      const base = iz * n + k - (k % A);
      const x = b.m[iz * n + k]!, y = b.t[base + (((k % A) + b.s) % A)]!;
      c[iz]! += x * y; mm[iz]! += x * x; tt[iz]! += y * y;
    }
  const out: number[] = [];
  for (let i = 0; i + LOCAL_WINDOW <= nz; i++) {
    let sc = 0, sm = 0, st = 0;
    for (let j = i; j < i + LOCAL_WINDOW; j++) { sc += c[j]!; sm += mm[j]!; st += tt[j]!; }
    out.push(sm > 0 && st > 0 ? sc / Math.sqrt(sm * st) : 0);
  }
  return out;
}

/**
 * The samples seen along the reversed axis: a proper rotation by 180° about u, so z → −z and
 * v → −v (azimuth a → −a); a mirror would swap the hands.
 */
function reverseAxis(s: Float64Array, nz: number): Float64Array {
  const R = POLAR_RADII.length, A = POLAR_ANGLES;
  const out = new Float64Array(s.length);
  for (let iz = 0; iz < nz; iz++)
    for (let ir = 0; ir < R; ir++)
      for (let a = 0; a < A; a++) out[(iz * R + ir) * A + a] = s[((nz - 1 - iz) * R + ir) * A + ((A - a) % A)]!;
  return out;
}

/** Re-centres a tube on its density: centroids of cross-sections (discs of 4 Å) and a line through them. */
export function centreTube(map: Float32Array, d: Dims, f: TubeFrame, h: number, ts: number, iterations = 2): TubeFrame {
  let frame = f;
  const rv = CENTRING_RADIUS / ts;
  for (let it = 0; it < iterations; it++) {
    const u = perpendicular(frame.axis), v = cross(frame.axis, u);
    const pts: Vec3[] = [];
    for (let iz = -h; iz <= h; iz++) {
      const t = iz / ts;
      const bx = frame.centre.x + t * frame.axis.x, by = frame.centre.y + t * frame.axis.y, bz = frame.centre.z + t * frame.axis.z;
      let sw = 0, sx = 0, sy = 0;
      for (let i = -CENTRING_RADIUS; i <= CENTRING_RADIUS; i++)
        for (let j = -CENTRING_RADIUS; j <= CENTRING_RADIUS; j++) {
          if (i * i + j * j > CENTRING_RADIUS * CENTRING_RADIUS) continue;
          const p = i / ts, q = j / ts;
          const m = trilinear(map, d, bx + p * u.x + q * v.x, by + p * u.y + q * v.y, bz + p * u.z + q * v.z);
          if (m > 0) { sw += m; sx += m * p; sy += m * q; }
        }
      if (sw > 0) {
        const p = sx / sw, q = sy / sw;
        if (Math.hypot(p, q) <= rv) pts.push({ x: bx + p * u.x + q * v.x, y: by + p * u.y + q * v.y, z: bz + p * u.z + q * v.z });
      }
    }
    if (pts.length < 5) return frame;
    frame = lineThrough(pts, frame.axis);
  }
  return frame;
}

function lineThrough(pts: Vec3[], previous: Vec3): TubeFrame {
  const n = pts.length;
  const c = pts.reduce((s, p) => ({ x: s.x + p.x / n, y: s.y + p.y / n, z: s.z + p.z / n }), { x: 0, y: 0, z: 0 });
  // principal direction by power iteration from the previous axis (a few steps suffice: it is close)
  let a = previous;
  for (let k = 0; k < 8; k++) {
    let x = 0, y = 0, z = 0;
    for (const p of pts) {
      const dx = p.x - c.x, dy = p.y - c.y, dz = p.z - c.z;
      const dot = dx * a.x + dy * a.y + dz * a.z;
      x += dot * dx; y += dot * dy; z += dot * dz;
    }
    const l = Math.hypot(x, y, z);
    if (!(l > 0)) break;
    a = { x: x / l, y: y / l, z: z / l };
  }
  return { centre: c, axis: a };
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

export function perpendicular(a: Vec3): Vec3 {
  const ref = Math.abs(a.x) < 0.9 ? { x: 1, y: 0, z: 0 } : { x: 0, y: 1, z: 0 };
  const p = cross(ref, a);
  const l = Math.hypot(p.x, p.y, p.z);
  return { x: p.x / l, y: p.y / l, z: p.z / l };
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

/** Å: the α-helix's pitch (3.6 residues × 1.5 Å) */
export const HELIX_PITCH = 5.4;

/**
 * Per radius, the amplitude of the tube's first-order helical modulation winding right-handed
 * (cos(φ − 2πz/P − ψ)) and left-handed (cos(φ + 2πz/P − ψ)), maximised over every rotation ψ
 * (equivalently every axial shift) in closed form: the modulus of the (n = 1, ±1/P) Fourier
 * coefficient of the ring samples, Hann-windowed along the axis. The mean over z of the n = 1
 * component (an axis that misses the density's centre) is removed first: it carries no hand.
 */
export function layerLine(s: PolarSamples, pitch = HELIX_PITCH): { right: Float64Array; left: Float64Array; power: Float64Array } {
  const R = POLAR_RADII.length, A = POLAR_ANGLES, nz = s.nz;
  const right = new Float64Array(R), left = new Float64Array(R), power = new Float64Array(R);
  // a pure wave cos(φ − 2πz/P) has |amplitude|² = (A/2)² (Σw)² and windowed power (A/2) Σw²: power is scaled to match
  let sw = 0, sw2 = 0;
  for (let iz = 0; iz < nz; iz++) { const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (iz + 0.5)) / nz); sw += w; sw2 += w * w; }
  const scale = ((A / 2) * sw * sw) / sw2;
  const re = new Float64Array(nz), im = new Float64Array(nz);
  for (let ir = 0; ir < R; ir++) {
    let mr = 0, mi = 0;
    for (let iz = 0; iz < nz; iz++) {
      let a1 = 0, b1 = 0;
      const base = (iz * R + ir) * A;
      for (let a = 0; a < A; a++) {
        const phi = (2 * Math.PI * a) / A;
        a1 += s.residual[base + a]! * Math.cos(phi);
        b1 -= s.residual[base + a]! * Math.sin(phi);
      }
      re[iz] = a1; im[iz] = b1; mr += a1 / nz; mi += b1 / nz;
    }
    let pr = 0, pi = 0, qr = 0, qi = 0;
    for (let iz = 0; iz < nz; iz++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (iz + 0.5)) / nz);
      const x = (re[iz]! - mr) * w, y = (im[iz]! - mi) * w;
      for (let a = 0; a < A; a++) power[ir]! += (s.residual[(iz * R + ir) * A + a]! * w) ** 2 * scale;
      const th = (2 * Math.PI * (iz - (nz - 1) / 2)) / pitch;
      const c = Math.cos(th), sn = Math.sin(th);
      // right-handed: c1(z) ∝ e^{−iθ}, so multiply by e^{+iθ}; left-handed by e^{−iθ}
      pr += x * c - y * sn; pi += x * sn + y * c;
      qr += x * c + y * sn; qi += -x * sn + y * c;
    }
    right[ir] = Math.hypot(pr, pi);
    left[ir] = Math.hypot(qr, qi);
  }
  return { right, left, power };
}

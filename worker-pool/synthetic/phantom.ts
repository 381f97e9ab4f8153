/**
 * A pseudo-atomic phantom map: a few ideal α-helices and a random-walk Cα chain, each atom a
 * Gaussian whose width sets the resolution (σ = 0.225·R, the convention of Chimera's molmap),
 * plus seeded Gaussian noise. Deterministic for a seed, so a fresh clone can make the same
 * sample map (`vrs sample`) and tests can place helices exactly where they want them.
 */
import { sharedFloat32, type Vec3, type Volume } from '../volume.js';
import { gaussian, mulberry32 } from './random.js';

export interface HelixSpec {
  /** Å, centre of the helix axis (map frame: voxel (0,0,0) at 0) */
  center: Vec3;
  /** direction of the axis (normalised here) */
  axis: Vec3;
  residues: number;
  /** right-handed is the natural α-helix; 'left' gives its mirror image */
  hand?: 'right' | 'left';
}

export interface PhantomSpec {
  /** voxels along each axis (cubic box) */
  size: number;
  /** Å per voxel */
  voxelSize: number;
  /** Å: atoms are Gaussians of σ = 0.225·resolution */
  resolution: number;
  seed: number;
  /** default: 5 helices placed from the seed */
  helices?: HelixSpec[];
  /** residues of the random-walk Cα chain (default: scales with the box; 0 for none) */
  chainResidues?: number;
  /** noise standard deviation as a fraction of the noiseless peak (default 0.05) */
  noise?: number;
}

export interface Atom {
  x: number;
  y: number;
  z: number;
  /** electrons (C 6, N 7, O 8; a lumped Cα pseudo-atom more) */
  weight: number;
}

/** α-helix geometry: 3.6 residues per turn (100° per residue), 1.5 Å rise. */
const TURN_PER_RESIDUE = (100 * Math.PI) / 180;
const RISE = 1.5;
/** Backbone atoms (+ Cβ) of one residue: radius Å, phase offset rad, axial offset Å, weight. */
const RESIDUE_ATOMS: readonly [number, number, number, number][] = [
  [1.55, -0.49, -0.53, 7], // N
  [2.3, 0, 0, 6], // Cα
  [1.6, 0.49, 0.62, 6], // C
  [1.95, 0.61, 1.75, 8], // O
  [3.3, -0.2, -0.5, 6], // Cβ
];

export function helixAtoms(h: HelixSpec): Atom[] {
  const len = Math.hypot(h.axis.x, h.axis.y, h.axis.z) || 1;
  const a = { x: h.axis.x / len, y: h.axis.y / len, z: h.axis.z / len };
  // an orthonormal frame (u, v, a)
  const ref = Math.abs(a.x) < 0.9 ? { x: 1, y: 0, z: 0 } : { x: 0, y: 1, z: 0 };
  const u = normalise(cross(ref, a));
  const v = cross(a, u);
  const sign = h.hand === 'left' ? -1 : 1;
  const atoms: Atom[] = [];
  const mid = ((h.residues - 1) * RISE) / 2;
  for (let i = 0; i < h.residues; i++) {
    for (const [r, phase, dz, w] of RESIDUE_ATOMS) {
      const ang = sign * (i * TURN_PER_RESIDUE + phase);
      const t = i * RISE + dz - mid;
      const cu = r * Math.cos(ang), cv = r * Math.sin(ang);
      atoms.push({
        x: h.center.x + cu * u.x + cv * v.x + t * a.x,
        y: h.center.y + cu * u.y + cv * v.y + t * a.y,
        z: h.center.z + cu * u.z + cv * v.z + t * a.z,
        weight: w,
      });
    }
  }
  return atoms;
}

/** Helices placed from the seed inside the central half of the box, axes random. */
export function defaultHelices(size: number, voxelSize: number, seed: number, count = 5): HelixSpec[] {
  const rnd = mulberry32(seed ^ 0x9e3779b9);
  const box = size * voxelSize;
  const residues = Math.max(8, Math.min(20, Math.floor((0.3 * box) / RISE)));
  const out: HelixSpec[] = [];
  for (let k = 0; k < count; k++) {
    const axis = normalise({ x: gaussian(rnd), y: gaussian(rnd), z: gaussian(rnd) });
    out.push({
      center: { x: box * (0.3 + 0.4 * rnd()), y: box * (0.3 + 0.4 * rnd()), z: box * (0.3 + 0.4 * rnd()) },
      axis,
      residues,
      hand: 'right',
    });
  }
  return out;
}

/** A random walk of Cα pseudo-atoms 3.8 Å apart, pulled back towards the box centre. */
export function chainAtoms(size: number, voxelSize: number, seed: number, residues: number): Atom[] {
  const rnd = mulberry32(seed ^ 0x51ed270b);
  const box = size * voxelSize;
  const c = box / 2;
  const limit = 0.3 * box;
  let p = { x: c + (rnd() - 0.5) * 0.2 * box, y: c + (rnd() - 0.5) * 0.2 * box, z: c + (rnd() - 0.5) * 0.2 * box };
  const atoms: Atom[] = [];
  for (let i = 0; i < residues; i++) {
    atoms.push({ ...p, weight: 20 }); // a residue's worth of electrons lumped on Cα
    let d = normalise({ x: gaussian(rnd), y: gaussian(rnd), z: gaussian(rnd) });
    const off = { x: p.x - c, y: p.y - c, z: p.z - c };
    const r = Math.hypot(off.x, off.y, off.z);
    if (r > limit) d = normalise({ x: d.x - (2 * off.x) / r, y: d.y - (2 * off.y) / r, z: d.z - (2 * off.z) / r });
    p = { x: p.x + 3.8 * d.x, y: p.y + 3.8 * d.y, z: p.z + 3.8 * d.z };
  }
  return atoms;
}

/** Sums Gaussians of std σ (Å) into a grid; each atom touches only the voxels within 3σ. */
export function splatAtoms(atoms: Atom[], out: Float32Array, size: number, voxelSize: number, sigma: number): void {
  const reach = Math.ceil((3 * sigma) / voxelSize);
  const inv2s2 = 1 / (2 * sigma * sigma);
  for (const at of atoms) {
    const cx = at.x / voxelSize, cy = at.y / voxelSize, cz = at.z / voxelSize;
    const x0 = Math.max(0, Math.floor(cx) - reach), x1 = Math.min(size - 1, Math.ceil(cx) + reach);
    const y0 = Math.max(0, Math.floor(cy) - reach), y1 = Math.min(size - 1, Math.ceil(cy) + reach);
    const z0 = Math.max(0, Math.floor(cz) - reach), z1 = Math.min(size - 1, Math.ceil(cz) + reach);
    for (let z = z0; z <= z1; z++) {
      const dz = (z - cz) * voxelSize;
      for (let y = y0; y <= y1; y++) {
        const dy = (y - cy) * voxelSize;
        const row = size * (y + size * z);
        for (let x = x0; x <= x1; x++) {
          const dx = (x - cx) * voxelSize;
          out[row + x]! += at.weight * Math.exp(-(dx * dx + dy * dy + dz * dz) * inv2s2);
        }
      }
    }
  }
}

/** The phantom as a Volume (values scaled so the noiseless peak is 1). */
export function renderPhantom(spec: PhantomSpec): Volume {
  const { size, voxelSize, resolution, seed } = spec;
  const helices = spec.helices ?? defaultHelices(size, voxelSize, seed);
  const chain = spec.chainResidues ?? Math.round(Math.min(400, (size * voxelSize) ** 3 / 4000));
  const atoms = helices.flatMap(helixAtoms).concat(chain > 0 ? chainAtoms(size, voxelSize, seed, chain) : []);
  const data = sharedFloat32(size ** 3);
  splatAtoms(atoms, data, size, voxelSize, 0.225 * resolution);
  let peak = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > peak) peak = data[i]!;
  const scale = peak > 0 ? 1 / peak : 1;
  const noise = spec.noise ?? 0.05;
  const rnd = mulberry32(seed);
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * scale + (noise > 0 ? noise * gaussian(rnd) : 0);
  return {
    nx: size,
    ny: size,
    nz: size,
    data,
    voxelSize: { x: voxelSize, y: voxelSize, z: voxelSize },
    origin: { x: 0, y: 0, z: 0 },
  };
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

function normalise(a: Vec3): Vec3 {
  const l = Math.hypot(a.x, a.y, a.z) || 1;
  return { x: a.x / l, y: a.y / l, z: a.z / l };
}

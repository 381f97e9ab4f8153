/**
 * The model map: an atomic model's electrostatic potential on a map's grid, as cryo-EM sees it.
 * Each atom is its electron scattering factor (five Gaussians, scattering-factors.ts) blurred by
 * its isotropic B, in real space:
 *
 *   ρ(r) = occ · Σ_i a_i (4π / (b_i + B))^{3/2} exp(−4π² r² / (b_i + B))
 *
 * sampled at the grid points (origin + index · voxel size), as gemmi's DensityCalculatorE does
 * (its test fixture). Each atom is splatted only within the radius where its Gaussians fall
 * below `cutoff` (separable: per axis exponentials, multiplied), never by looping over all atoms
 * per voxel. Atoms outside the box add only the part of their density that falls inside it (the
 * box is not periodic). `lowPassToResolution` then limits the map to a resolution.
 */
import { sharedFloat32, type Dims, type Vec3 } from '../../volume.js';
import { rfft3d, irfft3d } from '../fft/fft3d.js';
import { applyRadialFilter } from '../fourier/filters.js';
import { electronScattering } from './scattering-factors.js';

/** The atoms the model map reads (a ModelInput fits). */
export interface AtomArrays {
  atomCount: number;
  /** Å */
  x: Float32Array;
  y: Float32Array;
  z: Float32Array;
  /** Å² */
  bFactor: Float32Array;
  occupancy: Float32Array;
  atomicNumber: Uint8Array;
}

/** Where the map's voxels are: voxel (i, j, k) is at origin + (i·vx, j·vy, k·vz) Å. */
export interface GridGeometry extends Dims {
  voxelSize: Vec3;
  origin: Vec3;
}

/** Å²: the B used for an atom whose B is not a positive number (a model with B = 0 throughout). */
export const DEFAULT_B_FACTOR = 30;
/** Density below which an atom's Gaussian tails are dropped (gemmi's DensityCalculator default). */
export const DEFAULT_DENSITY_CUTOFF = 1e-5;

export interface ModelDensityOptions {
  /** Å² for atoms without a positive B (default DEFAULT_B_FACTOR). */
  defaultB?: number;
  /** Å² added to every atom's B (default 0). */
  blur?: number;
  /** density units (default DEFAULT_DENSITY_CUTOFF). */
  cutoff?: number;
  /** Å added to every atom's position (placement trials); default none. */
  shift?: Vec3;
  /** Array to add to (zero-filled for a fresh map); default a new one on a SharedArrayBuffer. */
  output?: Float32Array;
}

const FOUR_PI = 4 * Math.PI;
const FOUR_PI2 = 4 * Math.PI * Math.PI;

/** The B an atom is rendered with. */
export function effectiveB(b: number, defaultB = DEFAULT_B_FACTOR): number {
  return Number.isFinite(b) && b > 0 ? b : defaultB;
}

/** Grows a scratch array to at least n values. */
function ensure(a: Float64Array, n: number): Float64Array {
  return a.length >= n ? a : new Float64Array(2 * n);
}

/**
 * Adds the model's density to `output` (or a new zero-filled array) and returns it.
 */
export function modelDensity(atoms: AtomArrays, grid: GridGeometry, options: ModelDensityOptions = {}): Float32Array {
  const { nx, ny, nz } = grid;
  const out = options.output ?? sharedFloat32(nx * ny * nz);
  const cutoff = options.cutoff ?? DEFAULT_DENSITY_CUTOFF;
  const defaultB = options.defaultB ?? DEFAULT_B_FACTOR;
  const blur = options.blur ?? 0;
  const shift = options.shift ?? { x: 0, y: 0, z: 0 };
  const v = grid.voxelSize, o = grid.origin;
  let ex: Float64Array = new Float64Array(64), ey: Float64Array = new Float64Array(64), ez: Float64Array = new Float64Array(64);
  const amp = new Float64Array(5), k = new Float64Array(5);
  for (let n = 0; n < atoms.atomCount; n++) {
    const occ = atoms.occupancy[n]!;
    if (!(occ > 0)) continue;
    const B = effectiveB(atoms.bFactor[n]!, defaultB) + blur;
    const { a, b } = electronScattering(atoms.atomicNumber[n]!);
    // radius: where the widest significant Gaussian falls below the cutoff
    let r2 = 0;
    for (let i = 0; i < 5; i++) {
      const bt = b[i]! + B;
      amp[i] = occ * a[i]! * Math.pow(FOUR_PI / bt, 1.5);
      k[i] = FOUR_PI2 / bt;
      if (amp[i]! > cutoff) r2 = Math.max(r2, Math.log(amp[i]! / cutoff) / k[i]!);
    }
    if (r2 === 0) continue;
    const r = Math.sqrt(r2);
    const px = atoms.x[n]! + shift.x, py = atoms.y[n]! + shift.y, pz = atoms.z[n]! + shift.z;
    const x0 = Math.max(0, Math.ceil((px - r - o.x) / v.x)), x1 = Math.min(nx - 1, Math.floor((px + r - o.x) / v.x));
    const y0 = Math.max(0, Math.ceil((py - r - o.y) / v.y)), y1 = Math.min(ny - 1, Math.floor((py + r - o.y) / v.y));
    const z0 = Math.max(0, Math.ceil((pz - r - o.z) / v.z)), z1 = Math.min(nz - 1, Math.floor((pz + r - o.z) / v.z));
    if (x0 > x1 || y0 > y1 || z0 > z1) continue;
    const lx = x1 - x0 + 1, ly = y1 - y0 + 1, lz = z1 - z0 + 1;
    ex = ensure(ex, 5 * lx); ey = ensure(ey, 5 * ly); ez = ensure(ez, 5 * lz);
    // separable Gaussians: exp(−k r²) = exp(−k dx²)·exp(−k dy²)·exp(−k dz²); the amplitude goes on z
    for (let i = 0; i < 5; i++) {
      const ki = k[i]!;
      for (let t = 0; t < lx; t++) { const d = o.x + (x0 + t) * v.x - px; ex[i * lx + t] = Math.exp(-ki * d * d); }
      for (let t = 0; t < ly; t++) { const d = o.y + (y0 + t) * v.y - py; ey[i * ly + t] = Math.exp(-ki * d * d); }
      for (let t = 0; t < lz; t++) { const d = o.z + (z0 + t) * v.z - pz; ez[i * lz + t] = amp[i]! * Math.exp(-ki * d * d); }
    }
    const floor = cutoff * 1e-3; // rows whose weight is this small add nothing visible
    for (let tz = 0; tz < lz; tz++) {
      for (let ty = 0; ty < ly; ty++) {
        const row = ((z0 + tz) * ny + (y0 + ty)) * nx + x0;
        for (let i = 0; i < 5; i++) {
          const w = ez[i * lz + tz]! * ey[i * ly + ty]!;
          if (w < floor) continue;
          const base = i * lx;
          for (let t = 0; t < lx; t++) out[row + t] += w * ex[base + t]!;
        }
      }
    }
  }
  return out;
}

/** How many atoms (of those with positive occupancy) lie inside the grid's box. */
export function atomsInsideBox(atoms: AtomArrays, grid: GridGeometry, shift: Vec3 = { x: 0, y: 0, z: 0 }): number {
  const v = grid.voxelSize, o = grid.origin;
  let inside = 0;
  for (let n = 0; n < atoms.atomCount; n++) {
    const ux = (atoms.x[n]! + shift.x - o.x) / v.x, uy = (atoms.y[n]! + shift.y - o.y) / v.y, uz = (atoms.z[n]! + shift.z - o.z) / v.z;
    if (ux >= 0 && uy >= 0 && uz >= 0 && ux <= grid.nx - 1 && uy <= grid.ny - 1 && uz <= grid.nz - 1) inside++;
  }
  return inside;
}

/**
 * The map limited to a resolution: Fourier coefficients beyond 1/resolution set to zero (a hard
 * cut, as a model map computed from structure factors to d_min; phenix's model maps are made so).
 * `voxelSize` in Å (cubic voxels); returns a new array.
 */
export function lowPassToResolution(data: Float32Array, d: Dims, voxelSize: number, resolution: number, threads?: number): Float32Array {
  const spec = rfft3d(data, d, { normalize: 'backward', threads });
  const fc = voxelSize / resolution; // cycles per voxel
  applyRadialFilter(spec, d, (f) => (f <= fc ? 1 : 0));
  return irfft3d(spec, d, { normalize: 'backward', threads, overwriteInput: true });
}

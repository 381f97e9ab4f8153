/**
 * Ideal α-helix templates for the hand test (0.h, level0.md §6.4): a right- or left-handed
 * helix (3.6 residues per turn, 1.5 Å rise, 5.4 Å pitch; N, Cα, C, O, Cβ on radii ≈ 1.55, 2.3,
 * 1.6, 1.95, 3.3 Å) along z through the centre of a 1 Å/px box, each atom a Gaussian of
 * σ = 0.225·R (the convention of Chimera's molmap), then low-passed at the same cutoff as the
 * map it is compared with. The atom geometry is the one of the synthetic phantoms
 * (synthetic/phantom.ts), so there is a single definition of "an ideal α-helix" in the code.
 */
import type { Dims } from '../volume.js';
import { helixAtoms, splatAtoms } from '../synthetic/phantom.js';
import { irfft3d, rfft3d } from './fft/fft3d.js';
import { lowPass } from './fourier/filters.js';

/** Template box edge (voxels of 1 Å): a 32-residue (46.5 Å) helix fits with room for the filter. */
export const TEMPLATE_BOX = 56;
export const TEMPLATE_RESIDUES = 32;

export interface HelixTemplate {
  hand: 'right' | 'left';
  /** 1 Å per voxel, x fastest, helix axis along z through (c, c, ·), c = TEMPLATE_BOX/2 */
  data: Float32Array;
  dims: Dims;
  centre: number;
}

/**
 * The template map. `resolution` (Å) sets the atoms' blur, `filterResolution` (Å) the
 * raised-cosine low-pass applied to the map too.
 */
export function helixTemplate(hand: 'right' | 'left', resolution: number, filterResolution: number): HelixTemplate {
  const n = TEMPLATE_BOX;
  const c = n / 2;
  const atoms = helixAtoms({ center: { x: c, y: c, z: c }, axis: { x: 0, y: 0, z: 1 }, residues: TEMPLATE_RESIDUES, hand });
  const grid = new Float32Array(new SharedArrayBuffer(n * n * n * 4));
  splatAtoms(atoms, grid, n, 1, 0.225 * resolution);
  const dims = { nx: n, ny: n, nz: n };
  const spec = rfft3d(grid, dims, { normalize: 'forward', threads: 1 });
  lowPass(spec, dims, Math.min(0.5, 1 / filterResolution));
  const data = irfft3d(spec, dims, { normalize: 'forward', threads: 1, overwriteInput: true });
  return { hand, data, dims, centre: c };
}

/** Integer points (Å, template frame) of a cylinder of radius r and half-length h about the z axis. */
export function cylinderPoints(radius: number, halfLength: number): Int8Array {
  const pts: number[] = [];
  const r = Math.floor(radius);
  const h = Math.floor(halfLength);
  for (let z = -h; z <= h; z++)
    for (let y = -r; y <= r; y++)
      for (let x = -r; x <= r; x++) if (x * x + y * y <= radius * radius) pts.push(x, y, z);
  return Int8Array.from(pts);
}

/**
 * Template values at the points, centred (zero mean) and scaled to unit norm, so that the
 * normalised cross-correlation with samples m is Σ m·t / √(Σm² − n·m̄²).
 */
export function templateAt(t: HelixTemplate, points: Int8Array): Float64Array {
  const n = points.length / 3;
  const out = new Float64Array(n);
  const { nx, ny } = t.dims;
  const c = t.centre;
  let mean = 0;
  for (let k = 0; k < n; k++) {
    const v = t.data[c + points[3 * k]! + nx * (c + points[3 * k + 1]! + ny * (c + points[3 * k + 2]!))]!;
    out[k] = v;
    mean += v;
  }
  mean /= n;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    out[k]! -= mean;
    ss += out[k]! * out[k]!;
  }
  const s = ss > 0 ? 1 / Math.sqrt(ss) : 0;
  for (let k = 0; k < n; k++) out[k]! *= s;
  return out;
}

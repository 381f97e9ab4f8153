/**
 * Ideal α-helix templates for the hand test (0.h, level0.md §6.4): a right- or left-handed
 * helix (3.6 residues per turn, 1.5 Å rise, 5.4 Å pitch; N, Cα, C, O, Cβ on radii ≈ 1.55, 2.3,
 * 1.6, 1.95, 3.3 Å) along z through the centre of a 1 Å/px box, each atom a Gaussian of
 * σ = 0.225·R (the convention of Chimera's molmap), then low-passed at the same cutoff as the
 * map it is compared with. The atom geometry is the one of the synthetic phantoms
 * (synthetic/phantom.ts), so there is a single definition of "an ideal α-helix" in the code.
 */
import { sharedFloat32, type Dims } from '../volume.js';
import { helixAtoms, splatAtoms } from '../synthetic/phantom.js';
import { irfft3d, rfft3d } from './fft/fft3d.js';
import { lowPass } from './fourier/filters.js';
import { guinierFit, guinierPoints, guinierShells, sharpenSpectrum } from './fourier/guinier.js';

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
 * raised-cosine low-pass applied to the map too. `guinierSlope` (Å², ln|F| per 1/d², the map's
 * Guinier slope between 15 Å and `resolution`, 0.d's fit) gives the template the map's B: its own
 * slope over the same shells is measured and the difference applied as exp(Δ·s²); null keeps the
 * atoms' blur alone.
 */
export function helixTemplate(hand: 'right' | 'left', resolution: number, filterResolution: number, guinierSlope: number | null = null): HelixTemplate {
  const n = TEMPLATE_BOX;
  const c = n / 2;
  const atoms = helixAtoms({ center: { x: c, y: c, z: c }, axis: { x: 0, y: 0, z: 1 }, residues: TEMPLATE_RESIDUES, hand });
  const grid = sharedFloat32(n * n * n);
  splatAtoms(atoms, grid, n, 1, 0.225 * resolution);
  const dims = { nx: n, ny: n, nz: n };
  const spec = rfft3d(grid, dims, { normalize: 'forward', threads: 1 });
  // the map's B: the template's fall-off between 15 Å and R made the map's (0.d's Guinier fit on both)
  const own = guinierSlope === null ? null : guinierFit(guinierPoints(guinierShells(spec, dims), n, 1, resolution));
  if (own && guinierSlope !== null) sharpenSpectrum(spec, dims, 1, 4 * (own.slope - guinierSlope), filterResolution);
  lowPass(spec, dims, Math.min(0.5, 1 / filterResolution));
  const data = irfft3d(spec, dims, { normalize: 'forward', threads: 1, overwriteInput: true });
  return { hand, data, dims, centre: c };
}

/**
 * Test cases of Level A: a map the tests make from a real model (Chimera molmap's Gaussians,
 * worker-pool/synthetic/model-to-map.ts: not the model map Level A computes, so the fit is not
 * circular), limited to a resolution with a hard cut, plus seeded noise; the model moved so the
 * map's first voxel is at the origin (0, 0, 0), and the model shifted or mirrored.
 */
import { join } from 'node:path';
import type { Volume } from '../../volume.js';
import { packModel, type ModelInput } from '../../io/model.js';
import { readModelFile, type ParsedAtom } from '../../io/pdb.js';
import { REAL_MODELS_DIR } from '../../paths.js';
import { modelToMap } from '../../synthetic/model-to-map.js';
import { gaussian, mulberry32 } from '../../synthetic/random.js';
import { lowPassToResolution } from '../../kernels/model-map/model-map.js';
import { movedModel, mirroredModel as mirrorModel } from '../../testing/model-maps.js';

export interface SyntheticCase {
  map: Volume;
  model: ModelInput;
  atoms: ParsedAtom[];
  /** Å: the map's first voxel in the model file's own frame (a map with this origin fits the file as it is) */
  fileFrameOrigin: { x: number; y: number; z: number };
  /** with `halves`: the two half maps (the signal plus independent noise each); `map` is their average */
  half1?: Float32Array;
  half2?: Float32Array;
}

/** The map of a real model at `resolution` Å (hard cut) with noise of `noise` × the map's std. */
export function syntheticFitCase(file = '3MFP_tempy_modeller.pdb', o: { resolution?: number; voxelSize?: number; noise?: number; seed?: number; size?: number; halves?: boolean } = {}): SyntheticCase {
  const resolution = o.resolution ?? 4, voxelSize = o.voxelSize ?? 1.2, noise = o.noise ?? 0.1;
  const read = readModelFile(join(REAL_MODELS_DIR, file));
  // `size`: the box side in voxels (the margin around the model that gives it)
  const extent = Math.max(...(['x', 'y', 'z'] as const).map((k) => Math.max(...read.map((a) => a[k])) - Math.min(...read.map((a) => a[k]))));
  const margin = o.size ? (o.size * voxelSize - extent) / 2 - voxelSize / 2 : 10;
  const o0 = modelToMap(read, { voxelSize, resolution, margin }).origin;
  // the model in the frame whose origin is (0, 0, 0): the placement trial "ZERO" finds header-origin errors there
  const atoms = read.map((a) => ({ ...a, x: a.x - o0.x, y: a.y - o0.y, z: a.z - o0.z }));
  const raw = modelToMap(atoms, { voxelSize, resolution, margin });
  const d = { nx: raw.nx, ny: raw.ny, nz: raw.nz };
  const data = lowPassToResolution(raw.data, d, voxelSize, resolution);
  let s2 = 0;
  for (const v of data) s2 += v * v;
  const sd = Math.sqrt(s2 / data.length), rnd = mulberry32(o.seed ?? 7);
  const model = packModel({ format: 'PDB', atoms, models: 1, alternateLocationsDropped: 0 }).model;
  if (o.halves) {
    // white noise of `noise` × the signal's std in each half: the halves' FSC falls to 0 past the hard cut
    const half1 = new Float32Array(data.length), half2 = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      half1[i] = data[i]! + noise * sd * gaussian(rnd);
      half2[i] = data[i]! + noise * sd * gaussian(rnd);
      data[i] = (half1[i]! + half2[i]!) / 2;
    }
    return { map: { ...raw, data, origin: { x: 0, y: 0, z: 0 } }, model, atoms, fileFrameOrigin: o0, half1, half2 };
  }
  for (let i = 0; i < data.length; i++) data[i] = data[i]! + noise * sd * gaussian(rnd);
  const map: Volume = { ...raw, data, origin: { x: 0, y: 0, z: 0 } };
  return { map, model, atoms, fileFrameOrigin: o0 };
}

/** The model moved by (dx, dy, dz) Å (testing/model-maps.ts's movedModel on the case's model). */
export function shiftedModel(c: SyntheticCase, dx: number, dy: number, dz: number): ModelInput {
  return movedModel(c.model, (x, y, z) => [x + dx, y + dy, z + dz]);
}

/** The model's mirror image through the plane x = its mean x (the wrong hand, same place; testing/model-maps.ts). */
export function mirroredModel(c: SyntheticCase): ModelInput {
  return mirrorModel(c.model);
}

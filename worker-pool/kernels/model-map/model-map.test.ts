/**
 * The model map against gemmi's DensityCalculatorE on a real model (fixture recorded with the
 * command in fixtures/make_model_map_fixture.py), against the formula on single atoms, and the
 * resolution limit against its definition (no power beyond 1/d, nothing changed below it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../io/model.js';
import { REAL_MODELS_DIR, REPO_ROOT } from '../../paths.js';
import { rfft3d } from '../fft/fft3d.js';
import { forEachFrequency } from '../fourier/frequency.js';
import { atomsInsideBox, lowPassToResolution, modelDensity, type AtomArrays, type GridGeometry } from './model-map.js';
import { electronScattering } from './scattering-factors.js';

const FIXTURES = join(REPO_ROOT, 'worker-pool', 'kernels', 'model-map', 'fixtures');

function rms(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s / a.length);
}

function atoms(list: { x: number; y: number; z: number; b: number; z_: number; occ?: number }[]): AtomArrays {
  return {
    atomCount: list.length,
    x: Float32Array.from(list, (a) => a.x), y: Float32Array.from(list, (a) => a.y), z: Float32Array.from(list, (a) => a.z),
    bFactor: Float32Array.from(list, (a) => a.b), occupancy: Float32Array.from(list, (a) => a.occ ?? 1),
    atomicNumber: Uint8Array.from(list, (a) => a.z_),
  };
}

describe('model map (electron scattering factors, Peng 1996)', () => {
  it('equals gemmi DensityCalculatorE on 1A8O within 1 % RMS (non-cubic box, off-grid origin)', async () => {
    const meta = JSON.parse(readFileSync(join(FIXTURES, '1a8o-gemmi-e.json'), 'utf8'));
    const raw = gunzipSync(readFileSync(join(FIXTURES, '1a8o-gemmi-e.f32.gz')));
    const reference = new Float32Array(new Uint8Array(raw).buffer);
    const { model } = await readModel(join(REAL_MODELS_DIR, '1A8O.pdb.gz'));
    expect(model.atomCount).toBe(meta.atoms);
    const vs = meta.voxelSize;
    const grid: GridGeometry = { ...meta.dims, voxelSize: { x: vs, y: vs, z: vs }, origin: meta.origin };
    const ours = modelDensity(model, grid);
    expect(ours.length).toBe(reference.length);
    const diff = ours.map((v, i) => v - reference[i]!);
    const relative = rms(diff) / rms(reference);
    expect(relative).toBeLessThan(0.01);
    // and the values are not trivially small: the same peak height as gemmi's
    const peak = (a: Float32Array) => a.reduce((m, v) => Math.max(m, v), 0);
    expect(peak(ours) / peak(reference)).toBeCloseTo(1, 2);
    expect(atomsInsideBox(model, grid)).toBe(model.atomCount);
  });

  it('one atom: ρ(r) = occ·Σ a_i (4π/(b_i+B))^1.5 exp(−4π² r²/(b_i+B)) at every grid point', () => {
    const grid: GridGeometry = { nx: 21, ny: 21, nz: 21, voxelSize: { x: 0.5, y: 0.5, z: 0.5 }, origin: { x: -5, y: -5, z: -5 } };
    for (const [Z, B, occ] of [[6, 20, 1], [8, 50, 0.5], [26, 10, 1]] as const) {
      const at = { x: 0.13, y: -0.4, z: 0.71 };
      const map = modelDensity(atoms([{ ...at, b: B, z_: Z, occ }]), grid, { cutoff: 1e-9 });
      const { a, b } = electronScattering(Z);
      let worst = 0;
      for (let k = 0; k < 21; k++) for (let j = 0; j < 21; j++) for (let i = 0; i < 21; i++) {
        const r2 = (-5 + i * 0.5 - at.x) ** 2 + (-5 + j * 0.5 - at.y) ** 2 + (-5 + k * 0.5 - at.z) ** 2;
        let rho = 0;
        for (let t = 0; t < 5; t++) rho += occ * a[t]! * Math.pow((4 * Math.PI) / (b[t]! + B), 1.5) * Math.exp((-4 * Math.PI * Math.PI * r2) / (b[t]! + B));
        worst = Math.max(worst, Math.abs(map[i + 21 * (j + 21 * k)]! - rho));
      }
      expect(worst).toBeLessThan(1e-6);
    }
    // an atom's integral is f(0) = Σ a_i (Å, the scattering factor at s = 0)
    const fine: GridGeometry = { nx: 60, ny: 60, nz: 60, voxelSize: { x: 0.25, y: 0.25, z: 0.25 }, origin: { x: -7.5, y: -7.5, z: -7.5 } };
    const m = modelDensity(atoms([{ x: 0, y: 0, z: 0, b: 30, z_: 6 }]), fine, { cutoff: 1e-9 });
    const integral = m.reduce((s, v) => s + v, 0) * 0.25 ** 3;
    expect(integral).toBeCloseTo(electronScattering(6).a.reduce((s, v) => s + v, 0), 3);
  });

  it('atoms without a positive B get the default B; atoms outside the box add only what falls inside', () => {
    const grid: GridGeometry = { nx: 16, ny: 16, nz: 16, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } };
    const zeroB = modelDensity(atoms([{ x: 8, y: 8, z: 8, b: 0, z_: 6 }]), grid, { defaultB: 25 });
    const b25 = modelDensity(atoms([{ x: 8, y: 8, z: 8, b: 25, z_: 6 }]), grid);
    expect(Array.from(zeroB)).toEqual(Array.from(b25));
    const outside = atoms([{ x: -1.5, y: 8, z: 8, b: 20, z_: 6 }, { x: 100, y: 8, z: 8, b: 20, z_: 6 }]);
    const m = modelDensity(outside, grid);
    expect(m[0 + 16 * (8 + 16 * 8)]).toBeGreaterThan(0);
    expect(m[15 + 16 * (8 + 16 * 8)]).toBe(0);
    expect(atomsInsideBox(outside, grid)).toBe(0);
  });

  it('limited to a resolution: no power beyond 1/d, every coefficient below it unchanged', () => {
    const d = { nx: 32, ny: 30, nz: 28 };
    const grid: GridGeometry = { ...d, voxelSize: { x: 1.2, y: 1.2, z: 1.2 }, origin: { x: 0, y: 0, z: 0 } };
    const list = Array.from({ length: 40 }, (_, i) => ({ x: 8 + (i * 7.3) % 20, y: 6 + (i * 3.1) % 20, z: 5 + (i * 5.7) % 18, b: 5, z_: 6 }));
    const sharp = modelDensity(atoms(list), grid);
    const low = lowPassToResolution(sharp, d, 1.2, 4, 1);
    const before = rfft3d(sharp, d, { normalize: 'none', threads: 1 }), after = rfft3d(low, d, { normalize: 'none', threads: 1 });
    let beyond = 0, total = 0, changed = 0;
    forEachFrequency(d, (i, f2) => {
      const p = after[2 * i]! ** 2 + after[2 * i + 1]! ** 2;
      total += before[2 * i]! ** 2 + before[2 * i + 1]! ** 2;
      if (Math.sqrt(f2) > 1.2 / 4 + 1e-9) beyond += p;
      else changed = Math.max(changed, Math.hypot(after[2 * i]! - before[2 * i]!, after[2 * i + 1]! - before[2 * i + 1]!));
    });
    expect(beyond / total).toBeLessThan(1e-10);
    expect(changed / Math.sqrt(total)).toBeLessThan(1e-5);
  });
});

/**
 * The Q-score of a real map and model against an independent numpy/scipy implementation of
 * MapQ's algorithm (fixtures/q_score_reference.py, its command in the JSON): emd_5168_monomer.mrc
 * (masked actin subunit of EMD-5168, non-zero ORIGIN) with 3MFP_tempy_modeller.pdb, 2,882 atoms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR, REAL_MODELS_DIR, REPO_ROOT } from '../../paths.js';
import { readMapFile } from '../../io/mrc/read.js';
import { readModel } from '../../io/model.js';
import { readModelFile } from '../../io/pdb.js';
import { qScores } from './q-score.js';

interface Reference {
  A: number;
  B: number;
  atoms: number;
  undefined: number;
  medianQ: number;
  atomQ: (number | null)[];
}

const loadRef = (): Reference => JSON.parse(readFileSync(join(REPO_ROOT, 'worker-pool/kernels/model/fixtures/q-score-reference.json'), 'utf8')) as Reference;

describe('Q-score against numpy (MapQ algorithm)', () => {
  it('matches every atom of 3MFP in emd_5168_monomer within 1e-6 with float64 coordinates', async () => {
    const r = loadRef();
    const { volume } = await readMapFile(join(REAL_MAPS_DIR, 'emd_5168_monomer.mrc'));
    const { model } = await readModel(join(REAL_MODELS_DIR, '3MFP_tempy_modeller.pdb'));
    const parsed = readModelFile(join(REAL_MODELS_DIR, '3MFP_tempy_modeller.pdb'));
    const atoms64 = { ...model, x: parsed.map((a) => a.x), y: parsed.map((a) => a.y), z: parsed.map((a) => a.z) };
    const q = qScores(volume, atoms64);
    let worst = 0;
    for (let i = 0; i < r.atoms; i++) if (r.atomQ[i] !== null) worst = Math.max(worst, Math.abs(q.atom[i]! - r.atomQ[i]!));
    expect(worst).toBeLessThan(1e-6);
  });

  it("with the model input's float32 coordinates: the same undefined atoms, all but 2 atoms within 1e-5, median within 1e-4", async () => {
    // float32 coordinates move a sphere point across another atom's 0.9·r limit for 2 atoms (5e-3, 4e-4)
    const ref_ = loadRef();
    const { volume } = await readMapFile(join(REAL_MAPS_DIR, 'emd_5168_monomer.mrc'));
    const { model } = await readModel(join(REAL_MODELS_DIR, '3MFP_tempy_modeller.pdb'));
    expect(model.atomCount).toBe(ref_.atoms);
    const q = qScores(volume, model);
    const ref = ref_;
    expect(q.reference.A).toBeCloseTo(ref.A, 3);
    expect(q.reference.B).toBeCloseTo(ref.B, 6);
    let worst = 0, undefinedCount = 0, off = 0;
    const defined: number[] = [];
    for (let i = 0; i < ref.atoms; i++) {
      const r = ref.atomQ[i]!;
      if (r === null) {
        expect(Number.isNaN(q.atom[i]!)).toBe(true);
        undefinedCount++;
        continue;
      }
      worst = Math.max(worst, Math.abs(q.atom[i]! - r));
      if (Math.abs(q.atom[i]! - r) > 1e-5) off++;
      defined.push(q.atom[i]!);
    }
    expect(undefinedCount).toBe(ref.undefined);
    expect(off).toBeLessThanOrEqual(2);
    expect(worst).toBeLessThan(0.01);
    defined.sort((a, b) => a - b);
    const m = defined.length;
    const median = m % 2 ? defined[(m - 1) / 2]! : (defined[m / 2 - 1]! + defined[m / 2]!) / 2;
    expect(median).toBeCloseTo(ref.medianQ, 4);
  });
});

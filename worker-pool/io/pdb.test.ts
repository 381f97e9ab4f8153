import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_MODELS_DIR, REPO_ROOT } from '../paths.js';
import { isVrsError } from '../errors.js';
import { parseMmcif, parsePdb, readModelFile } from './pdb.js';

// gemmi 0.5's reading of the same files (worker-pool/io/fixtures/model-atoms.py)
const gemmi = JSON.parse(readFileSync(join(REPO_ROOT, 'worker-pool/io/fixtures/model-atoms.json'), 'utf8')) as Record<
  string,
  { atoms: number; first: [number, number, number, string]; last: [number, number, number, string] }
>;

describe('readModelFile', () => {
  for (const [name, g] of Object.entries(gemmi)) {
    it(`reads ${name} as gemmi does (count, first and last atom)`, () => {
      const atoms = readModelFile(join(REAL_MODELS_DIR, name));
      expect(atoms.length).toBe(g.atoms);
      for (const [a, e] of [[atoms[0]!, g.first], [atoms.at(-1)!, g.last]] as const) {
        expect(a.x).toBeCloseTo(e[0], 3);
        expect(a.y).toBeCloseTo(e[1], 3);
        expect(a.z).toBeCloseTo(e[2], 3);
        expect(a.element).toBe(e[3]);
      }
    });
  }

  it('reads only the first model and, of equal occupancies, the first alternate location', () => {
    const line = (alt: string, x: string) => `ATOM      1  CA ${alt}ALA A   1    ${x}  10.000  20.000  1.00  0.00           C  `;
    const text = ['MODEL        1', line(' ', '   1.000'), line('A', '   2.000'), line('B', '   3.000'), 'ENDMDL', 'MODEL        2', line(' ', '   4.000')].join('\n');
    expect(parsePdb(text).map((a) => a.x)).toEqual([1, 2]);
  });

  it('takes the mmCIF columns by name, quoted tokens whole', () => {
    const cif = ['data_x', 'loop_', '_atom_site.group_PDB', '_atom_site.label_atom_id', '_atom_site.type_symbol', '_atom_site.Cartn_x', '_atom_site.Cartn_y', '_atom_site.Cartn_z',
      'HETATM "C1\'" C 1.5 2.5 3.5', 'ATOM FE FE 0 0 0', '#'].join('\n');
    const atoms = parseMmcif(cif);
    expect(atoms.map((a) => [a.name, a.element, a.x, a.hetero])).toEqual([["C1'", 'C', 1.5, true], ['FE', 'Fe', 0, false]]);
  });

  it('says what is wrong with a missing or atom-less file', () => {
    const codeOf = (f: () => unknown) => { try { f(); } catch (e) { return isVrsError(e) ? e.code : 'other'; } return 'none'; };
    expect(codeOf(() => readModelFile('/nonexistent/model.pdb'))).toBe('MODEL_NOT_FOUND');
    expect(codeOf(() => readModelFile(join(REPO_ROOT, 'package.json')))).toBe('MODEL_UNREADABLE');
  });
});

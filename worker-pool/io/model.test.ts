/**
 * The model reader on every real model (../shared/data/real/models, read in place), the
 * layouts it must cope with, and its refusals. Expected counts: ATOM/HETATM records of each
 * file (grep), minus the later alternate locations (1J6Z: 5 atoms in B; 7DDO: 7, which
 * gemmi's remove_alternative_conformations also drops: worker-pool/io/fixtures/model-atoms.json).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isVrsError } from '../errors.js';
import { REAL_MAPS_DIR, REAL_MODELS_DIR } from '../paths.js';
import { modelFromBytes, readModel } from './model.js';

const dir = mkdtempSync(join(tmpdir(), 'vrs-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = async (f: () => Promise<unknown> | unknown) => {
  try {
    await f();
  } catch (e) {
    return isVrsError(e) ? e.code : `other: ${String(e)}`;
  }
  return 'none';
};

const pdbLine = (serial: number, name: string, res: string, chain: string, seq: number, x: number, alt = ' ', element = 'C', record = 'ATOM  ', occupancy = 1) =>
  `${record}${String(serial).padStart(5)} ${name.padEnd(4)}${alt}${res.padStart(3)} ${chain}${String(seq).padStart(4)}    ${x.toFixed(3).padStart(8)}${'1.000'.padStart(8)}${'2.000'.padStart(8)}${occupancy.toFixed(2).padStart(6)} 20.00          ${element.padStart(2)}  `;

describe('real models', () => {
  const cases: [string, { format: string; atoms: number; hetAtoms: number; chains: string[]; models: number; dropped: number; first: [number, number, number] }][] = [
    ['1hpv_pymol.pdb', { format: 'PDB', atoms: 1631, hetAtoms: 115, chains: ['A', 'B', ''], models: 1, dropped: 0, first: [13.12, 39.003, 5.159] }],
    ['1J6Z.pdb', { format: 'PDB', atoms: 2867, hetAtoms: 0, chains: ['A'], models: 1, dropped: 5, first: [-10.793, 0, 0] }],
    ['1oel.pdb', { format: 'PDB', atoms: 27078, hetAtoms: 149, chains: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], models: 1, dropped: 0, first: [-28.921, 0, 0] }],
    ['3MFP_tempy_modeller.pdb', { format: 'PDB', atoms: 2882, hetAtoms: 0, chains: ['A'], models: 1, dropped: 0, first: [-15.993, 0, 0] }],
    ['7DDO.pdb.gz', { format: 'PDB', atoms: 6461, hetAtoms: 57, chains: ['A', 'C'], models: 1, dropped: 7, first: [102.78, 48.284, 75.094] }],
    ['1A8O.pdb.gz', { format: 'PDB', atoms: 644, hetAtoms: 120, chains: ['A'], models: 1, dropped: 0, first: [19.594, 32.367, 28.012] }],
    // the mmCIF file marks the selenomethionines (MSE, 32 atoms) ATOM where the PDB file says HETATM
    ['1A8O.cif.gz', { format: 'MMCIF', atoms: 644, hetAtoms: 88, chains: ['A'], models: 1, dropped: 0, first: [19.594, 32.367, 28.012] }],
  ];
  for (const [name, e] of cases) {
    it(`${name}: ${e.atoms} atoms, chains ${e.chains.join('') || '–'}, elements from the file (or the atom name)`, async () => {
      const read = await readModel(join(REAL_MODELS_DIR, name));
      expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
      const s = read.summary;
      expect([s.format, s.atoms, s.hetAtoms, s.chains, s.models, s.alternateLocationsDropped]).toEqual([e.format, e.atoms, e.hetAtoms, e.chains, e.models, e.dropped]);
      const m = read.model;
      expect(m.atomCount).toBe(e.atoms);
      expect(m.x[0]).toBeCloseTo(e.first[0], 3);
      if (e.first[1] !== 0) expect([m.y[0], m.z[0]].map((v) => Number(v!.toFixed(3)))).toEqual([e.first[1], e.first[2]]);
      for (const arr of [m.x, m.y, m.z, m.bFactor, m.occupancy, m.atomicNumber, m.residue, m.residueNumber]) expect(arr.buffer).toBeInstanceOf(SharedArrayBuffer);
      // only biological elements, never the "1H" of old PDB columns 73–80 read as an element
      expect(new Set(m.atomicNumber)).toEqual(new Set([...m.atomicNumber].filter((z) => [6, 7, 8, 16, 30, 34].includes(z))));
      expect(m.residueNumber.length).toBe(s.residues);
      expect(m.residue[m.atomCount - 1]).toBe(s.residues - 1);
      expect(s.bounds.min.x).toBeLessThanOrEqual(s.bounds.max.x);
    });
  }

  it('reads the PDB and mmCIF files of 1A8O alike (coordinates, B factors, residues, names)', async () => {
    const [pdb, cif] = await Promise.all(['1A8O.pdb.gz', '1A8O.cif.gz'].map((f) => readModel(join(REAL_MODELS_DIR, f))));
    for (const k of ['x', 'y', 'z', 'bFactor', 'occupancy', 'atomicNumber', 'residue', 'residueNumber'] as const) {
      expect(Array.from(cif!.model[k]), k).toEqual(Array.from(pdb!.model[k]));
    }
    expect(Array.from(cif!.model.atomName, (i) => cif!.model.atomNames[i])).toEqual(Array.from(pdb!.model.atomName, (i) => pdb!.model.atomNames[i]));
    expect(cif!.summary.residues).toBe(pdb!.summary.residues);
  });

  it('old PDB layout (1hpv_pymol.pdb, ids in columns 73–80): elements from the atom names', async () => {
    const read = await readModel(join(REAL_MODELS_DIR, '1hpv_pymol.pdb'));
    const names = Array.from(read.model.atomName.slice(0, 4), (i) => read.model.atomNames[i]);
    expect(names).toEqual(['N', 'CA', 'C', 'O']);
    expect(Array.from(read.model.atomicNumber.slice(0, 4))).toEqual([7, 6, 6, 8]);
    expect(read.model.bFactor[0]).toBeCloseTo(55.41, 2);
  });
});

describe('layouts and choices', () => {
  it('several models: the first is read, the others counted (PDB and mmCIF)', () => {
    const pdb = ['MODEL        1', pdbLine(1, ' CA', 'ALA', 'A', 1, 1), 'ENDMDL', 'MODEL        2', pdbLine(1, ' CA', 'ALA', 'A', 1, 4), 'ENDMDL', 'MODEL        3', pdbLine(1, ' CA', 'ALA', 'A', 1, 5), 'ENDMDL'].join('\n');
    const p = modelFromBytes(Buffer.from(pdb), 'multi.pdb');
    expect([p.summary.models, p.summary.atoms, p.model.x[0]]).toEqual([3, 1, 1]);
    const cif = ['data_x', 'loop_', '_atom_site.group_PDB', '_atom_site.label_atom_id', '_atom_site.Cartn_x', '_atom_site.Cartn_y', '_atom_site.Cartn_z', '_atom_site.pdbx_PDB_model_num',
      'ATOM CA 1.0 0 0 1', 'ATOM CB 2.0 0 0 1', 'ATOM CA 7.0 0 0 2', 'ATOM CB 8.0 0 0 2', '#'].join('\n');
    const c = modelFromBytes(gzipSync(cif), 'multi.cif.gz');
    expect([c.summary.format, c.summary.models, c.summary.atoms, Array.from(c.model.x)]).toEqual(['MMCIF', 2, 2, [1, 2]]);
  });

  it('alternate locations: per residue the one of highest occupancy is kept (PDB and mmCIF)', () => {
    const text = [
      pdbLine(1, ' N', 'SER', 'A', 1, 1),
      pdbLine(2, ' CB', 'SER', 'A', 1, 2, 'A', 'C', 'ATOM  ', 0.3),
      pdbLine(3, ' OG', 'SER', 'A', 1, 3, 'A', 'O', 'ATOM  ', 0.3),
      pdbLine(4, ' CB', 'SER', 'A', 1, 4, 'B', 'C', 'ATOM  ', 0.7), // B has the higher occupancy: kept
      pdbLine(5, ' OG', 'SER', 'A', 1, 5, 'B', 'O', 'ATOM  ', 0.7),
      pdbLine(6, ' C', 'SER', 'A', 1, 6),
    ].join('\n');
    const { model, summary } = modelFromBytes(Buffer.from(text), 'occ.pdb');
    expect(Array.from(model.x)).toEqual([1, 4, 5, 6]);
    expect(Array.from(model.occupancy, (v) => Math.round(v * 10) / 10)).toEqual([1, 0.7, 0.7, 1]);
    expect(summary.alternateLocationsDropped).toBe(2);
    const cif = ['data_x', 'loop_', '_atom_site.group_PDB', '_atom_site.label_atom_id', '_atom_site.label_alt_id', '_atom_site.auth_seq_id', '_atom_site.Cartn_x', '_atom_site.Cartn_y', '_atom_site.Cartn_z', '_atom_site.occupancy',
      'ATOM OG A 1 1.0 0 0 0.25', 'ATOM OG B 1 2.0 0 0 0.40', 'ATOM OG C 1 3.0 0 0 0.35', 'ATOM OG A 2 4.0 0 0 0.5', 'ATOM OG B 2 5.0 0 0 0.5', '#'].join('\n');
    const c = modelFromBytes(Buffer.from(cif), 'occ.cif');
    // residue 1: B (0.40) over A and C; residue 2: a tie, the first met (A)
    expect([Array.from(c.model.x), c.summary.alternateLocationsDropped]).toEqual([[2, 4], 3]);
  });

  it('alternate locations of equal occupancy: per residue the first one met is kept, even when it is not A', () => {
    const text = [
      pdbLine(1, ' N', 'SER', 'A', 1, 1),
      pdbLine(2, ' OG', 'SER', 'A', 1, 2, 'B'), // this residue's first alternate location is B
      pdbLine(3, ' OG', 'SER', 'A', 1, 3, 'C'),
      pdbLine(4, ' OG', 'SER', 'A', 2, 4, 'A'),
      pdbLine(5, ' OG', 'SER', 'A', 2, 5, 'B'),
    ].join('\n');
    const { model, summary } = modelFromBytes(Buffer.from(text), 'alt.pdb');
    expect(Array.from(model.x)).toEqual([1, 2, 4]);
    expect(summary.alternateLocationsDropped).toBe(2);
  });

  it('element: the column when it holds a symbol, else the name (right-justified one letter, left-justified two letters)', () => {
    const text = [
      pdbLine(1, ' CA', 'ALA', 'A', 1, 1, ' ', ''),
      pdbLine(2, 'CA', ' CA', 'B', 2, 1, ' ', '', 'HETATM'),
      pdbLine(3, 'FE', 'HEM', 'B', 3, 1, ' ', 'XX', 'HETATM'),
      pdbLine(4, 'HG21', 'THR', 'A', 4, 1, ' ', ''),
      pdbLine(5, ' SE', 'MSE', 'A', 5, 1, ' ', 'SE'),
    ].join('\n');
    const { model } = modelFromBytes(Buffer.from(text), 'elements.pdb');
    expect(Array.from(model.atomicNumber)).toEqual([6, 20, 26, 1, 34]);
    expect(Array.from(model.hetero)).toEqual([0, 1, 1, 0, 0]);
  });

  it('mmCIF: columns by name, quoted values, a row split over lines, ;-text fields elsewhere, comments', () => {
    const cif = [
      'data_test', '_struct.title', ';A title', 'over lines; loop_ inside', ';', '#',
      'loop_', '_atom_site.group_PDB', '_atom_site.id', '_atom_site.type_symbol', '_atom_site.label_atom_id', '_atom_site.label_alt_id',
      '_atom_site.label_comp_id', '_atom_site.auth_asym_id', '_atom_site.auth_seq_id', '_atom_site.Cartn_x', '_atom_site.Cartn_y', '_atom_site.Cartn_z',
      '_atom_site.occupancy', '_atom_site.B_iso_or_equiv',
      'HETATM 1 C "C1\'" . NAG B 501 1.5 2.5 3.5 1.0 30.0 # a comment',
      "ATOM 2 FE FE . HEM C 600", '  4.0 5.0 6.0 0.5 40.0',
      '#', 'loop_', '_other.x', '1',
    ].join('\n');
    const { model, summary } = modelFromBytes(Buffer.from(cif), 'quoted.cif');
    expect(Array.from(model.atomName, (i) => model.atomNames[i])).toEqual(["C1'", 'FE']);
    expect(Array.from(model.x)).toEqual([1.5, 4]);
    expect(Array.from(model.atomicNumber)).toEqual([6, 26]);
    expect(Array.from(model.occupancy)).toEqual([1, 0.5]);
    expect(Array.from(model.residueNumber)).toEqual([501, 600]);
    expect(summary).toMatchObject({ chains: ['B', 'C'], hetAtoms: 1, residues: 2 });
  });
});

describe('refusals', () => {
  it('a missing file or a folder is MODEL_NOT_FOUND', async () => {
    expect(await codeOf(() => readModel(join(dir, 'none.pdb')))).toBe('MODEL_NOT_FOUND');
    expect(await codeOf(() => readModel(dir))).toBe('MODEL_NOT_FOUND');
  });

  it('no atoms, coordinates that are not numbers, a truncated gzip, a map: MODEL_UNREADABLE', async () => {
    const write = (name: string, data: string | Uint8Array) => {
      writeFileSync(join(dir, name), data);
      return join(dir, name);
    };
    expect(await codeOf(() => readModel(write('empty.pdb', 'HEADER    NOTHING\nEND\n')))).toBe('MODEL_UNREADABLE');
    expect(await codeOf(() => readModel(write('zero-bytes.cif', '')))).toBe('MODEL_UNREADABLE');
    expect(await codeOf(() => readModel(write('a-map.pdb', readFileSync(join(REAL_MAPS_DIR, 'emd_5168_monomer.mrc')))))).toBe('MODEL_UNREADABLE');
    const bad = pdbLine(1, ' CA', 'ALA', 'A', 1, 1).replace('   1.000', '   1.0x0');
    let message = '';
    try {
      await readModel(write('bad.pdb', `${pdbLine(1, ' N', 'ALA', 'A', 1, 0)}\n${bad}\n`));
    } catch (e) {
      message = (e as Error).message;
      expect(isVrsError(e) && e.code).toBe('MODEL_UNREADABLE');
    }
    expect(message).toMatch(/line 2/);
    const gz = gzipSync(Buffer.from(pdbLine(1, ' CA', 'ALA', 'A', 1, 1).repeat(50)));
    expect(await codeOf(() => readModel(write('cut.pdb.gz', gz.subarray(0, gz.length - 12))))).toBe('MODEL_UNREADABLE');
    expect(await codeOf(() => readModel(write('not-a-model.pdb', new Uint8Array(2048).fill(7))))).toBe('MODEL_UNREADABLE');
    const noCoords = ['data_x', 'loop_', '_atom_site.group_PDB', '_atom_site.label_atom_id', 'ATOM CA', '#'].join('\n');
    expect(await codeOf(() => readModel(write('nocoords.cif', noCoords)))).toBe('MODEL_UNREADABLE');
    const cut = ['data_x', 'loop_', '_atom_site.label_atom_id', '_atom_site.Cartn_x', '_atom_site.Cartn_y', '_atom_site.Cartn_z', 'CA 1 2 3', 'CB 1 2'].join('\n');
    expect(await codeOf(() => readModel(write('cut.cif', cut)))).toBe('MODEL_UNREADABLE');
  });

  it('a gzip model over the decompressed limit is MAP_TOO_LARGE', () => {
    const gz = gzipSync(Buffer.from(pdbLine(1, ' CA', 'ALA', 'A', 1, 1).repeat(5000)));
    expect(() => modelFromBytes(gz, 'big.pdb.gz', 10_000)).toThrow(expect.objectContaining({ code: 'MAP_TOO_LARGE' }));
  });
});

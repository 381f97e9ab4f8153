/**
 * A small atomic-model reader: coordinates and elements of the ATOM/HETATM records of a PDB
 * file, or of the _atom_site loop of an mmCIF file, optionally gzip-compressed. Only the first
 * model is read (NMR ensembles), alternate locations other than the first are skipped. Enough
 * to render a model as a map or to place atoms; not a full structure parser.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { VrsError } from '../errors.js';

export interface ModelAtom {
  x: number;
  y: number;
  z: number;
  /** element symbol, capitalised as in the periodic table ('C', 'Fe') */
  element: string;
  /** atom name ('CA', 'N', …) */
  name: string;
  /** residue name ('ALA', …) */
  residue: string;
  chain: string;
  hetero: boolean;
}

/** Reads a .pdb, .ent, .cif (or .gz of them) file; mmCIF is recognised by its content. */
export function readModelFile(path: string): ModelAtom[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new VrsError('MODEL_NOT_FOUND', `The atomic model ${path} cannot be read (${(e as Error).message}); check the path.`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new VrsError('MODEL_UNREADABLE', `The atomic model ${path} is a corrupt gzip file (${(e as Error).message}); download it again.`);
    }
  }
  const text = bytes.toString('latin1');
  const atoms = /^\s*data_/m.test(text) && text.includes('_atom_site.') ? parseMmcif(text) : parsePdb(text);
  if (atoms.length === 0) throw new VrsError('MODEL_UNREADABLE', `The atomic model ${path} has no atoms: no ATOM/HETATM records and no mmCIF _atom_site loop; pass a .pdb or .cif file.`);
  return atoms;
}

/** PDB fixed columns: name 13–16, altLoc 17, resName 18–20, chain 22, x/y/z 31–54, element 77–78. */
export function parsePdb(text: string): ModelAtom[] {
  const atoms: ModelAtom[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('ENDMDL')) break; // first model only
    const hetero = line.startsWith('HETATM');
    if (!hetero && !line.startsWith('ATOM  ')) continue;
    const alt = line[16] ?? ' ';
    if (alt !== ' ' && alt !== 'A' && alt !== '1') continue;
    const x = Number(line.slice(30, 38)), y = Number(line.slice(38, 46)), z = Number(line.slice(46, 54));
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) continue;
    const name = line.slice(12, 16).trim();
    atoms.push({ x, y, z, name, element: elementOf(line.slice(76, 78), line.slice(12, 16)), residue: line.slice(17, 20).trim(), chain: line[21] ?? ' ', hetero });
  }
  return atoms;
}

/** The _atom_site loop: tokens split on blanks (quoted tokens kept whole). */
export function parseMmcif(text: string): ModelAtom[] {
  const lines = text.split(/\r?\n/);
  let i = lines.findIndex((l, k) => l.trim() === 'loop_' && lines[k + 1]?.trim().startsWith('_atom_site.'));
  if (i < 0) return [];
  const cols: string[] = [];
  for (i++; i < lines.length && lines[i]!.trim().startsWith('_atom_site.'); i++) cols.push(lines[i]!.trim().split(/\s+/)[0]!.slice('_atom_site.'.length));
  const col = (n: string) => cols.indexOf(n);
  const [cx, cy, cz] = [col('Cartn_x'), col('Cartn_y'), col('Cartn_z')];
  if (cx < 0 || cy < 0 || cz < 0) return [];
  const cel = col('type_symbol'), cname = col('label_atom_id'), calt = col('label_alt_id'), cres = col('label_comp_id');
  const cchain = col('auth_asym_id') >= 0 ? col('auth_asym_id') : col('label_asym_id');
  const cgroup = col('group_PDB'), cmodel = col('pdbx_PDB_model_num');
  const atoms: ModelAtom[] = [];
  let firstModel: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('_') || t.startsWith('loop_') || t.startsWith('data_')) break;
    const f = tokens(t);
    if (f.length < cols.length) continue;
    if (cmodel >= 0) {
      firstModel ??= f[cmodel]!;
      if (f[cmodel] !== firstModel) continue;
    }
    const alt = calt >= 0 ? f[calt]! : '.';
    if (alt !== '.' && alt !== '?' && alt !== 'A' && alt !== '1') continue;
    const x = Number(f[cx]), y = Number(f[cy]), z = Number(f[cz]);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) continue;
    const name = cname >= 0 ? f[cname]! : '';
    atoms.push({
      x, y, z, name,
      element: elementOf(cel >= 0 ? f[cel]! : '', name),
      residue: cres >= 0 ? f[cres]! : '',
      chain: cchain >= 0 ? f[cchain]! : '',
      hetero: cgroup >= 0 && f[cgroup] === 'HETATM',
    });
  }
  return atoms;
}

function tokens(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Element from its column, else from the atom name (PDB: first letter after leading blanks/digits). */
function elementOf(field: string, atomName: string): string {
  let e = field.trim().replace(/[^A-Za-z]/g, '');
  if (!e) e = atomName.trim().replace(/^[0-9]+/, '').slice(0, 1);
  return e.length > 1 ? e[0]!.toUpperCase() + e.slice(1).toLowerCase() : e.toUpperCase();
}

/** Atomic number of the common elements of biological models (6 for anything unknown). */
export function atomicNumber(element: string): number {
  return ATOMIC_NUMBERS[element] ?? 6;
}

const ATOMIC_NUMBERS: Record<string, number> = {
  H: 1, C: 6, N: 7, O: 8, F: 9, Na: 11, Mg: 12, P: 15, S: 16, Cl: 17, K: 19, Ca: 20, Mn: 25, Fe: 26, Co: 27, Ni: 28, Cu: 29, Zn: 30, Se: 34,
};

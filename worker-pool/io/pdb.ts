/**
 * The atomic-model reader: the ATOM/HETATM records of a PDB file, or the _atom_site loop of
 * an mmCIF file, plain or gzip-compressed (the format is recognised by the content, not the
 * name). Stated choices:
 * - only the first model is read (NMR ensembles, multi-model files); the others are counted;
 * - alternate locations: in each residue, the alternate location of highest occupancy (mean over
 *   its atoms) is kept, the first met on a tie (usually 'A'; gemmi's remove_alternative_conformations
 *   keeps the first always), and the atoms of the others are dropped (and counted); atoms without
 *   an alternate location are always kept;
 * - PDB columns 73–80 are ignored (old layouts put the entry id and a serial number there,
 *   e.g. 1hpv_pymol.pdb), and an element column that holds no element symbol falls back on
 *   the atom name (columns 13–14: right-justified one-letter elements, left-justified two-letter
 *   ones such as FE, ZN, CA in a HETATM);
 * - an ATOM/HETATM record whose coordinates are not numbers makes the file unreadable
 *   (MODEL_UNREADABLE with the line), rather than being skipped silently.
 * Enough to place atoms, render a model as a map, group atoms by residue and chain; not a
 * full structure parser (no bonds, no symmetry, no anisotropic B).
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

/** An atom with everything the reader takes from its record. */
export interface ParsedAtom extends ModelAtom {
  /** Å² */
  bFactor: number;
  occupancy: number;
  /** author residue number (PDB resSeq, mmCIF auth_seq_id) */
  residueNumber: number;
  insertionCode: string;
}

export type ModelFormat = 'PDB' | 'MMCIF';

export interface ParsedModel {
  format: ModelFormat;
  /** The atoms of the first model, one alternate location per residue (highest occupancy, first on a tie), in file order. */
  atoms: ParsedAtom[];
  /** Models in the file (MODEL records, or distinct pdbx_PDB_model_num); 1 when it has none. */
  models: number;
  /** Atoms dropped because they belong to a later alternate location. */
  alternateLocationsDropped: number;
}

/** A decompressed model file's text (gzip recognised by its magic bytes). */
export function modelText(bytes: Uint8Array, label: string, maxBytes = Number.POSITIVE_INFINITY): string {
  let data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data, Number.isFinite(maxBytes) ? { maxOutputLength: maxBytes } : {});
    } catch (e) {
      const tooLarge = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      if (tooLarge) throw new VrsError('MAP_TOO_LARGE', `The atomic model ${label} is over the limit of ${maxBytes} bytes once decompressed.`);
      throw new VrsError('MODEL_UNREADABLE', `The atomic model ${label} is a corrupt gzip file (${(e as Error).message}); download it again.`);
    }
  }
  return data.toString('latin1');
}

/** Parses a model's text: mmCIF when it has a data block with _atom_site items, else PDB. */
export function parseModelText(text: string, label = 'model'): ParsedModel {
  const mmcif = /^\s*data_/m.test(text) && text.includes('_atom_site.');
  const parsed = mmcif ? parseMmcifModel(text, label) : parsePdbModel(text, label);
  if (parsed.atoms.length === 0) {
    throw new VrsError('MODEL_UNREADABLE', mmcif
      ? `The atomic model ${label} is mmCIF but its _atom_site loop has no atoms with Cartn_x/y/z; pass a model with coordinates.`
      : `The atomic model ${label} has no atoms: no ATOM/HETATM records and no mmCIF _atom_site loop; pass a .pdb, .ent or .cif file (optionally .gz).`);
  }
  return parsed;
}

/** Reads a .pdb, .ent, .cif (or .gz of them) file; mmCIF is recognised by its content. */
export function readModelFile(path: string): ParsedAtom[] {
  return parseModelText(modelText(readModelBytes(path), path), path).atoms;
}

export function readModelBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new VrsError('MODEL_NOT_FOUND', `The atomic model ${path} cannot be read (${why}); check the path.`);
  }
}

/** PDB records → atoms (first model, one alternate location per residue). */
export function parsePdb(text: string): ParsedAtom[] {
  return parsePdbModel(text, 'model').atoms;
}

/** The _atom_site loop → atoms (first model, one alternate location per residue). */
export function parseMmcif(text: string): ParsedAtom[] {
  return parseMmcifModel(text, 'model').atoms;
}

/**
 * Keeps, per residue, one alternate location: the one of highest occupancy (the mean over its
 * atoms), the first met on a tie (see the file's comment). Atoms are noted as they are read and
 * filtered once the residue's every alternate location is known.
 */
class AltLocFilter {
  /** per residue: each alternate location's occupancy sum, atom count, in the order met */
  readonly #alts = new Map<string, Map<string, { sum: number; n: number }>>();
  /** per atom read: its residue and alternate location, or null when it has none */
  readonly #tags: ([string, string] | null)[] = [];
  dropped = 0;
  note(residueKey: string, alt: string, occupancy: number): void {
    if (alt === '' || alt === ' ' || alt === '.' || alt === '?') { this.#tags.push(null); return; }
    let byAlt = this.#alts.get(residueKey);
    if (!byAlt) this.#alts.set(residueKey, (byAlt = new Map()));
    const a = byAlt.get(alt) ?? { sum: 0, n: 0 };
    a.sum += occupancy;
    a.n++;
    byAlt.set(alt, a);
    this.#tags.push([residueKey, alt]);
  }
  /** The atoms noted (same order), those of the alternate locations not kept dropped. */
  apply<T>(atoms: T[]): T[] {
    const kept = new Map<string, string>();
    for (const [residue, byAlt] of this.#alts) {
      let best = '', bestOcc = -Infinity;
      // Map keeps insertion order: the strict > keeps the first met on a tie
      for (const [alt, a] of byAlt) if (a.sum / a.n > bestOcc) { best = alt; bestOcc = a.sum / a.n; }
      kept.set(residue, best);
    }
    const out = atoms.filter((_, i) => { const t = this.#tags[i]; return t === null || kept.get(t[0]) === t[1]; });
    this.dropped = atoms.length - out.length;
    return out;
  }
}

function numberOr(text: string, fallback: number): number {
  const t = text.trim();
  if (t === '' || t === '?' || t === '.') return fallback;
  const v = Number(t);
  return Number.isFinite(v) ? v : fallback;
}

/**
 * PDB fixed columns (1-based): name 13–16, altLoc 17, resName 18–20, chain 22, resSeq 23–26,
 * iCode 27, x/y/z 31–54, occupancy 55–60, B 61–66, element 77–78.
 */
function parsePdbModel(text: string, label: string): ParsedModel {
  const atoms: ParsedAtom[] = [];
  const alts = new AltLocFilter();
  let models = 0;
  let inFirstModel = true;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('MODEL ')) {
      models++;
      continue;
    }
    if (line.startsWith('ENDMDL')) {
      inFirstModel = false; // keep scanning only to count the models
      continue;
    }
    if (!inFirstModel) continue;
    const hetero = line.startsWith('HETATM');
    if (!hetero && !line.startsWith('ATOM  ')) continue;
    const xs = line.slice(30, 38), ys = line.slice(38, 46), zs = line.slice(46, 54);
    const x = Number(xs), y = Number(ys), z = Number(zs);
    if (xs.trim() === '' || ys.trim() === '' || zs.trim() === '' || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      throw new VrsError('MODEL_UNREADABLE', `The atomic model ${label}, line ${i + 1}: the coordinates (columns 31–54) are not numbers: "${line.slice(0, 80)}"; the file is damaged or not in PDB format.`);
    }
    const chain = (line[21] ?? ' ').trim();
    const residueNumber = numberOr(line.slice(22, 26), 0);
    const insertionCode = (line[26] ?? ' ').trim();
    const occupancy = numberOr(line.slice(54, 60), 1);
    alts.note(`${chain}|${residueNumber}|${insertionCode}`, line[16] ?? ' ', occupancy);
    const rawName = line.slice(12, 16);
    atoms.push({
      x, y, z,
      name: rawName.trim(),
      element: pdbElement(line.slice(76, 78), rawName),
      residue: line.slice(17, 20).trim(),
      chain,
      hetero,
      occupancy,
      bFactor: numberOr(line.slice(60, 66), 0),
      residueNumber,
      insertionCode,
    });
  }
  const kept = alts.apply(atoms);
  return { format: 'PDB', atoms: kept, models: Math.max(1, models), alternateLocationsDropped: alts.dropped };
}

/**
 * mmCIF: the _atom_site loop's columns by name; values are read as a token stream (a row may
 * span lines; quoted values and ;-text fields kept whole; # comments skipped).
 */
function parseMmcifModel(text: string, label: string): ParsedModel {
  const scan = new CifTokens(text);
  // find "loop_" followed by _atom_site.* items
  let cols: string[] = [];
  for (let t = scan.next(); t !== null; t = scan.next()) {
    if (t.value.toLowerCase() !== 'loop_' || t.quoted) continue;
    const mark = scan.position;
    const first = scan.next();
    if (first && !first.quoted && first.value.toLowerCase().startsWith('_atom_site.')) {
      cols = [first.value.slice('_atom_site.'.length)];
      break;
    }
    scan.position = mark;
  }
  if (cols.length === 0) return { format: 'MMCIF', atoms: [], models: 1, alternateLocationsDropped: 0 };
  let t = scan.next();
  for (; t && !t.quoted && t.value.toLowerCase().startsWith('_atom_site.'); t = scan.next()) cols.push(t.value.slice('_atom_site.'.length));
  const col = (n: string) => cols.findIndex((c) => c.toLowerCase() === n.toLowerCase());
  const [cx, cy, cz] = [col('Cartn_x'), col('Cartn_y'), col('Cartn_z')];
  if (cx < 0 || cy < 0 || cz < 0) {
    throw new VrsError('MODEL_UNREADABLE', `The atomic model ${label} (mmCIF) has an _atom_site loop without Cartn_x, Cartn_y and Cartn_z; pass a model with Cartesian coordinates.`);
  }
  const cel = col('type_symbol');
  const cname = col('auth_atom_id') >= 0 ? col('auth_atom_id') : col('label_atom_id');
  const calt = col('label_alt_id');
  const cres = col('auth_comp_id') >= 0 ? col('auth_comp_id') : col('label_comp_id');
  const cchain = col('auth_asym_id') >= 0 ? col('auth_asym_id') : col('label_asym_id');
  const cseq = col('auth_seq_id') >= 0 ? col('auth_seq_id') : col('label_seq_id');
  const cins = col('pdbx_PDB_ins_code');
  const cgroup = col('group_PDB'), cmodel = col('pdbx_PDB_model_num');
  const cocc = col('occupancy'), cb = col('B_iso_or_equiv');
  const atoms: ParsedAtom[] = [];
  const alts = new AltLocFilter();
  const modelsSeen = new Set<string>();
  let firstModel: string | null = null;
  const n = cols.length;
  const row: string[] = [];
  let rowNumber = 0;
  for (; t && !(t.quoted === false && isCifKeyword(t.value)); t = scan.next()) {
    row.push(t.value);
    if (row.length < n) continue;
    rowNumber++;
    const f = row.splice(0, n);
    if (cmodel >= 0) {
      modelsSeen.add(f[cmodel]!);
      firstModel ??= f[cmodel]!;
      if (f[cmodel] !== firstModel) continue;
    }
    const x = Number(f[cx]), y = Number(f[cy]), z = Number(f[cz]);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z) || [f[cx], f[cy], f[cz]].some((v) => v === '?' || v === '.')) {
      throw new VrsError('MODEL_UNREADABLE', `The atomic model ${label} (mmCIF), _atom_site row ${rowNumber}: the coordinates (${f[cx]}, ${f[cy]}, ${f[cz]}) are not numbers; the file is damaged.`);
    }
    const chain = cchain >= 0 ? cifValue(f[cchain]!) : '';
    const residueNumber = cseq >= 0 ? numberOr(f[cseq]!, 0) : 0;
    const insertionCode = cins >= 0 ? cifValue(f[cins]!) : '';
    const occupancy = cocc >= 0 ? numberOr(f[cocc]!, 1) : 1;
    alts.note(`${chain}|${residueNumber}|${insertionCode}`, calt >= 0 ? cifValue(f[calt]!) : '', occupancy);
    const name = cname >= 0 ? cifValue(f[cname]!) : '';
    atoms.push({
      x, y, z, name,
      element: elementSymbol(cel >= 0 ? cifValue(f[cel]!) : '') ?? nameElement(name),
      residue: cres >= 0 ? cifValue(f[cres]!) : '',
      chain,
      hetero: cgroup >= 0 && f[cgroup] === 'HETATM',
      occupancy,
      bFactor: cb >= 0 ? numberOr(f[cb]!, 0) : 0,
      residueNumber,
      insertionCode,
    });
  }
  if (row.length > 0) {
    throw new VrsError('MODEL_UNREADABLE', `The atomic model ${label} (mmCIF): the _atom_site loop ends inside a row (${row.length} of ${n} values); the file is truncated or damaged.`);
  }
  const kept = alts.apply(atoms);
  return { format: 'MMCIF', atoms: kept, models: Math.max(1, modelsSeen.size), alternateLocationsDropped: alts.dropped };
}

function isCifKeyword(v: string): boolean {
  const l = v.toLowerCase();
  return v.startsWith('_') || l === 'loop_' || l.startsWith('data_') || l.startsWith('save_') || l === 'stop_' || l === 'global_';
}

/** CIF's '.' (inapplicable) and '?' (unknown) read as empty. */
function cifValue(v: string): string {
  return v === '.' || v === '?' ? '' : v;
}

/** Space, tab, line feed, carriage return (CIF's whitespace). */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** CIF tokens: whitespace-separated; 'quoted' and "quoted" values; ;-delimited text fields; # comments. */
class CifTokens {
  position = 0;
  constructor(private readonly text: string) {}

  next(): { value: string; quoted: boolean } | null {
    const s = this.text;
    let i = this.position;
    for (;;) {
      while (i < s.length && isBlank(s.charCodeAt(i))) i++;
      if (i >= s.length) {
        this.position = i;
        return null;
      }
      if (s[i] === '#') {
        while (i < s.length && s[i] !== '\n') i++;
        continue;
      }
      break;
    }
    const c = s[i]!;
    // a text field: ';' at the start of a line, up to the next line that starts with ';'
    if (c === ';' && (i === 0 || s[i - 1] === '\n')) {
      const end = s.indexOf('\n;', i);
      const stop = end < 0 ? s.length : end;
      this.position = end < 0 ? s.length : end + 2;
      return { value: s.slice(i + 1, stop).trim(), quoted: true };
    }
    if (c === "'" || c === '"') {
      // a quote closes only when followed by whitespace or the end (CIF 1.1)
      let j = i + 1;
      while (j < s.length && !(s[j] === c && (j + 1 >= s.length || isBlank(s.charCodeAt(j + 1))))) {
        if (s[j] === '\n') break;
        j++;
      }
      this.position = Math.min(s.length, j + 1);
      return { value: s.slice(i + 1, j), quoted: true };
    }
    let j = i;
    while (j < s.length && !isBlank(s.charCodeAt(j))) j++;
    this.position = j;
    return { value: s.slice(i, j), quoted: false };
  }
}

/** The element of a PDB record: its element column when that holds a symbol, else from the atom name. */
function pdbElement(field: string, rawName: string): string {
  const fromField = elementSymbol(field.trim());
  if (fromField) return fromField;
  // Atom name columns 13–16: a one-letter element is right-justified (" CA " carbon alpha),
  // a two-letter one left-justified ("FE  ", "CA  " calcium).
  const n = rawName.padEnd(4, ' ');
  if (/[A-Za-z]/.test(n[0]!) && /[A-Za-z]/.test(n[1]!) && n.slice(2).trim() === '') {
    const two = elementSymbol(n.slice(0, 2));
    if (two) return two;
  }
  return nameElement(rawName);
}

/** First letter of the name after leading blanks and digits ("1HG1" → H). */
function nameElement(name: string): string {
  const letter = name.trim().replace(/^[0-9]+/, '').slice(0, 1).toUpperCase();
  return letter || 'X';
}

/** The symbol capitalised as in the periodic table, or null when it is none ('D' counts as H). */
function elementSymbol(text: string): string | null {
  const t = text.replace(/[^A-Za-z]/g, '');
  if (t === '' || t.length > 2) return null;
  const sym = t.length === 1 ? t.toUpperCase() : t[0]!.toUpperCase() + t[1]!.toLowerCase();
  if (sym === 'D') return 'H';
  return PERIODIC_TABLE.has(sym) ? sym : null;
}

const PERIODIC_TABLE = new Set(('H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
  'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt ' +
  'Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr X').split(' '));

/** Atomic number of an element symbol (1–103; 6 for anything unknown, e.g. 'X'). */
export function atomicNumber(element: string): number {
  return ATOMIC_NUMBERS.get(element) ?? 6;
}

const ATOMIC_NUMBERS = new Map([...PERIODIC_TABLE].filter((s) => s !== 'X').map((s, i) => [s, i + 1] as const));

/**
 * An atomic model as the metrics get it (MetricContext.inputs.model): the parsed atoms packed
 * into typed arrays on SharedArrayBuffers (a worker sees them without a copy), with small
 * string tables for chain, residue and atom names; and the model's summary (what the maps
 * subgraph shows as ModelFile).
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { VrsError } from '../errors.js';
import { atomicNumber, modelText, parseModelText, type ModelFormat, type ParsedModel } from './pdb.js';
import type { AtomArrays } from '../kernels/model-map/model-map.js';

export type { ModelFormat } from './pdb.js';

/**
 * The model as read: the atom arrays the model map reads (AtomArrays: coordinates in Å of the first
 * model and one alternate location per residue (highest occupancy, first on a tie), B in Å², occupancy, atomic number 1–103, 6 for an unknown
 * element), plus what the analyses and the report name atoms and residues by.
 */
export interface ModelInput extends AtomArrays {
  format: ModelFormat;
  /** 1 for HETATM records. */
  hetero: Uint8Array;
  /** Index into `atomNames`. */
  atomName: Uint16Array;
  /** Index of the atom's residue: residues are numbered in file order from 0. */
  residue: Uint32Array;
  /** Per residue: index into `residueNames`, author residue number, index into `chains`. */
  residueName: Uint16Array;
  residueNumber: Int32Array;
  residueChain: Uint16Array;
  chains: string[];
  atomNames: string[];
  residueNames: string[];
}

/** What is said about a model file (GraphQL ModelFile; also stored with the attachment). */
export interface ModelSummary {
  format: ModelFormat;
  atoms: number;
  /** HETATM atoms among them. */
  hetAtoms: number;
  /** Chain ids in file order ('' for a blank chain id). */
  chains: string[];
  residues: number;
  /** Models in the file; only the first is read. */
  models: number;
  alternateLocationsDropped: number;
  /** Å: the atoms' bounding box. */
  bounds: { min: { x: number; y: number; z: number }; max: { x: number; y: number; z: number } };
}

export interface ModelReadResult {
  model: ModelInput;
  summary: ModelSummary;
  /** SHA-256 of the file's bytes (as stored, compressed or not). */
  sha256: string;
  sizeBytes: number;
}

const shared = {
  f32: (n: number) => new Float32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n),
  u8: (n: number) => new Uint8Array(new SharedArrayBuffer(Math.max(1, n)), 0, n),
  u16: (n: number) => new Uint16Array(new SharedArrayBuffer(Math.max(1, n) * 2), 0, n),
  u32: (n: number) => new Uint32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n),
  i32: (n: number) => new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n),
};

function interner(): { table: string[]; index(s: string): number } {
  const table: string[] = [];
  const at = new Map<string, number>();
  return {
    table,
    index(s: string) {
      let i = at.get(s);
      if (i === undefined) {
        i = table.length;
        if (i > 0xffff) throw new VrsError('MODEL_UNREADABLE', 'The atomic model has more than 65,536 distinct names; it is not a molecular model.');
        table.push(s);
        at.set(s, i);
      }
      return i;
    },
  };
}

/** Packs parsed atoms into a ModelInput and its summary. */
export function packModel(parsed: ParsedModel): { model: ModelInput; summary: ModelSummary } {
  const atoms = parsed.atoms;
  const n = atoms.length;
  const chains = interner(), atomNames = interner(), residueNames = interner();
  const x = shared.f32(n), y = shared.f32(n), z = shared.f32(n), bFactor = shared.f32(n), occupancy = shared.f32(n);
  const atomicNumbers = shared.u8(n), hetero = shared.u8(n), atomName = shared.u16(n), residue = shared.u32(n);
  const resName: number[] = [], resNumber: number[] = [], resChain: number[] = [];
  const min = { x: Infinity, y: Infinity, z: Infinity }, max = { x: -Infinity, y: -Infinity, z: -Infinity };
  let hetAtoms = 0;
  let lastKey = '';
  for (let i = 0; i < n; i++) {
    const a = atoms[i]!;
    x[i] = a.x; y[i] = a.y; z[i] = a.z;
    bFactor[i] = a.bFactor; occupancy[i] = a.occupancy;
    atomicNumbers[i] = atomicNumber(a.element);
    hetero[i] = a.hetero ? 1 : 0;
    if (a.hetero) hetAtoms++;
    atomName[i] = atomNames.index(a.name);
    const chain = chains.index(a.chain);
    // a residue = a run of atoms with the same chain, number, insertion code and name
    const key = `${a.chain}|${a.residueNumber}|${a.insertionCode}|${a.residue}`;
    if (key !== lastKey) {
      resName.push(residueNames.index(a.residue));
      resNumber.push(a.residueNumber);
      resChain.push(chain);
      lastKey = key;
    }
    residue[i] = resName.length - 1;
    min.x = Math.min(min.x, a.x); min.y = Math.min(min.y, a.y); min.z = Math.min(min.z, a.z);
    max.x = Math.max(max.x, a.x); max.y = Math.max(max.y, a.y); max.z = Math.max(max.z, a.z);
  }
  const r = resName.length;
  const residueName = shared.u16(r), residueNumber = shared.i32(r), residueChain = shared.u16(r);
  residueName.set(resName); residueNumber.set(resNumber); residueChain.set(resChain);
  const model: ModelInput = {
    format: parsed.format, atomCount: n, x, y, z, bFactor, occupancy, atomicNumber: atomicNumbers, hetero, atomName, residue,
    residueName, residueNumber, residueChain, chains: chains.table, atomNames: atomNames.table, residueNames: residueNames.table,
  };
  const summary: ModelSummary = {
    format: parsed.format, atoms: n, hetAtoms, chains: [...chains.table], residues: r, models: parsed.models,
    alternateLocationsDropped: parsed.alternateLocationsDropped, bounds: { min, max },
  };
  return { model, summary };
}

/** Parses model bytes (plain or gzip); `label` names the file in errors. */
export function modelFromBytes(bytes: Uint8Array, label: string, maxDecompressedBytes?: number): { model: ModelInput; summary: ModelSummary } {
  return packModel(parseModelText(modelText(bytes, label, maxDecompressedBytes), label));
}

/** Reads, hashes and parses a model file (MODEL_NOT_FOUND, MODEL_UNREADABLE). */
export async function readModel(path: string, options: { maxDecompressedBytes?: number } = {}): Promise<ModelReadResult> {
  let bytes: Buffer;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
    bytes = await readFile(path);
  } catch (e) {
    throw new VrsError('MODEL_NOT_FOUND', `The atomic model ${path} cannot be read (${(e as Error).message}); check the path.`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ...modelFromBytes(bytes, path, options.maxDecompressedBytes), sha256, sizeBytes: bytes.byteLength };
}

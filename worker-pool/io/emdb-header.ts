/**
 * EMDB entry header XML → the few fields the platform uses (spec/emdb-and-users.md B1.3).
 * Two layouts exist: the current v3 schema (root `emd`) and the legacy v1.9 headers (root
 * `emdEntry`, e.g. emd_1997_header.xml); both are read.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { VrsError } from '../errors.js';
import type { Vec3 } from '../volume.js';

export interface EmdbHeader {
  /** "EMD-NNNN". */
  id: string;
  title: string | null;
  authors: string[];
  /** ISO date (YYYY-MM-DD). */
  depositionDate: string | null;
  /** e.g. singleParticle, helical, subtomogramAveraging. */
  method: string | null;
  /** Å, the author's resolution. */
  reportedResolution: number | null;
  /** e.g. "FSC 0.143 CUT-OFF" (v3) or "FSC 0.5" (v1.9). */
  resolutionMethod: string | null;
  /** The primary contour level (map units). */
  contourLevel: number | null;
  /** Who set the contour: EMDB, AUTHOR, SOFTWARE, ANNOTATOR (upper case). */
  contourSource: string | null;
  /** Å per voxel along x, y, z. */
  pixelSize: Vec3 | null;
  /** PDB entries fitted to the map. */
  fittedPdbIds: string[];
  /**
   * Da, the sample's molecular mass (theoretical, else experimental); v1.9 `sample/molWtTheo`,
   * v3 the first `supramolecule/molecular_weight`; units from the `units` attribute (MDa, kDa, Da).
   */
  molecularMass: number | null;
  /** 'v3' or 'v1.9' (the header layout). */
  schema: 'v3' | 'v1.9';
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function invalid(why: string): VrsError {
  return new VrsError('EMDB_HEADER_INVALID', `The EMDB header XML is invalid: ${why}; pass the emd-NNNN.xml header file from EMDB.`);
}

/** Walks a path of element names; arrays take their first element. */
function at(node: unknown, ...path: string[]): unknown {
  let cur = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Node)[key];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

const list = (x: unknown): unknown[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

function text(x: unknown): string | null {
  if (x === undefined || x === null) return null;
  if (typeof x === 'object') return text((x as Node)['#text']);
  const s = String(x).trim();
  return s === '' ? null : s;
}

function num(x: unknown): number | null {
  const s = text(x);
  if (s === null) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

const DALTONS: Record<string, number> = { mda: 1e6, kda: 1e3, da: 1 };

/** A mass element with a units attribute → Da; null when absent or in unknown units. */
function daltons(x: unknown): number | null {
  const v = num(x);
  if (v === null || !(v > 0)) return null;
  const units = x && typeof x === 'object' ? text((x as Node)['@units'])?.toLowerCase() ?? 'mda' : 'mda';
  const f = DALTONS[units];
  return f === undefined ? null : v * f;
}

function vec(x: unknown, y: unknown, z: unknown): Vec3 | null {
  const [a, b, c] = [num(x), num(y), num(z)];
  return a !== null && b !== null && c !== null ? { x: a, y: b, z: c } : null;
}

export function parseEmdbHeader(xmlText: string): EmdbHeader {
  const check = XMLValidator.validate(xmlText);
  if (check !== true) throw invalid(`${check.err.msg} (line ${check.err.line})`);
  const doc = parser.parse(xmlText) as Node;
  if (doc.emd) return fromV3(doc.emd as Node);
  if (doc.emdEntry) return fromV19(doc.emdEntry as Node);
  throw invalid(`the root element is <${Object.keys(doc).filter((k) => !k.startsWith('?'))[0] ?? 'none'}>, not <emd> or <emdEntry>`);
}

function fromV3(e: Node): EmdbHeader {
  const id = text(e['@emdb_id']);
  if (!id) throw invalid('<emd> has no emdb_id attribute');
  const sd = at(e, 'structure_determination_list', 'structure_determination') as Node | undefined;
  // the <kind>_processing element (singleparticle_processing, helical_processing, ...)
  const processing = sd ? Object.keys(sd).filter((k) => k.endsWith('_processing')).map((k) => at(sd, k)) : [];
  const finalRec = processing.map((p) => at(p, 'final_reconstruction')).find((x) => x !== undefined);
  const contours = list(at(e, 'map', 'contour_list') && (at(e, 'map', 'contour_list') as Node).contour);
  const primary = contours.find((c) => text((c as Node)['@primary'])?.toLowerCase() === 'true') ?? contours[0];
  const ps = at(e, 'map', 'pixel_spacing');
  return {
    id,
    title: text(at(e, 'admin', 'title')),
    authors: list((at(e, 'admin', 'authors_list') as Node | undefined)?.author).map(text).filter((a): a is string => a !== null),
    depositionDate: text(at(e, 'admin', 'key_dates', 'deposition')),
    method: text(at(sd, 'method')),
    reportedResolution: num(at(finalRec, 'resolution')),
    resolutionMethod: text(at(finalRec, 'resolution_method')),
    contourLevel: num(at(primary, 'level')),
    contourSource: text(at(primary, 'source'))?.toUpperCase() ?? null,
    pixelSize: vec(at(ps, 'x'), at(ps, 'y'), at(ps, 'z')),
    molecularMass: v3Mass(e),
    fittedPdbIds: list((at(e, 'crossreferences', 'pdb_list') as Node | undefined)?.pdb_reference)
      .map((r) => text(at(r, 'pdb_id'))?.toUpperCase())
      .filter((x): x is string => !!x),
    schema: 'v3',
  };
}

/** v3: the first supramolecule's molecular weight (the whole sample), theoretical else experimental. */
function v3Mass(e: Node): number | null {
  const supra = at(e, 'sample', 'supramolecule_list');
  const first = supra && typeof supra === 'object' ? Object.values(supra as Node).map((x) => (Array.isArray(x) ? x[0] : x))[0] : undefined;
  const w = at(first, 'molecular_weight');
  return daltons(at(w, 'theoretical')) ?? daltons(at(w, 'experimental'));
}

function fromV19(e: Node): EmdbHeader {
  const code = text(e['@accessCode']);
  if (!code) throw invalid('<emdEntry> has no accessCode attribute');
  const dep = at(e, 'deposition');
  const contour = at(e, 'map', 'contourLevel');
  const ps = at(e, 'map', 'pixelSpacing');
  const authors = text(at(dep, 'authors'));
  return {
    id: code.startsWith('EMD-') ? code : `EMD-${code}`,
    title: text(at(dep, 'title')),
    authors: authors ? authors.split(',').map((a) => a.trim()).filter(Boolean) : [],
    depositionDate: text(at(dep, 'depositionDate')),
    method: text(at(e, 'processing', 'method')),
    reportedResolution: num(at(e, 'processing', 'reconstruction', 'resolutionByAuthor')),
    resolutionMethod: text(at(e, 'processing', 'reconstruction', 'resolutionMethod')),
    contourLevel: num(contour),
    contourSource: contour && typeof contour === 'object' ? text((contour as Node)['@source'])?.toUpperCase() ?? null : null,
    pixelSize: vec(at(ps, 'pixelX'), at(ps, 'pixelY'), at(ps, 'pixelZ')),
    molecularMass: daltons(at(e, 'sample', 'molWtTheo')) ?? daltons(at(e, 'sample', 'molWtExp')),
    fittedPdbIds: list((at(e, 'experiment', 'fitting', 'pdbEntryIdList') as Node | undefined)?.pdbEntryId)
      .map((x) => text(x)?.toUpperCase())
      .filter((x): x is string => !!x),
    schema: 'v1.9',
  };
}

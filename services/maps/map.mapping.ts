/** Store records → GraphQL objects (field renames and header normalisation only). */
import type { MapRecord, Xyz } from './service-types.js';
import type { CellAngles, Map, MapHeader } from './map.type.js';
import type { Vec3 } from './common.type.js';

const HEADER_INT_FIELDS = ['nx', 'ny', 'nz', 'mode', 'nxstart', 'nystart', 'nzstart', 'mx', 'my', 'mz',
  'mapc', 'mapr', 'maps', 'ispg', 'nsymbt', 'nversion', 'nlabl'] as const;
const HEADER_FLOAT_FIELDS = ['dmin', 'dmax', 'dmean', 'rms'] as const;

/** Reader records may spell fields NX / nx / cellA / cella: look them up case-insensitively. */
function lowerCaseKeys(raw: Record<string, unknown>): globalThis.Map<string, unknown> {
  const byLower = new globalThis.Map<string, unknown>();
  for (const [k, v] of Object.entries(raw)) byLower.set(k.toLowerCase(), v);
  return byLower;
}

function lookup(byLower: globalThis.Map<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (byLower.has(n.toLowerCase())) return byLower.get(n.toLowerCase());
  return undefined;
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function asVec3(v: unknown): Vec3 | null {
  if (Array.isArray(v) && v.length >= 3) return { x: Number(v[0]), y: Number(v[1]), z: Number(v[2]) };
  if (v && typeof v === 'object' && 'x' in v) {
    const o = v as Record<string, unknown>;
    return { x: Number(o.x), y: Number(o.y), z: Number(o.z) };
  }
  return null;
}

/** CELLB as the reader gives it ({alpha, beta, gamma}) or as three numbers, degrees. */
function asAngles(v: unknown): CellAngles | null {
  if (Array.isArray(v) && v.length >= 3) return { alpha: Number(v[0]), beta: Number(v[1]), gamma: Number(v[2]) };
  if (v && typeof v === 'object' && 'alpha' in v) {
    const o = v as Record<string, unknown>;
    return { alpha: Number(o.alpha), beta: Number(o.beta), gamma: Number(o.gamma) };
  }
  return null;
}

function asString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array || Array.isArray(v)) return String.fromCharCode(...(v as number[]));
  return null;
}

export function toHeader(raw: Record<string, unknown>): MapHeader {
  const h: Record<string, unknown> = { raw };
  const fields = lowerCaseKeys(raw);
  for (const f of HEADER_INT_FIELDS) h[f] = asNumber(lookup(fields, f));
  for (const f of HEADER_FLOAT_FIELDS) h[f] = asNumber(lookup(fields, f));
  h.cella = asVec3(lookup(fields, 'cella', 'cell'));
  h.cellb = asAngles(lookup(fields, 'cellb', 'angles'));
  h.origin = asVec3(lookup(fields, 'origin'));
  h.exttyp = asString(lookup(fields, 'exttyp'));
  h.map = asString(lookup(fields, 'map', 'mapStamp'));
  const machst = lookup(fields, 'machst', 'machineStamp');
  h.machst = Array.isArray(machst) || machst instanceof Uint8Array ? Array.from(machst as ArrayLike<number>) : null;
  const labels = lookup(fields, 'labels', 'label');
  h.labels = Array.isArray(labels) ? labels.map(String) : null;
  return h as unknown as MapHeader;
}

const dim = (v: Xyz) => ({ x: v.x, y: v.y, z: v.z });

export function toMap(r: MapRecord): Map {
  return {
    id: r.id,
    name: r.name,
    sizeBytes: r.sizeBytes,
    createdAt: r.createdAt,
    get header() { return toHeader(r.header ?? {}); }, // built only when the query selects it
    dimensions: dim(r.dimensions),
    voxelSize: dim(r.voxelSize),
    origin: dim(r.origin),
    originSource: r.originSource,
    axisOrder: r.axisOrder,
    statistics: r.statistics,
    formatIssues: r.formatIssues,
    contourLevel: r.contourLevel,
    contourSource: r.contourSource as Map['contourSource'],
    reportedResolution: r.reportedResolution,
    emdb: r.emdb,
  };
}

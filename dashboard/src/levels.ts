/**
 * Per-level queries built from reportLayout (the levels and their sections are declared on the
 * server; a new section gets its chip and card with nothing written here): status (never
 * computes), verdicts of the sections already done, a section's full record, the summary, start.
 */
import type { LayoutQuery, CriteriaProfile, MapRowFragment } from './generated/graphql';
import { request, ApiError } from './api';
import { RANK_SELECTION, type Rank } from './ranks';

export type Level = LayoutQuery['reportLayout'][number];
export type SectionLayout = Level['sections'][number];
export type JobState = 'NOT_STARTED' | 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
export type Verdict = 'OK' | 'WARNING' | 'NOT_APPLICABLE' | 'FAILED';

/** The parameters of an analysis (a level's arguments); null = the default. */
export interface Params { threshold: number | null; resolution: number | null; profile: CriteriaProfile; voxelSize: number | null }
export const DEFAULT_PARAMS: Params = { threshold: null, resolution: null, profile: 'STANDARD', voxelSize: null };

export interface Progress { section: string; state: JobState; computeMillis: number | null; error: { code: string; message: string } | null }
export interface SectionRecord {
  id?: string; title?: string; status?: Verdict; warnings?: string[]; statusReason?: string | null;
  criteria?: string; explanation?: string; algorithm?: string; computeMillis?: number | null; fromCache?: boolean | null; rank?: Rank[];
  [field: string]: unknown;
}
export interface Summary { score: number; evaluable: number; scoreSentence: string; abstract: string[] }

const ARGS = 'threshold: $threshold, resolution: $resolution, profile: $profile, voxelSize: $voxelSize';
const VARS = '$id: ID!, $threshold: Float, $resolution: Float, $profile: CriteriaProfile!, $voxelSize: Float';
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const vars = (id: string, p: Params) => ({ id, ...p });

/** A level applies to a map that has its inputs (half maps for Level 1, a model for Level A). */
export function applies(level: Level, map: Pick<MapRowFragment, 'halfMaps' | 'model'>): boolean {
  return level.inputs.every((r) => r === 'map' || (r === 'model' ? !!map.model : r.startsWith('half') ? !!map.halfMaps : false));
}

export const levelName = (l: Level) => l.chapterTitle.replace(/ analysis$/, '');

/** The level's per-section state; a refused level (e.g. anisotropic voxels) throws its coded error. */
export async function levelStatus(level: Level, id: string, p: Params): Promise<Progress[]> {
  const { data, errors } = await request<Record<string, Progress[]>, unknown>(
    `query(${VARS}) { s: ${level.field}Status(mapId: $id, ${ARGS}) { section state computeMillis error { code message } } }`, vars(id, p));
  if (errors.length) throw errors[0];
  return data.s!;
}

export async function startLevel(level: Level, id: string, p: Params): Promise<void> {
  const { errors } = await request(`mutation(${VARS}) { start${cap(level.field)}(mapId: $id, ${ARGS}) { state } }`, vars(id, p));
  if (errors.length) throw errors[0];
}

const BASE = 'id title status warnings statusReason criteria explanation algorithm computeMillis fromCache';

/** What a section's field selects: all (the map page's card) or its verdict only (the list's chips). */
function selection(s: SectionLayout, full: boolean): string {
  // every graded section has its ranks (empty without a resolution); the card shows them
  const own = full ? [...s.scalarFields, ...s.imageFields.map((f) => `${f} { url caption width height }`), ...(s.graded ? [RANK_SELECTION] : [])] : [];
  const base = s.graded ? (full ? BASE : 'status warnings statusReason') : '';
  return `${s.field} { ${base} ${own.join(' ')} ${!base && !own.length ? '__typename' : ''} }`;
}

/**
 * The records of the given (done) sections; a section that failed comes back with its error.
 * Only sections already computed are asked for: a section field computes on a miss.
 */
export async function sectionRecords(level: Level, sections: SectionLayout[], id: string, p: Params, full: boolean): Promise<Map<string, SectionRecord | ApiError>> {
  const out = new Map<string, SectionRecord | ApiError>();
  if (!sections.length) return out;
  const { data, errors } = await request<{ map: { l: Record<string, SectionRecord | null> } | null }, unknown>(
    `query(${VARS}) { map(id: $id) { l: ${level.field}(${ARGS}) { ${sections.map((s) => selection(s, full)).join(' ')} } } }`, vars(id, p));
  for (const s of sections) {
    const record = data.map?.l?.[s.field];
    const error = errors.find((e) => e.path?.includes(s.field));
    if (record) out.set(s.field, record);
    else if (error) out.set(s.field, error);
  }
  return out;
}

/** The level's summary (asked for once every section is done: it would compute the missing ones). */
export async function levelSummary(level: Level, id: string, p: Params): Promise<Summary | null> {
  const { data } = await request<{ map: { l: { summary: Summary | null } } | null }, unknown>(
    `query(${VARS}) { map(id: $id) { l: ${level.field}(${ARGS}) { summary { score evaluable scoreSentence abstract } } } }`, vars(id, p));
  return data.map?.l.summary ?? null;
}

/** Query-string form of the parameters (the PDF route and the page's address take the same names). */
export function paramsQuery(p: Params): string {
  const q = new URLSearchParams();
  if (p.threshold != null) q.set('threshold', String(p.threshold));
  if (p.resolution != null) q.set('resolution', String(p.resolution));
  if (p.profile !== 'STANDARD') q.set('profile', p.profile.toLowerCase());
  if (p.voxelSize != null) q.set('voxelSize', String(p.voxelSize));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function parseParams(q: URLSearchParams): Params {
  const num = (k: string) => { const v = q.get(k); return v != null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null; };
  const profile = (q.get('profile') ?? 'standard').toUpperCase().replace('-', '_') as CriteriaProfile;
  return { threshold: num('threshold'), resolution: num('resolution'), profile, voxelSize: num('voxelSize') };
}

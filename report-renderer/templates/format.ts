/**
 * Number and text formatting for the report (the only "arithmetic" the renderer does).
 * Decimals follow the VRS report, so the same number reads the same in both.
 */
export { esc } from '../svg/axes.js';

/** Fixed decimals; '—' for a missing value; never "-0.00". */
export function fx(v: number | null | undefined, decimals: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = v.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** An integer count with no separators (as VRS prints them, so text searches match). */
export function int(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return String(Math.round(v));
}

/** A number as short as it is exact (e.g. a resolution of 8.9 Å). */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return String(Math.round(v * 1e6) / 1e6);
}

/**
 * A section's label with its id printed once ("0.a Mass analysis"): the contract's titles
 * already start with the id; a bare title ("Mass analysis") gets it prepended.
 */
export function sectionLabel(s: { id: string; title: string }): string {
  return s.title === s.id || s.title.startsWith(s.id + ' ') ? s.title : `${s.id} ${s.title}`;
}

/**
 * A section's heading label after its number: "Level 0.a Mass analysis" in a VRS level; in a
 * chapter beyond VRS (the archive checks, not a level) the title alone: "Map-value distribution".
 */
export function headingLabel(level: { vrsLevel: boolean }, s: { id: string; title: string }): string {
  if (level.vrsLevel) return `Level ${sectionLabel(s)}`;
  return s.title.startsWith(s.id + ' ') ? s.title.slice(s.id.length + 1) : s.title;
}

/** Element id of a numbered heading: "chap-1", "sec-2-1" (TOC links point at it). */
export function headingId(n: string): string {
  return n.includes('.') ? `sec-${n.replace('.', '-')}` : `chap-${n}`;
}

export function profileName(p: string): string {
  return p.toLowerCase().replace('_', '-');
}

export const CONTOUR_SOURCE_TEXT: Record<string, string> = {
  USER: 'given by the user',
  EMDB_HEADER: 'primary contour level of the EMDB header',
  ESTIMATED: 'estimated as the level above which 1 % of the voxels lie, as no threshold was given: give one with --threshold T or --emdb-header XML',
};

/**
 * Where a map ranks among the maps validated before it (issue 20): for each headline number a
 * section declares (`ranked`), the percentile of this map's value among the stored maps of
 * similar resolution, with the number of maps in that bin. Pure rules here; the SQL is in
 * services/store/ranks.ts.
 */
import type { LevelDeclaration, RankedValue } from '../../worker-pool/metrics/levels.js';
import type { SectionBase } from '../../worker-pool/metrics/section-record.js';

/** The resolution bin, in words (README, GraphQL, report). */
export const BIN_RULE = 'maps validated with the same criteria profile whose reported resolution is within ±0.5 Å of this map\'s when it is better than 4 Å, within ±1 Å otherwise (both ends included)';

/** Å, the bin [low, high] of a reported resolution: ±0.5 Å below 4 Å, ±1 Å from 4 Å on. */
export function resolutionBin(resolution: number): { low: number; high: number } {
  const half = resolution < 4 ? 0.5 : 1;
  return { low: resolution - half, high: resolution + half };
}

/**
 * scipy.stats.percentileofscore(a, score, kind='weak'): the percentage of the values at or
 * below the score (this map's own value included, as it is stored).
 */
export function weakPercentile(atOrBelow: number, n: number): number {
  return n > 0 ? (100 * atOrBelow) / n : NaN;
}

/** A ranked number of a record: its metric key in the rank table and its value. */
export interface RankedNumber extends RankedValue {
  /** `<level>.<section>.<path>`, e.g. 'level0.bFactor.bFactor' */
  metric: string;
  value: number;
}

function at(record: unknown, path: string): unknown {
  let cur = record;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The ranked numbers of one section record: only a computed section (OK or WARNING) with a finite value. */
export function sectionRankedNumbers(levelField: string, sectionField: string, ranked: readonly RankedValue[], record: unknown): RankedNumber[] {
  const status = (record as SectionBase | null)?.status;
  if (status !== 'OK' && status !== 'WARNING') return [];
  return ranked.flatMap((r) => {
    const v = at(record, r.path);
    return typeof v === 'number' && Number.isFinite(v) ? [{ ...r, metric: `${levelField}.${sectionField}.${r.path}`, value: v }] : [];
  });
}

/** Every ranked number of a level's section records (by field). */
export function levelRankedNumbers(level: LevelDeclaration, sections: Record<string, unknown>): RankedNumber[] {
  return level.sections.flatMap((s) => (s.ranked ? sectionRankedNumbers(level.field, s.field, s.ranked, sections[s.field]) : []));
}

/** One ranked number of a map (GraphQL MetricRank). */
export interface MetricRank {
  metric: string;
  label: string;
  unit: string;
  better: string | null;
  value: number;
  /** 0–100, percentileofscore 'weak' */
  percentile: number;
  mapsInBin: number;
  /** maps in the bin with a value at or below this one */
  atOrBelow: number;
  binLow: number;
  binHigh: number;
}

/**
 * The report's ranking block (issue 20): where this map's headline numbers rank among the maps
 * validated in this instance at similar resolution, as a compact table and wwPDB-style
 * percentile sliders. The numbers come from each graded section's `rank` field.
 */
import { rankSliders } from '../svg/archive-plots.js';
import { esc, fx, num } from './format.js';

export interface RankRow {
  metric: string;
  label: string;
  unit: string;
  better: string | null;
  value: number;
  percentile: number;
  mapsInBin: number;
  binLow: number;
  binHigh: number;
}

export const RANKING_TITLE = 'Ranking among the maps validated here';

/** Every rank of the records (levels' graded sections, in report order). */
export function collectRanks(records: unknown[]): RankRow[] {
  return records.flatMap((r) => ((r as { rank?: RankRow[] | null } | null)?.rank ?? []));
}

export function rankingBlock(rows: RankRow[], resolution: number | null): string {
  const head = `<div class="blk"><h2 data-toc-skip>${RANKING_TITLE}</h2>`;
  if (resolution === null) return `${head}<p>No ranking: the map has no reported resolution, and maps are compared within a resolution bin.</p></div>`;
  if (rows.length === 0) return `${head}<p>No ranking: no ranked number was computed for this map.</p></div>`;
  const bin = `${num(rows[0]!.binLow)}–${num(rows[0]!.binHigh)} Å`;
  const table = '<table class="summary"><thead><tr><th>Metric</th><th>Value</th><th>Percentile</th><th>Maps in bin</th><th>Better</th></tr></thead><tbody>' +
    rows.map((r) => `<tr><td>${esc(r.label)}</td><td>${fx(r.value, 3)}${r.unit ? ` ${esc(r.unit)}` : ''}</td><td>${fx(r.percentile, 1)}</td><td>${r.mapsInBin}</td><td>${esc(r.better ?? '—')}</td></tr>`).join('') +
    '</tbody></table>';
  return `${head}<p>Percentile of this map's value among the maps validated in this instance with the same criteria profile whose reported resolution is in ${bin} ` +
    `(±0.5 Å below 4 Å, ±1 Å from 4 Å on; this map included): the percentage of those maps with a value at or below this one. ` +
    `A bin of few maps says little.</p>${table}</div>` +
    `<div class="blk">${rankSliders(rows.map((r) => ({ label: r.label, percentile: r.percentile, mapsInBin: r.mapsInBin, better: r.better })))}` +
    '<p class="caption">Percentile sliders (as in the wwPDB validation report): the black mark is this map; blue is the better end where a direction is known, grey where none is.</p></div>';
}

/**
 * A section's ranks (issue 20): where its headline numbers stand among the maps validated in
 * this instance at similar resolution, from the section's `rank` field — a compact table
 * (value, percentile, maps in the bin; the bin in its caption) and wwPDB-style sliders like the PDF's: a bar
 * from worse (red) to better (blue) where the number has a better direction, grey where it has
 * none, with a mark at this map's percentile.
 */
import { fmt, quantity } from './format';

/** A MetricRank as the section's query selects it (binLow, binHigh in Å; percentile 0–100, scipy's "weak"). */
export interface Rank { metric: string; label: string; unit: string; better: string | null; value: number; percentile: number; mapsInBin: number; binLow: number; binHigh: number }

/** What the section's query selects for its ranks (levels.ts). */
export const RANK_SELECTION = 'rank { metric label unit better value percentile mapsInBin binLow binHigh }';

export function Ranks({ rows }: { rows: Rank[] }) {
  if (rows.length === 0) return null;
  const bin = `${fmt(rows[0]!.binLow, 3)}–${fmt(rows[0]!.binHigh, 3)} Å`;
  return (
    <div class="ranks">
      <table>
        <caption>Rank among the maps validated here with a reported resolution in {bin}</caption>
        <thead><tr><th scope="col">Number</th><th scope="col">Value</th><th scope="col">Percentile</th><th scope="col">Maps in bin</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.metric} data-metric={r.metric}>
              <th scope="row">{r.label}</th>
              <td class="value">{quantity(r.value, r.unit)}</td>
              <td class="percentile">{r.percentile.toFixed(1)}</td>
              <td class="in-bin">{r.mapsInBin}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="sliders" aria-hidden="true">
        {rows.map((r) => (
          <li key={r.metric}>
            <span class="slider-label">{r.label}</span>
            <span class={`slider ${r.better === 'higher' ? 'up' : r.better === 'lower' ? 'down' : 'none'}`}>
              <span class="mark" style={{ left: `${Math.min(100, Math.max(0, r.percentile))}%` }} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

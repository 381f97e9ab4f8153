/**
 * The archive checks' plots (chapter 5, as EMDB's validation analysis draws them) and the
 * ranking's slider figure (as the wwPDB report's percentile sliders): inline SVG from the
 * GraphQL answer's numbers.
 */
import { esc, FONT, legend, linearScale, niceDomain, niceTicks, polyline, svgOpen, tickLabel, xAxis, yAxis, type Frame } from './axes.js';
import { emptyPlot } from './plots.js';

const BLUE = '#1f5fa8';
const ORANGE = '#d9731a';
const RED = '#c0392b';

export interface Series {
  points: [number, number][];
  label: string;
  colour?: string;
}

/** Lines (or bars) over a linear x and y, with an optional vertical marker (the contour) and horizontal line (the expected volume). */
export function linePlot(series: Series[], xTitle: string, yTitle: string, marker?: { value: number; label: string }, bars = false, hline?: { value: number; label: string }): string {
  const f: Frame = { width: 620, height: 280, left: 72, right: 20, top: 16, bottom: 44 };
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length === 0) return emptyPlot(f, 'No points.');
  const xs = pts.map((p) => p[0]).concat(marker && Number.isFinite(marker.value) ? [marker.value] : []);
  const [x0, x1] = niceDomain(Math.min(...xs), Math.max(...xs));
  const ys = pts.map((p) => p[1]).concat(hline && Number.isFinite(hline.value) ? [hline.value] : []);
  const [y0, y1] = niceDomain(Math.min(0, ...ys), Math.max(...ys));
  const sx = linearScale([x0, x1], [f.left, f.width - f.right]);
  const sy = linearScale([y0, y1], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, yTitle) + yAxis(f, sy, niceTicks(y0, y1, 5), yTitle) + xAxis(f, sx, niceTicks(x0, x1), xTitle);
  series.forEach((s, k) => {
    const colour = s.colour ?? (k === 0 ? BLUE : ORANGE);
    const p = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (bars && p.length > 1) {
      const w = Math.max(0.5, sx(p[1]![0]) - sx(p[0]![0]) - 0.4);
      for (const [x, y] of p) out += `<rect x="${(sx(x) - w / 2).toFixed(2)}" y="${sy(y).toFixed(2)}" width="${w.toFixed(2)}" height="${(sy(y0) - sy(y)).toFixed(2)}" fill="${colour}" fill-opacity="0.85"/>`;
    } else out += polyline(p.map(([x, y]) => [sx(x), sy(y)]), colour);
  });
  if (series.length > 1) out += legend(f, series.map((s, k) => ({ label: s.label, colour: s.colour ?? (k === 0 ? BLUE : ORANGE) })));
  if (marker && Number.isFinite(marker.value)) {
    const mx = sx(marker.value);
    out += `<line x1="${mx.toFixed(2)}" y1="${f.top}" x2="${mx.toFixed(2)}" y2="${f.height - f.bottom}" stroke="${RED}" stroke-width="1.4" stroke-dasharray="5 3"/>`;
    out += `<text x="${(mx + 4).toFixed(2)}" y="${f.top + 12}" font-size="10" fill="${RED}" ${FONT}>${esc(marker.label)} ${esc(tickLabel(marker.value))}</text>`;
  }
  if (hline && Number.isFinite(hline.value)) {
    const hy = sy(hline.value);
    out += `<line x1="${f.left}" y1="${hy.toFixed(2)}" x2="${f.width - f.right}" y2="${hy.toFixed(2)}" stroke="${ORANGE}" stroke-width="1.4" stroke-dasharray="5 3"/>`;
    out += `<text x="${f.width - f.right - 4}" y="${(hy - 4).toFixed(2)}" text-anchor="end" font-size="10" fill="${ORANGE}" ${FONT}>${esc(hline.label)}</text>`;
  }
  return out + '</svg>';
}

export interface SliderRow {
  label: string;
  /** 0–100 */
  percentile: number;
  mapsInBin: number;
  /** 'higher' or 'lower' is better; null: no direction (grey) */
  better: string | null;
}

/** wwPDB-style percentile sliders: one bar per metric, red (worse) to blue (better), a black mark at the map's percentile. */
export function rankSliders(rows: SliderRow[]): string {
  const rowH = 30;
  const f: Frame = { width: 620, height: 34 + rows.length * rowH, left: 190, right: 70, top: 22, bottom: 12 };
  if (rows.length === 0) return emptyPlot({ ...f, height: 60 }, 'No ranked metric.');
  const sx = linearScale([0, 100], [f.left, f.width - f.right]);
  let out = svgOpen(f, 'Percentile ranks') + '<defs>' +
    `<linearGradient id="rk-up" x1="0" x2="1"><stop offset="0" stop-color="#d7301f"/><stop offset="0.5" stop-color="#f7f7f7"/><stop offset="1" stop-color="#2166ac"/></linearGradient>` +
    `<linearGradient id="rk-down" x1="0" x2="1"><stop offset="0" stop-color="#2166ac"/><stop offset="0.5" stop-color="#f7f7f7"/><stop offset="1" stop-color="#d7301f"/></linearGradient></defs>`;
  out += `<text x="${f.left}" y="14" font-size="10" ${FONT}>0</text><text x="${f.width - f.right}" y="14" text-anchor="end" font-size="10" ${FONT}>100</text>` +
    `<text x="${(f.left + f.width - f.right) / 2}" y="14" text-anchor="middle" font-size="10" ${FONT}>Percentile among maps of similar resolution</text>`;
  rows.forEach((r, k) => {
    const y = f.top + k * rowH + 4;
    const fill = r.better === 'higher' ? 'url(#rk-up)' : r.better === 'lower' ? 'url(#rk-down)' : '#d9d9d9';
    out += `<text x="${f.left - 8}" y="${y + 12}" text-anchor="end" font-size="10" ${FONT}>${esc(r.label)}</text>`;
    out += `<rect x="${f.left}" y="${y}" width="${sx(100) - sx(0)}" height="16" fill="${fill}" stroke="#777"/>`;
    const x = sx(r.percentile);
    out += `<rect x="${(x - 2).toFixed(2)}" y="${y - 3}" width="4" height="22" fill="#000"/>`;
    out += `<text x="${f.width - f.right + 6}" y="${y + 12}" font-size="10" ${FONT}>${r.percentile.toFixed(0)} (n=${r.mapsInBin})</text>`;
  });
  return out + '</svg>';
}

/**
 * The report's plots as inline SVG: mass vs threshold (0.b, log y), Guinier plot (0.d) and
 * histograms of the local analyses (0.e–0.g), plus the colour bar of the painted surfaces.
 * Inputs are the GraphQL answer's numbers; nothing is computed here but pixel positions.
 */
import type { GuinierPoint, Histogram, MassTableRow } from '../types.js';
import { JET11 } from '../isosurface.js';
import {
  esc, FONT, legend, logLabel, linearScale, logScale, logTicks, niceDomain, niceTicks, polyline, svgOpen, tickLabel, xAxis, yAxis, type Frame,
} from './axes.js';

const BLUE = '#1f5fa8';
const ORANGE = '#d9731a';
const GREEN = '#2e8b3a';
const RED = '#c0392b';

/** 0.b: voxels above each gray level, log y axis, the threshold marked. */
export function massPlot(rows: MassTableRow[], threshold: number): string {
  const f: Frame = { width: 620, height: 300, left: 72, right: 20, top: 16, bottom: 44 };
  const pts = rows.filter((r) => r.voxels > 0);
  if (pts.length === 0) return emptyPlot(f, 'No gray level has voxels above it.');
  const xs = pts.map((r) => r.threshold).concat([threshold]);
  const [x0, x1] = niceDomain(Math.min(0, ...xs), Math.max(...xs));
  const vmin = Math.min(...pts.map((r) => r.voxels));
  const vmax = Math.max(...pts.map((r) => r.voxels));
  const y0 = 10 ** Math.floor(Math.log10(vmin));
  const y1 = 10 ** Math.ceil(Math.log10(vmax) + 1e-9);
  const sx = linearScale([x0, x1], [f.left, f.width - f.right]);
  const sy = logScale([y0, y1], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Voxel mass as a function of the gray level');
  out += yAxis(f, sy, logTicks(y0, y1), 'Voxels above the gray level (log scale)', logLabel);
  out += xAxis(f, sx, niceTicks(x0, x1), 'Gray level (map units)');
  out += polyline(pts.map((r) => [sx(r.threshold), sy(r.voxels)]), BLUE);
  for (const r of pts) out += `<circle cx="${sx(r.threshold).toFixed(2)}" cy="${sy(r.voxels).toFixed(2)}" r="2.6" fill="${BLUE}"/>`;
  const tx = sx(threshold);
  out += `<line x1="${tx.toFixed(2)}" y1="${f.top}" x2="${tx.toFixed(2)}" y2="${f.height - f.bottom}" stroke="${RED}" stroke-width="1.4" stroke-dasharray="5 3"/>`;
  out += `<text x="${(tx + 4).toFixed(2)}" y="${f.top + 12}" font-size="10" fill="${RED}" ${FONT}>threshold ${esc(tickLabel(threshold))}</text>`;
  return out + '</svg>';
}

/** Candidate resolutions (Å) for the Guinier plot's top axis. */
const TOP_RESOLUTIONS = [100, 50, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1];

/** 0.d: ln(mean |F|) vs 1/d², experimental, fitted line, corrected, the fit range shaded; top axis in Å. */
export function guinierPlot(points: GuinierPoint[], slope: number | null, intercept: number | null, fitLow: number, fitHigh: number | null): string {
  const f: Frame = { width: 620, height: 320, left: 64, right: 20, top: 48, bottom: 44 };
  const pts = points.filter((p) => Number.isFinite(p.lnAmplitude) && p.inverseResolutionSquared > 0);
  if (pts.length === 0) return emptyPlot(f, 'No Guinier points.');
  const xMax = Math.max(...pts.map((p) => p.inverseResolutionSquared));
  const [x0, x1] = niceDomain(0, xMax);
  const fitted: [number, number][] = slope !== null && intercept !== null ? [[x0, slope * x0 + intercept], [xMax, slope * xMax + intercept]] : [];
  const ys = pts.flatMap((p) => [p.lnAmplitude, p.lnAmplitudeCorrected]).concat(fitted.map((q) => q[1])).filter(Number.isFinite);
  const [y0, y1] = niceDomain(Math.min(...ys), Math.max(...ys));
  const sx = linearScale([x0, x1], [f.left, f.width - f.right]);
  const sy = linearScale([y0, y1], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Guinier plot');
  // the fit range 1/15² … 1/R² shaded
  if (fitHigh !== null) {
    const a = sx(1 / fitLow ** 2), b = sx(Math.min(1 / fitHigh ** 2, x1));
    out += `<rect x="${a.toFixed(2)}" y="${f.top}" width="${Math.max(0, b - a).toFixed(2)}" height="${f.height - f.top - f.bottom}" fill="#f3e3b5" fill-opacity="0.7"/>`;
    out += `<text x="${((a + b) / 2).toFixed(2)}" y="${f.height - f.bottom - 6}" text-anchor="middle" font-size="9" fill="#8a6d1a" ${FONT}>fit range ${fitLow}–${esc(String(fitHigh))} Å</text>`;
  }
  out += yAxis(f, sy, niceTicks(y0, y1), 'ln(mean |F|)');
  out += xAxis(f, sx, niceTicks(x0, x1), 'Squared inverse resolution 1/d² (1/Å²)');
  const top = TOP_RESOLUTIONS.filter((d) => 1 / d ** 2 <= x1 && 1 / d ** 2 > x0);
  const spaced: number[] = [];
  for (const d of top) if (spaced.length === 0 || sx(1 / d ** 2) - sx(1 / spaced[spaced.length - 1]! ** 2) >= 34) spaced.push(d);
  out += xAxis(f, (v: number) => sx(1 / v ** 2), spaced, 'Resolution d (Å)', { top: true, labels: (d) => String(d) }).replace(/^<line[^>]*>/, `<line x1="${f.left}" y1="${f.top}" x2="${f.width - f.right}" y2="${f.top}" stroke="#000"/>`);
  out += `<line x1="${f.width - f.right}" y1="${f.top}" x2="${f.width - f.right}" y2="${f.height - f.bottom}" stroke="#000"/>`;
  out += polyline(pts.map((p) => [sx(p.inverseResolutionSquared), sy(p.lnAmplitude)]), BLUE);
  out += polyline(pts.map((p) => [sx(p.inverseResolutionSquared), sy(p.lnAmplitudeCorrected)]), GREEN);
  if (fitted.length) out += polyline(fitted.map(([x, y]) => [sx(x), sy(y)]), ORANGE, 'stroke-dasharray="6 3"');
  out += legend(f, [
    { label: 'Experimental', colour: BLUE },
    { label: 'Fitted line', colour: ORANGE, dash: '6 3' },
    { label: 'Corrected (sharpened)', colour: GREEN },
  ]);
  return out + '</svg>';
}

/** 0.e–0.g: 25-bin histogram of the local values, optionally a marked value (the reported resolution). */
export function histogramPlot(h: Histogram, xTitle: string, marker?: { value: number; label: string }, yTitle = 'Number of voxels'): string {
  const f: Frame = { width: 620, height: 280, left: 72, right: 20, top: 16, bottom: 44 };
  if (h.counts.length === 0 || h.binEdges.length !== h.counts.length + 1) return emptyPlot(f, 'No histogram.');
  const lo = h.binEdges[0]!, hi = h.binEdges[h.binEdges.length - 1]!;
  const xs = marker ? [lo, hi, marker.value] : [lo, hi];
  const [x0, x1] = hi > lo ? [Math.min(...xs), Math.max(...xs)] : [lo - 1, hi + 1];
  const cmax = Math.max(1, ...h.counts);
  const [, y1] = niceDomain(0, cmax);
  const sx = linearScale([x0 - (x1 - x0) * 0.02, x1 + (x1 - x0) * 0.02], [f.left, f.width - f.right]);
  const sy = linearScale([0, y1], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Histogram');
  out += yAxis(f, sy, niceTicks(0, y1, 5), yTitle);
  out += xAxis(f, sx, niceTicks(sx.domain[0], sx.domain[1]), xTitle);
  h.counts.forEach((c, k) => {
    const a = sx(h.binEdges[k]!), b = sx(h.binEdges[k + 1]!);
    const y = sy(c);
    out += `<rect x="${a.toFixed(2)}" y="${y.toFixed(2)}" width="${Math.max(0.5, b - a - 0.6).toFixed(2)}" height="${(f.height - f.bottom - y).toFixed(2)}" fill="${BLUE}" fill-opacity="0.85"/>`;
  });
  if (marker && Number.isFinite(marker.value)) {
    const mx = sx(marker.value);
    out += `<line x1="${mx.toFixed(2)}" y1="${f.top}" x2="${mx.toFixed(2)}" y2="${f.height - f.bottom}" stroke="${RED}" stroke-width="1.4" stroke-dasharray="5 3"/>`;
    out += `<text x="${(mx + 4).toFixed(2)}" y="${f.top + 12}" font-size="10" fill="${RED}" ${FONT}>${esc(marker.label)}</text>`;
  }
  return out + '</svg>';
}

/** The 11-colour jet bar of the painted surfaces, labelled p2.5 … p97.5 with the unit. */
export function colourBar(lo: string, hi: string, title: string): string {
  const f: Frame = { width: 620, height: 46, left: 110, right: 110, top: 4, bottom: 20 };
  const w = (f.width - f.left - f.right) / 11;
  let out = svgOpen(f, 'Colour scale');
  JET11.forEach((c, k) => {
    out += `<rect x="${(f.left + k * w).toFixed(2)}" y="${f.top}" width="${(w + 0.3).toFixed(2)}" height="18" fill="rgb(${c[0]},${c[1]},${c[2]})"/>`;
  });
  out += `<rect x="${f.left}" y="${f.top}" width="${(11 * w).toFixed(2)}" height="18" fill="none" stroke="#333"/>`;
  out += `<text x="${f.left - 6}" y="${f.top + 13}" text-anchor="end" font-size="10" ${FONT}>${esc(lo)}</text>`;
  out += `<text x="${f.width - f.right + 6}" y="${f.top + 13}" font-size="10" ${FONT}>${esc(hi)}</text>`;
  out += `<text x="${f.width / 2}" y="${f.height - 4}" text-anchor="middle" font-size="10" ${FONT}>${esc(title)}</text>`;
  return out + '</svg>';
}

export function emptyPlot(f: Frame, message: string): string {
  return svgOpen(f, message) + `<text x="${f.width / 2}" y="${f.height / 2}" text-anchor="middle" font-size="12" ${FONT}>${esc(message)}</text></svg>`;
}

/**
 * Level A's plots as inline SVG: the map–model FSC (unmasked and masked, with the 0.5 and 0.143
 * lines and a resolution top axis) and the CC of each residue along the sequence (CC < 0.5 in red).
 * Inputs are the GraphQL answer's numbers; nothing is computed here but pixel positions.
 */
import type { FitFscPoint, ResidueFit } from '../types.js';
import { emptyPlot } from './plots.js';
import { esc, FONT, legend, linearScale, niceTicks, polyline, svgOpen, xAxis, yAxis, type Frame } from './axes.js';

const BLUE = '#1f5fa8';
const ORANGE = '#d9731a';
const RED = '#c0392b';
const GREY = '#777';

const TOP_RESOLUTIONS = [50, 20, 10, 8, 6, 5, 4, 3.5, 3, 2.5, 2, 1.5, 1];

/** A.a: FSC of the map and the model map per shell, unmasked and masked; 0.5 and 0.143 dashed. */
export function mapModelFscPlot(points: FitFscPoint[], resolution: number | null): string {
  const f: Frame = { width: 620, height: 300, left: 56, right: 20, top: 48, bottom: 44 };
  const pts = points.filter((p) => p.frequency > 0);
  if (pts.length === 0) return emptyPlot(f, 'No FSC.');
  const x1 = Math.max(...pts.map((p) => p.frequency));
  const sx = linearScale([0, x1], [f.left, f.width - f.right]);
  const sy = linearScale([-0.2, 1.05], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Map–model FSC');
  out += yAxis(f, sy, [-0.2, 0, 0.2, 0.4, 0.6, 0.8, 1], 'FSC');
  out += xAxis(f, sx, niceTicks(0, x1), 'Spatial frequency (1/Å)');
  out += xAxis(f, (d: number) => sx(1 / d), TOP_RESOLUTIONS.filter((d) => 1 / d <= x1), 'Resolution (Å)', { top: true, labels: (d) => String(d) });
  for (const t of [0.5, 0.143]) {
    out += `<line x1="${f.left}" y1="${sy(t).toFixed(2)}" x2="${f.width - f.right}" y2="${sy(t).toFixed(2)}" stroke="${GREY}" stroke-dasharray="4 3"/>`;
    out += `<text x="${f.width - f.right - 4}" y="${(sy(t) - 3).toFixed(2)}" text-anchor="end" font-size="9" fill="${GREY}" ${FONT}>${t}</text>`;
  }
  if (resolution !== null && 1 / resolution <= x1) {
    const x = sx(1 / resolution);
    out += `<line x1="${x.toFixed(2)}" y1="${f.top}" x2="${x.toFixed(2)}" y2="${f.height - f.bottom}" stroke="${RED}" stroke-width="1.2" stroke-dasharray="5 3"/>`;
    out += `<text x="${(x + 4).toFixed(2)}" y="${f.height - f.bottom - 6}" font-size="9" fill="${RED}" ${FONT}>reported ${esc(String(resolution))} Å</text>`;
  }
  const line = (key: 'unmasked' | 'masked') => pts.filter((p) => p[key] !== null).map((p) => [sx(p.frequency), sy(Math.max(-0.2, p[key]!))] as [number, number]);
  out += polyline(line('unmasked'), BLUE) + polyline(line('masked'), ORANGE);
  out += legend(f, [{ label: 'Unmasked', colour: BLUE }, { label: 'Masked (around the atoms)', colour: ORANGE }]);
  return out + '</svg>';
}

/** A.a: the CC of each residue in model order, chains separated, the 0.5 line; residues below it in red. */
export function residueCcPlot(residues: ResidueFit[]): string {
  const f: Frame = { width: 620, height: 240, left: 56, right: 20, top: 16, bottom: 44 };
  if (residues.length === 0) return emptyPlot(f, 'No residue.');
  const sx = linearScale([0, Math.max(1, residues.length - 1)], [f.left, f.width - f.right]);
  const lo = Math.min(0, ...residues.map((r) => r.cc ?? 0));
  const sy = linearScale([Math.max(-1, Math.floor(lo * 5) / 5), 1], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Per-residue CC');
  out += yAxis(f, sy, niceTicks(sy.domain[0], 1, 5), 'CC');
  out += xAxis(f, sx, niceTicks(0, residues.length - 1), 'Residue (model order)');
  // chain boundaries, with the chain id
  residues.forEach((r, k) => {
    if (k === 0 || r.chain !== residues[k - 1]!.chain) {
      const x = sx(k);
      if (k > 0) out += `<line x1="${x.toFixed(2)}" y1="${f.top}" x2="${x.toFixed(2)}" y2="${f.height - f.bottom}" stroke="#bbb"/>`;
      out += `<text x="${(x + 3).toFixed(2)}" y="${f.top + 10}" font-size="9" fill="${GREY}" ${FONT}>${esc(r.chain || '–')}</text>`;
    }
  });
  out += `<line x1="${f.left}" y1="${sy(0.5).toFixed(2)}" x2="${f.width - f.right}" y2="${sy(0.5).toFixed(2)}" stroke="${RED}" stroke-dasharray="4 3"/>`;
  const w = Math.max(0.6, (f.width - f.left - f.right) / residues.length);
  residues.forEach((r, k) => {
    if (r.cc === null) return;
    const x = sx(k), y = sy(r.cc), y0 = sy(Math.max(0, sy.domain[0]));
    out += `<rect x="${(x - w / 2).toFixed(2)}" y="${Math.min(y, y0).toFixed(2)}" width="${w.toFixed(2)}" height="${Math.abs(y0 - y).toFixed(2)}" fill="${r.cc < 0.5 ? RED : BLUE}"/>`;
  });
  return out + '</svg>';
}

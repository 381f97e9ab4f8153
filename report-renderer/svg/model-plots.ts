/**
 * Level A's plots as inline SVG: the map–model FSC (unmasked and masked, with the 0.5 and 0.143
 * lines and a resolution top axis), the CC of each residue along the sequence (CC < 0.5 in red),
 * a per-residue value along the sequence with reference lines (Q-score, inclusion), the atom
 * inclusion curve (all atoms and backbone, contour marked) and the map–model Guinier profiles.
 * Inputs are the GraphQL answer's numbers; nothing is computed here but pixel positions.
 */
import type { FitFscPoint, ResidueFit } from '../types.js';
import { emptyPlot } from './plots.js';
import { fscAxes } from './fsc-plot.js';
import { esc, FONT, legend, linearScale, niceDomain, niceTicks, polyline, svgOpen, tickLabel, xAxis, yAxis, type Frame } from './axes.js';

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
  const { svg, sx, sy } = fscAxes(f, 'Map–model FSC', x1);
  let out = svg;
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
  const w = Math.max(0.6, (f.width - f.left - f.right) / residues.length);
  residues.forEach((r, k) => {
    if (r.cc === null) return;
    const x = sx(k), y = sy(r.cc), y0 = sy(Math.max(0, sy.domain[0]));
    out += `<rect x="${(x - w / 2).toFixed(2)}" y="${Math.min(y, y0).toFixed(2)}" width="${w.toFixed(2)}" height="${Math.abs(y0 - y).toFixed(2)}" fill="${r.cc < 0.5 ? RED : BLUE}"/>`;
  });
  // over the bars (drawn under them, the bars of a good fit hid both): the chain boundaries with
  // the chain id, above the plot area, and the 0.5 line the caption names
  out += chainBoundaries(f, sx, residues);
  out += hLine(f, sy(0.5), RED, '0.5', '4 3');
  return out + '</svg>';
}

export interface ResidueValue {
  chain: string;
  number: number;
  value: number | null;
}

/**
 * Chain boundaries (a grey line) and the chains' names above the plot where there is room for
 * them (short chains, e.g. ligands after a protein chain, keep their line but not their name).
 */
function chainBoundaries(f: Frame, sx: (v: number) => number, residues: { chain: string }[]): string {
  let out = '';
  let lastLabel = -Infinity;
  residues.forEach((r, k) => {
    if (k === 0 || r.chain !== residues[k - 1]!.chain) {
      const x = sx(k);
      if (k > 0) out += `<line x1="${x.toFixed(2)}" y1="${f.top}" x2="${x.toFixed(2)}" y2="${f.height - f.bottom}" stroke="${GREY}" stroke-width="0.8"/>`;
      if (x - lastLabel >= 48 && f.width - f.right - x >= 30) {
        out += `<text x="${(x + 3).toFixed(2)}" y="${f.top - 6}" font-size="9" fill="${GREY}" ${FONT}>chain ${esc(r.chain || '(blank)')}</text>`;
        lastLabel = x;
      }
    }
  });
  return out;
}

function hLine(f: Frame, y: number, colour: string, label: string, dash = '5 3'): string {
  return `<line x1="${f.left}" y1="${y.toFixed(2)}" x2="${f.width - f.right}" y2="${y.toFixed(2)}" stroke="${colour}" stroke-width="1.2" stroke-dasharray="${dash}"/>` +
    // a white halo: the label stays legible over bars (residue CC) and curves
    `<text x="${f.width - f.right - 4}" y="${(y - 4).toFixed(2)}" text-anchor="end" font-size="9" fill="${colour}" stroke="#fff" stroke-width="2.5" paint-order="stroke" ${FONT}>${esc(label)}</text>`;
}

/**
 * A value per residue along the sequence: x = the residue's place in the model (chains one
 * after another, separated by a grey line and named), y = the value; gaps where it is null.
 */
export function residueProfilePlot(residues: ResidueValue[], yTitle: string, yRange: [number, number], lines: { value: number; label: string; colour?: string }[] = []): string {
  const f: Frame = { width: 620, height: 260, left: 64, right: 20, top: 22, bottom: 44 };
  if (residues.every((r) => r.value === null)) return emptyPlot(f, 'No residue has a value.');
  const values = residues.flatMap((r) => (r.value === null ? [] : [r.value]));
  const [y0, y1] = [Math.min(yRange[0], ...values), Math.max(yRange[1], ...values)];
  const sx = linearScale([0, Math.max(1, residues.length - 1)], [f.left, f.width - f.right]);
  const sy = linearScale([y0, y1], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, yTitle + ' along the sequence');
  out += yAxis(f, sy, niceTicks(y0, y1, 6), yTitle);
  out += xAxis(f, sx, niceTicks(0, residues.length - 1), 'Residue (in model order, chains one after another)');
  out += chainBoundaries(f, sx, residues);
  // one polyline per run of consecutive defined values in a chain
  let run: [number, number][] = [];
  residues.forEach((r, k) => {
    const breaks = r.value === null || (k > 0 && r.chain !== residues[k - 1]!.chain);
    if (breaks && run.length) (out += polyline(run, BLUE, 'stroke-width="1"')), (run = []);
    if (r.value !== null) run.push([sx(k), sy(r.value)]);
  });
  if (run.length) out += polyline(run, BLUE, 'stroke-width="1"');
  for (const l of lines) if (l.value >= y0 && l.value <= y1) out += hLine(f, sy(l.value), l.colour ?? RED, l.label);
  return out + '</svg>';
}

/** Atom inclusion against the contour level: all atoms and backbone, the contour marked. */
export function inclusionCurvePlot(curve: { level: number; all: number; backbone: number | null }[], contour: number | null): string {
  const f: Frame = { width: 620, height: 280, left: 64, right: 20, top: 16, bottom: 44 };
  if (curve.length === 0) return emptyPlot(f, 'No inclusion curve.');
  const [x0, x1] = niceDomain(curve[0]!.level, curve.at(-1)!.level);
  const sx = linearScale([x0, x1], [f.left, f.width - f.right]);
  const sy = linearScale([0, 100], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Atom inclusion versus contour level');
  out += yAxis(f, sy, [0, 20, 40, 60, 80, 100], 'Atoms inside the contour (%)');
  out += xAxis(f, sx, niceTicks(x0, x1), 'Contour level (map units)');
  out += polyline(curve.map((p) => [sx(p.level), sy(100 * p.all)]), BLUE);
  const bb = curve.filter((p) => p.backbone !== null);
  if (bb.length) out += polyline(bb.map((p) => [sx(p.level), sy(100 * p.backbone!)]), ORANGE, 'stroke-dasharray="6 3"');
  if (contour !== null) {
    const x = sx(contour);
    out += `<line x1="${x.toFixed(2)}" y1="${f.top}" x2="${x.toFixed(2)}" y2="${f.height - f.bottom}" stroke="${RED}" stroke-width="1.4" stroke-dasharray="5 3"/>`;
    out += `<text x="${(x + 4).toFixed(2)}" y="${f.height - f.bottom - 8}" font-size="10" fill="${RED}" ${FONT}>contour ${esc(tickLabel(contour))}</text>`;
  }
  out += legend(f, [{ label: 'All atoms', colour: BLUE }, ...(bb.length ? [{ label: 'Backbone', colour: ORANGE, dash: '6 3' }] : [])]);
  return out + '</svg>';
}

/** ln mean |F| of the map and of the model map (means equalised) against 1/d². */
export function mapModelGuinierPlot(points: { inverseResolutionSquared: number; lnAmplitudeMap: number; lnAmplitudeModel: number }[]): string {
  const f: Frame = { width: 620, height: 300, left: 64, right: 20, top: 16, bottom: 44 };
  if (points.length === 0) return emptyPlot(f, 'No Guinier points.');
  const [x0, x1] = niceDomain(0, Math.max(...points.map((p) => p.inverseResolutionSquared)));
  const ys = points.flatMap((p) => [p.lnAmplitudeMap, p.lnAmplitudeModel]);
  const [y0, y1] = niceDomain(Math.min(...ys), Math.max(...ys));
  const sx = linearScale([x0, x1], [f.left, f.width - f.right]);
  const sy = linearScale([y0, y1], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Map and model Guinier profiles');
  out += yAxis(f, sy, niceTicks(y0, y1), 'ln(mean |F|)');
  out += xAxis(f, sx, niceTicks(x0, x1), 'Squared inverse resolution 1/d² (1/Å²)');
  out += polyline(points.map((p) => [sx(p.inverseResolutionSquared), sy(p.lnAmplitudeMap)]), BLUE);
  out += polyline(points.map((p) => [sx(p.inverseResolutionSquared), sy(p.lnAmplitudeModel)]), ORANGE, 'stroke-dasharray="6 3"');
  out += legend(f, [{ label: 'Map', colour: BLUE }, { label: 'Model map (mean equalised)', colour: ORANGE, dash: '6 3' }]);
  return out + '</svg>';
}

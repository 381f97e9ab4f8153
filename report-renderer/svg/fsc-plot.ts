/**
 * 1.a's FSC plot: the unmasked, masked, phase-randomised and corrected FSC of the half maps
 * against spatial frequency, VRS's logistic fit of the unmasked FSC (dashed), the threshold lines (0.143, 0.5 and the half-bit, one-bit and 3σ
 * curves), and each crossing the record gives marked and labelled in Å. Nothing is computed
 * here but pixel positions.
 */
import type { FscPoint, PermutationPoint } from '../types.js';
import { esc, FONT, legend, linearScale, niceTicks, polyline, svgOpen, xAxis, yAxis, type Frame } from './axes.js';

const COLOURS = { unmasked: '#1f5fa8', masked: '#2e8b3a', phaseRandomized: '#888888', corrected: '#c0392b' } as const;
const THRESHOLD_GREY = '#555';

export interface FscCrossingMark {
  /** Å */
  resolution: number | null;
  label: string;
}

type CurveKey = keyof typeof COLOURS;
type ThresholdKey = 'halfBit' | 'oneBit' | 'threeSigma' | 'logisticFit';

/**
 * The frame every FSC plot shares (1.a, 1.b, A.a's map–model FSC): FSC from −0.2 to 1.05 against
 * spatial frequency from 0 to `fmax` (1/Å), with its two axes drawn.
 */
export function fscAxes(f: Frame, title: string, fmax: number): { svg: string; sx: (v: number) => number; sy: (v: number) => number } {
  const sx = linearScale([0, fmax], [f.left, f.width - f.right]);
  const sy = linearScale([-0.2, 1.05], [f.height - f.bottom, f.top]);
  const svg = svgOpen(f, title) + yAxis(f, sy, [-0.2, 0, 0.2, 0.4, 0.6, 0.8, 1], 'FSC') + xAxis(f, sx, niceTicks(0, fmax), 'Spatial frequency (1/Å)');
  return { svg, sx, sy };
}

export function fscPlot(curve: FscPoint[], crossings: FscCrossingMark[]): string {
  const f: Frame = { width: 620, height: 340, left: 56, right: 20, top: 16, bottom: 44 };
  const pts = curve.filter((p) => p.frequency > 0);
  const fmax = pts.length ? pts[pts.length - 1]!.frequency : 0;
  if (fmax <= 0) return `${svgOpen(f, 'FSC')}<text x="${f.width / 2}" y="${f.height / 2}" text-anchor="middle" ${FONT}>No FSC curve.</text></svg>`;
  const { svg, sx, sy } = fscAxes(f, 'Fourier shell correlation of the half maps', fmax);
  let out = svg;
  const line = (y: number, label: string, dash: string) =>
    `<line x1="${f.left}" y1="${sy(y).toFixed(2)}" x2="${f.width - f.right}" y2="${sy(y).toFixed(2)}" stroke="${THRESHOLD_GREY}" stroke-width="0.8" stroke-dasharray="${dash}"/>` +
    `<text x="${f.left + 4}" y="${(sy(y) - 3).toFixed(2)}" font-size="9" fill="${THRESHOLD_GREY}" ${FONT}>${esc(label)}</text>`;
  out += line(0.143, '0.143', '4 3') + line(0.5, '0.5', '4 3');
  out += `<line x1="${f.left}" y1="${sy(0).toFixed(2)}" x2="${f.width - f.right}" y2="${sy(0).toFixed(2)}" stroke="#bbb" stroke-width="0.6"/>`;
  const series = (key: CurveKey | ThresholdKey) => {
    const segs: [number, number][][] = [[]];
    for (const p of pts) {
      const v = p[key];
      if (v === null || !Number.isFinite(v)) { if (segs[segs.length - 1]!.length) segs.push([]); continue; }
      segs[segs.length - 1]!.push([sx(p.frequency), sy(Math.max(-0.2, Math.min(1.05, v)))]);
    }
    return segs.filter((s) => s.length > 1);
  };
  const thresholds: [ThresholdKey, string][] = [['halfBit', '2 2'], ['oneBit', '6 2 1 2'], ['threeSigma', '1 2']];
  for (const [key, dash] of thresholds) for (const s of series(key)) out += polyline(s, THRESHOLD_GREY, `stroke-width="0.8" stroke-dasharray="${dash}"`);
  for (const s of series('logisticFit')) out += polyline(s, COLOURS.unmasked, 'stroke-width="0.9" stroke-dasharray="5 3"');
  for (const key of Object.keys(COLOURS) as CurveKey[]) for (const s of series(key)) out += polyline(s, COLOURS[key], key === 'corrected' ? 'stroke-width="1.8"' : '');
  // crossings: a tick on the frequency axis with its resolution in Å, staggered so labels do not collide
  crossings.filter((c) => c.resolution !== null && 1 / c.resolution! <= fmax).forEach((c, k) => {
    const x = sx(1 / c.resolution!);
    const y = f.top + 24 + 12 * k;
    out += `<line x1="${x.toFixed(2)}" y1="${y}" x2="${x.toFixed(2)}" y2="${f.height - f.bottom}" stroke="#333" stroke-width="0.6" stroke-dasharray="1 2"/>`;
    out += `<text x="${(x + 3).toFixed(2)}" y="${y}" font-size="9" fill="#222" ${FONT}>${esc(`${c.label}: ${c.resolution!.toFixed(2)} Å`)}</text>`;
  });
  out += legend(f, [
    { label: 'Unmasked', colour: COLOURS.unmasked },
    { label: 'Masked', colour: COLOURS.masked },
    { label: 'Phase-randomised (masked)', colour: COLOURS.phaseRandomized },
    { label: 'Corrected', colour: COLOURS.corrected },
    ...(pts.some((p) => p.logisticFit !== null) ? [{ label: 'Logistic fit (unmasked, VRS)', colour: COLOURS.unmasked, dash: '5 3' }] : []),
    { label: 'Half-bit / one-bit / 3σ', colour: THRESHOLD_GREY, dash: '2 2' },
  ]);
  return out + '</svg>';
}

/** 1.b: the FSC with each shell significant at the FDR level marked, and the resolution. */
export function permutationPlot(curve: PermutationPoint[], resolution: number | null): string {
  const f: Frame = { width: 620, height: 280, left: 56, right: 20, top: 16, bottom: 44 };
  const pts = curve.filter((p) => p.frequency > 0);
  const fmax = pts.length ? pts[pts.length - 1]!.frequency : 0;
  if (fmax <= 0) return `${svgOpen(f, 'FSC permutation test')}<text x="${f.width / 2}" y="${f.height / 2}" text-anchor="middle" ${FONT}>No FSC curve.</text></svg>`;
  const { svg, sx, sy } = fscAxes(f, 'FSC permutation test', fmax);
  let out = svg;
  out += polyline(pts.map((p) => [sx(p.frequency), sy(Math.max(-0.2, Math.min(1.05, p.fsc)))]), COLOURS.unmasked);
  for (const p of pts) if (p.significant) out += `<circle cx="${sx(p.frequency).toFixed(2)}" cy="${sy(-0.12).toFixed(2)}" r="1.8" fill="${COLOURS.corrected}"/>`;
  if (resolution !== null) {
    const x = sx(1 / resolution);
    out += `<line x1="${x.toFixed(2)}" y1="${f.top}" x2="${x.toFixed(2)}" y2="${f.height - f.bottom}" stroke="#333" stroke-dasharray="2 2"/>`;
    out += `<text x="${(x + 3).toFixed(2)}" y="${f.top + 12}" font-size="9" ${FONT}>${esc(`1 % FDR: ${resolution.toFixed(2)} Å`)}</text>`;
  }
  out += legend(f, [{ label: 'FSC (circular mask)', colour: COLOURS.unmasked }, { label: 'Significant at 1 % FDR', colour: COLOURS.corrected, marker: true }]);
  return out + '</svg>';
}

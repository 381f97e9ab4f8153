/**
 * 1.h's plots as inline SVG: the directional FSC curves (global FSC, the axes' mean ± one
 * standard deviation and their range, the 0.143 line) and the sphericity figure, a map of the
 * per-axis resolution over the upper hemisphere (Lambert azimuthal equal-area projection seen
 * from +z, so every axis appears once; jet colours from the best to the worst axis).
 * Inputs are the GraphQL answer's numbers; nothing is computed here but pixel positions.
 */
import type { DirectionalFscPoint, DirectionalResolution } from '../types.js';
import { JET11 } from '../isosurface.js';
import { esc, FONT, legend, linearScale, niceTicks, polyline, svgOpen, tickLabel, xAxis, yAxis, type Frame } from './axes.js';

const BLUE = '#1f5fa8';
const GREY = '#9bb4d3';
const RED = '#c0392b';

function emptyPlot(f: Frame, message: string): string {
  return svgOpen(f, message) + `<text x="${f.width / 2}" y="${f.height / 2}" text-anchor="middle" font-size="12" ${FONT}>${esc(message)}</text></svg>`;
}

/** FSC vs spatial frequency: global curve, directional mean ± sd (band) and min–max (dotted), threshold line. */
export function directionalFscPlot(curve: DirectionalFscPoint[], threshold: number, globalResolution: number | null): string {
  const f: Frame = { width: 620, height: 300, left: 64, right: 20, top: 16, bottom: 44 };
  if (curve.length === 0) return emptyPlot(f, 'No FSC curve.');
  const x1 = curve[curve.length - 1]!.frequency;
  const sx = linearScale([0, x1], [f.left, f.width - f.right]);
  const sy = linearScale([-0.2, 1.05], [f.height - f.bottom, f.top]);
  let out = svgOpen(f, 'Directional FSC');
  out += yAxis(f, sy, [-0.2, 0, 0.2, 0.4, 0.6, 0.8, 1], 'FSC');
  out += xAxis(f, sx, niceTicks(0, x1), 'Spatial frequency (1/Å)');
  const band = [...curve.map((p) => [sx(p.frequency), sy(Math.min(1.05, p.mean + p.sd))] as [number, number]),
    ...[...curve].reverse().map((p) => [sx(p.frequency), sy(Math.max(-0.2, p.mean - p.sd))] as [number, number])];
  out += `<polygon points="${band.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ')}" fill="${GREY}" fill-opacity="0.45" stroke="none"/>`;
  const clamp = (v: number) => sy(Math.max(-0.2, Math.min(1.05, v)));
  out += polyline(curve.map((p) => [sx(p.frequency), clamp(p.min)]), GREY, 'stroke-dasharray="2 2"');
  out += polyline(curve.map((p) => [sx(p.frequency), clamp(p.max)]), GREY, 'stroke-dasharray="2 2"');
  out += polyline(curve.map((p) => [sx(p.frequency), clamp(p.global)]), BLUE);
  const ty = sy(threshold);
  out += `<line x1="${f.left}" y1="${ty.toFixed(2)}" x2="${f.width - f.right}" y2="${ty.toFixed(2)}" stroke="${RED}" stroke-width="1" stroke-dasharray="5 3"/>`;
  if (globalResolution !== null) {
    const gx = sx(1 / globalResolution);
    out += `<text x="${(gx + 4).toFixed(2)}" y="${(ty - 4).toFixed(2)}" font-size="10" fill="${RED}" ${FONT}>${esc(tickLabel(globalResolution))} Å</text>`;
  }
  out += legend(f, [
    { label: 'Global FSC', colour: BLUE },
    { label: 'Directional mean ± 1 sd', colour: GREY },
    { label: 'Directional min / max', colour: GREY, dash: '2 2' },
    { label: `FSC = ${threshold}`, colour: RED, dash: '5 3' },
  ]);
  return out + '</svg>';
}

/** The sphericity figure: per-axis resolution on the upper hemisphere (equal-area projection from +z). */
export function directionMap(directions: DirectionalResolution[], sphericity: number | null): string {
  const f: Frame = { width: 360, height: 330, left: 20, right: 20, top: 20, bottom: 20 };
  if (directions.length === 0) return emptyPlot(f, 'No directions.');
  const lo = Math.min(...directions.map((d) => d.resolution)), hi = Math.max(...directions.map((d) => d.resolution));
  const cx = 165, cy = 160, R = 140;
  let out = svgOpen(f, 'Resolution by direction');
  out += `<circle cx="${cx}" cy="${cy}" r="${R}" fill="none" stroke="#000"/>`;
  for (const d of directions) {
    // the axis's upper-hemisphere representative; Lambert: ρ = √2·sin(θ/2), θ from +z (ρ = 1 on the equator)
    const s = d.z < 0 ? -1 : 1;
    const x = s * d.x, y = s * d.y, z = s * d.z;
    const rho = Math.sqrt(2 * (1 - Math.min(1, z))) / Math.SQRT2;
    const az = Math.atan2(y, x);
    const k = hi > lo ? Math.min(10, Math.floor(((d.resolution - lo) / (hi - lo)) * 11)) : 5;
    const c = JET11[k]!;
    out += `<circle cx="${(cx + R * rho * Math.cos(az)).toFixed(2)}" cy="${(cy - R * rho * Math.sin(az)).toFixed(2)}" r="4.2" fill="rgb(${c[0]},${c[1]},${c[2]})"/>`;
  }
  out += `<text x="${cx + R + 4}" y="${cy + 4}" font-size="10" ${FONT}>x</text><text x="${cx - 3}" y="${cy - R - 6}" font-size="10" ${FONT}>y</text>`;
  out += `<text x="${cx}" y="${cy + R + 16}" text-anchor="middle" font-size="10" ${FONT}>centre: z; blue ${esc(tickLabel(lo))} Å … red ${esc(tickLabel(hi))} Å${sphericity !== null ? `; sphericity ${sphericity.toFixed(3)}` : ''}</text>`;
  return out + '</svg>';
}

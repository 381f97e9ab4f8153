/**
 * A small chart kit for print: scales, ticks and axes as SVG strings (no DOM), so every plot
 * is a static string inlined in the HTML before Chromium loads it, and can be tested without
 * a browser. Sizes are in CSS px; the PDF scales them as vector graphics.
 */

export interface Scale {
  (v: number): number;
  domain: [number, number];
  range: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 !== d0 ? (r1 - r0) / (d1 - d0) : 0;
  const s = ((v: number) => r0 + (v - d0) * k) as Scale;
  s.domain = domain;
  s.range = range;
  return s;
}

/** log10 scale; the domain must be positive. */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const l0 = Math.log10(domain[0]);
  const l1 = Math.log10(domain[1]);
  const inner = linearScale([l0, l1], range);
  const s = ((v: number) => inner(Math.log10(Math.max(v, domain[0] * 1e-3)))) as Scale;
  s.domain = domain;
  s.range = range;
  return s;
}

/** About `count` round tick values covering [a, b] (1, 2, 5 × 10^k steps). */
export function niceTicks(a: number, b: number, count = 6): number[] {
  if (!(b > a)) return [a];
  const raw = (b - a) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(a / step - 1e-9) * step; v <= b + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Extends [min, max] to round tick values so curves do not touch the frame. */
export function niceDomain(min: number, max: number, count = 6): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max === min) return [min - 1, max + 1];
  const t = niceTicks(min, max, count);
  const step = t.length > 1 ? t[1]! - t[0]! : Math.abs(max - min);
  return [Math.min(t[0]!, Math.floor(min / step) * step), Math.max(t[t.length - 1]!, Math.ceil(max / step) * step)];
}

/** Powers of ten (and 2×, 5× when the range is short) inside a positive domain. */
export function logTicks(a: number, b: number): number[] {
  const out: number[] = [];
  const k0 = Math.floor(Math.log10(a));
  const k1 = Math.ceil(Math.log10(b));
  const mults = k1 - k0 <= 3 ? [1, 2, 5] : [1];
  for (let k = k0; k <= k1; k++) for (const m of mults) {
    const v = m * 10 ** k;
    if (v >= a * (1 - 1e-9) && v <= b * (1 + 1e-9)) out.push(v);
  }
  return out;
}

/** Log-axis labels: 10ᵏ, or m×10ᵏ for the 2× and 5× ticks. */
export function logLabel(v: number): string {
  const e = Math.floor(Math.log10(v) + 1e-9);
  const m = Math.round(v / 10 ** e);
  return m === 1 ? `10${superscript(e)}` : `${m}×10${superscript(e)}`;
}

export function tickLabel(v: number, step?: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const e = Math.floor(Math.log10(a));
    const m = v / 10 ** e;
    return Math.abs(m - 1) < 1e-9 ? `10${superscript(e)}` : `${fmtTrim(m, 2)}×10${superscript(e)}`;
  }
  const decimals = step ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / 10 ** Math.floor(Math.log10(step)) === 2.5 ? 1 : 0)) : 3;
  return fmtTrim(v, Math.min(6, decimals));
}

function fmtTrim(v: number, decimals: number): string {
  return v.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

function superscript(n: number): string {
  const map: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
  return String(n).split('').map((c) => map[c] ?? c).join('');
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const FONT = `font-family="DejaVu Sans, sans-serif"`;

/** Bottom (or top) axis: ticks, labels, title. */
export function xAxis(f: Frame, s: (v: number) => number, ticks: number[], title: string, opts: { top?: boolean; labels?: (v: number) => string } = {}): string {
  const y = opts.top ? f.top : f.height - f.bottom;
  const dir = opts.top ? -1 : 1;
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : undefined;
  const label = opts.labels ?? ((v: number) => tickLabel(v, step));
  let out = `<line x1="${f.left}" y1="${y}" x2="${f.width - f.right}" y2="${y}" stroke="#000" stroke-width="1"/>`;
  for (const t of ticks) {
    const x = s(t);
    if (x < f.left - 0.5 || x > f.width - f.right + 0.5) continue;
    out += `<line x1="${x.toFixed(2)}" y1="${y}" x2="${x.toFixed(2)}" y2="${y + 5 * dir}" stroke="#000"/>`;
    out += `<text x="${x.toFixed(2)}" y="${y + (opts.top ? -8 : 17)}" text-anchor="middle" font-size="10" ${FONT}>${esc(label(t))}</text>`;
  }
  const ty = opts.top ? f.top - 26 : f.height - 8;
  out += `<text x="${(f.left + f.width - f.right) / 2}" y="${ty}" text-anchor="middle" font-size="11" ${FONT}>${esc(title)}</text>`;
  return out;
}

export function yAxis(f: Frame, s: (v: number) => number, ticks: number[], title: string, labels?: (v: number) => string): string {
  const x = f.left;
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : undefined;
  const label = labels ?? ((v: number) => tickLabel(v, step));
  let out = `<line x1="${x}" y1="${f.top}" x2="${x}" y2="${f.height - f.bottom}" stroke="#000"/>`;
  for (const t of ticks) {
    const y = s(t);
    if (y < f.top - 0.5 || y > f.height - f.bottom + 0.5) continue;
    out += `<line x1="${x - 5}" y1="${y.toFixed(2)}" x2="${x}" y2="${y.toFixed(2)}" stroke="#000"/>`;
    out += `<line x1="${x}" y1="${y.toFixed(2)}" x2="${f.width - f.right}" y2="${y.toFixed(2)}" stroke="#e6e6e6"/>`;
    out += `<text x="${x - 8}" y="${(y + 3.5).toFixed(2)}" text-anchor="end" font-size="10" ${FONT}>${esc(label(t))}</text>`;
  }
  const cy = (f.top + f.height - f.bottom) / 2;
  out += `<text transform="translate(14 ${cy}) rotate(-90)" text-anchor="middle" font-size="11" ${FONT}>${esc(title)}</text>`;
  return out;
}

export function svgOpen(f: Frame, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${esc(label)}">` +
    `<rect x="0" y="0" width="${f.width}" height="${f.height}" fill="#fff"/>`;
}

export function polyline(points: [number, number][], stroke: string, extra = ''): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`).join('');
  // an `extra` stroke-width replaces the default (a repeated attribute is an XML error; HTML keeps the first)
  return `<path d="${d}" fill="none" stroke="${stroke}"${extra.includes('stroke-width') ? '' : ' stroke-width="1.6"'} ${extra}/>`;
}

export function legend(f: Frame, items: { label: string; colour: string; dash?: string; marker?: boolean }[], corner: 'tr' | 'tl' = 'tr'): string {
  const w = 12 + Math.max(...items.map((i) => i.label.length)) * 6.2 + 30;
  const x0 = corner === 'tr' ? f.width - f.right - w - 6 : f.left + 8;
  const y0 = f.top + 8;
  let out = `<rect x="${x0}" y="${y0}" width="${w}" height="${items.length * 16 + 8}" fill="#fff" fill-opacity="0.9" stroke="#999"/>`;
  items.forEach((it, k) => {
    const y = y0 + 14 + k * 16;
    out += `<line x1="${x0 + 6}" y1="${y - 4}" x2="${x0 + 28}" y2="${y - 4}" stroke="${it.colour}" stroke-width="2" ${it.dash ? `stroke-dasharray="${it.dash}"` : ''}/>`;
    if (it.marker) out += `<circle cx="${x0 + 17}" cy="${y - 4}" r="2.6" fill="${it.colour}"/>`;
    out += `<text x="${x0 + 34}" y="${y}" font-size="10" ${FONT}>${esc(it.label)}</text>`;
  });
  return out;
}

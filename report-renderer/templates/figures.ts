/**
 * Figures: numbered, each an unbreakable block with sub-figures (a), (b), (c) and a caption.
 * Image sources are resolved before the HTML is built (data: URLs), so the page loads nothing.
 */
import type { Image } from '../types.js';
import { esc } from './format.js';

/** sha256 → data: URL (or null when the artifact could not be read). */
export type ImageSources = Map<string, string | null>;

export class Figures {
  private n = 0;
  /** Reserves the next figure number (so the text can say "see Fig. N" before the figure). */
  next(): number {
    return ++this.n;
  }
}

/**
 * "Fig. N" as an internal link to the figure: clickable in the PDF, and Chromium writes the
 * target as a named destination (pdfinfo -dests), so a test can find each figure on its page.
 */
export function figRef(n: number): string {
  return `<a href="#fig-${n}">Fig. ${n}</a>`;
}

const LETTERS = 'abcdefghij';

export interface SubFigure {
  /** data: URL of a PNG, or inline SVG markup */
  src?: string | null;
  svg?: string;
  label: string;
  /** pixel size, for the aspect ratio */
  width?: number;
  height?: number;
}

/** A figure block; `widthMm` is the width of each sub-figure. */
export function figure(num: number, subs: SubFigure[], caption: string, widthMm = 54): string {
  const cells = subs.map((s, k) => {
    const sub = subs.length > 1 ? `(${LETTERS[k]}) ` : '';
    let body: string;
    if (s.svg) body = `<div class="plot">${s.svg}</div>`;
    else if (s.src) {
      const aspect = s.width && s.height ? s.height / s.width : 1;
      const w = Math.min(widthMm, 62 / aspect); // keep tall images under 62 mm
      body = `<img class="pic" src="${s.src}" style="width:${w.toFixed(1)}mm;height:${(w * aspect).toFixed(1)}mm" alt="${esc(s.label)}">`;
    } else body = `<div class="missing" style="width:${widthMm}mm;height:${(widthMm * 0.6).toFixed(1)}mm">image not available</div>`;
    return `<div class="sub">${body}<div class="subcap">${sub}${esc(s.label)}</div></div>`;
  });
  return `<figure class="blk fig" id="fig-${num}" data-fig="${num}"><div class="row">${cells.join('')}</div>` +
    `<figcaption><b>Figure ${num}:</b> ${esc(caption)}</figcaption></figure>`;
}

/** Sub-figure label of a slice/projection image, e.g. "X Slice 200" or "Z Projection". */
export function imageLabel(img: Image, kind: 'slice' | 'projection' | 'view', k: number): string {
  if (kind === 'view') return `View ${k + 1}`;
  const axis = (img.axis ?? '?').toUpperCase();
  return kind === 'projection' ? `${axis} Projection` : `${axis} Slice ${img.index ?? ''}`.trim();
}

export function imageSubs(images: Image[] | null | undefined, sources: ImageSources, kind: 'slice' | 'projection' | 'view'): SubFigure[] {
  return (images ?? []).map((img, k) => ({ src: sources.get(img.sha256) ?? null, label: imageLabel(img, kind, k), width: img.width, height: img.height }));
}

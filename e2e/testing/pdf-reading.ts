/**
 * Reading a report PDF back with poppler-utils only (pdftotext, pdfinfo, pdftoppm), so the
 * end-to-end test judges the file the user gets, not the renderer's own account of it.
 * Figures are found through the PDF itself: every "Fig. N" of the text links to its figure,
 * Chromium writes each link target as a named destination (pdfinfo -dests: page and the
 * figure's top), and the caption "Figure N:" (pdftotext -bbox) closes the figure below.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export interface Word {
  text: string;
  page: number;
  /** points from the page's top-left corner */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Destination {
  name: string;
  page: number;
  /** as Chromium writes it: points, origin at the content box's bottom-left (see pageTopOf) */
  left: number;
  top: number;
}

export function pdfText(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\f');
}

export function pdfWords(pdf: string): { words: Word[]; pageHeight: number; pageWidth: number } {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const words: Word[] = [];
  let page = 0, pageHeight = 0, pageWidth = 0;
  for (const line of xml.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) {
      page++;
      pageWidth = Number(p[1]);
      pageHeight = Number(p[2]);
      continue;
    }
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (w) words.push({ page, xMin: +w[1]!, yMin: +w[2]!, xMax: +w[3]!, yMax: +w[4]!, text: decode(w[5]!) });
  }
  return { words, pageHeight, pageWidth };
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

export function pdfDestinations(pdf: string): Map<string, Destination> {
  const out = new Map<string, Destination>();
  for (const line of execFileSync('pdfinfo', ['-dests', pdf], { encoding: 'utf8' }).split('\n')) {
    const m = /^\s*(\d+)\s+\[\s*XYZ\s+(-?[\d.]+)\s+(-?[\d.]+)\s+\S+\s*\]\s+"(.*)"\s*$/.exec(line);
    if (m) out.set(m[4]!, { page: +m[1]!, left: +m[2]!, top: +m[3]!, name: m[4]! });
  }
  return out;
}

/** Grey page image at `dpi` (pdftoppm), with its scale in pixels per point. */
export function pageImage(pdf: string, page: number, dpi: number, outBase: string): { png: PNG; scale: number } {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, outBase]);
  return { png: PNG.sync.read(readFileSync(outBase + '.png')), scale: dpi / 72 };
}

export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Grey-level spread and ink (share of pixels darker than 200) inside a region given in
 * points, leaving out the boxes of the words (labels, sub-captions): what is left is picture.
 */
export function pictureStatistics(img: { png: PNG; scale: number }, r: Region, words: Word[]): { sd: number; ink: number; pixels: number } {
  const { png, scale } = img;
  const masked = words.filter((w) => w.xMax > r.x0 && w.xMin < r.x1 && w.yMax > r.y0 && w.yMin < r.y1);
  let s = 0, s2 = 0, n = 0, ink = 0;
  const y0 = Math.ceil(r.y0 * scale) + 1, y1 = Math.floor(r.y1 * scale) - 1;
  const x0 = Math.ceil(r.x0 * scale) + 1, x1 = Math.floor(r.x1 * scale) - 1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const px = x / scale, py = y / scale;
      if (masked.some((w) => px >= w.xMin - 1 && px <= w.xMax + 1 && py >= w.yMin - 1 && py <= w.yMax + 1)) continue;
      const g = png.data[4 * (x + png.width * y)]!;
      s += g;
      s2 += g * g;
      if (g < 200) ink++;
      n++;
    }
  }
  const mean = s / Math.max(n, 1);
  return { sd: Math.sqrt(Math.max(0, s2 / Math.max(n, 1) - mean * mean)), ink: ink / Math.max(n, 1), pixels: n };
}

/**
 * Pagination by measured layout. Chromium's print engine gives no page numbers to a table of
 * contents, so the page script does the paging itself: it measures every block of the flow
 * at the print width, fills A4 pages greedily (a block never straddles two pages; `.brk`
 * starts a new page), wraps each page in a <section class="page"> that ends with a forced
 * break, and then knows the page of every heading (TOC) and the box of every figure (tests).
 * Chromium then only follows these breaks: the TOC numbers are the printed page numbers.
 */
import { PAGE } from './templates/document.js';

export interface FigureBox {
  figure: number;
  /** 1-based page */
  page: number;
  /** mm from the page's top-left corner (margins included) */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  pages: number;
  /** heading number ("1", "2", "2.1", …) → page */
  toc: Record<string, number>;
  figures: FigureBox[];
  /** blocks taller than a page (Chromium splits them; numbers after them may shift) */
  oversize: number;
}

/** The in-page script; it leaves its result in window.__vrsLayout. */
export function paginateScript(): string {
  const contentHeightMm = PAGE.heightMm - PAGE.top - PAGE.bottom;
  return `(() => {
  const MM = 96 / 25.4;
  const H = ${contentHeightMm} * MM * 0.985; // a little slack for rounding between screen and print
  const flow = document.getElementById('flow');
  const kids = Array.from(flow.children);
  const pages = [];
  let cur = null, start = 0, pageNo = 1, oversize = 0;
  const open = (top) => { cur = { no: pageNo, blocks: [] }; pages.push(cur); start = top; };
  for (const k of kids) {
    if (k.classList.contains('brk')) { if (cur && cur.blocks.length) { pageNo = cur.no + cur.span; } cur = null; continue; }
    const r = k.getBoundingClientRect();
    const cs = getComputedStyle(k);
    const bottom = r.bottom + parseFloat(cs.marginBottom || '0');
    if (!cur) { open(r.top); cur.span = 1; }
    else if (cur.blocks.length && bottom - start > H) {
      // keep-with-next: a heading block (.keep) moves to the new page with the block after it
      const carry = [];
      while (cur.blocks.length > 1 && cur.blocks[cur.blocks.length - 1].classList.contains('keep')) carry.unshift(cur.blocks.pop());
      const top = carry.length ? carry[0].getBoundingClientRect().top : r.top;
      pageNo = cur.no + cur.span; open(top); cur.span = 1; cur.blocks.push(...carry);
    }
    if (r.height > H) { oversize++; k.style.breakInside = 'auto'; cur.span = Math.max(cur.span, Math.ceil((bottom - start) / H)); }
    cur.blocks.push(k);
  }
  flow.textContent = '';
  const sections = [];
  for (const p of pages) {
    const s = document.createElement('section');
    s.className = 'page';
    s.dataset.page = String(p.no);
    for (const b of p.blocks) s.appendChild(b);
    flow.appendChild(s);
    sections.push(s);
  }
  const last = pages.length ? pages[pages.length - 1] : { no: 1, span: 1 };
  const pageOf = (el) => Number(el.closest('section.page')?.dataset.page || '0');
  const toc = {};
  for (const h of document.querySelectorAll('[data-toc]')) toc[h.dataset.toc] = pageOf(h);
  for (const td of document.querySelectorAll('[data-toc-target]')) td.textContent = String(toc[td.dataset.tocTarget] ?? '?');
  const figures = [];
  for (const f of document.querySelectorAll('figure[data-fig]')) {
    const sec = f.closest('section.page');
    const base = sec.getBoundingClientRect();
    for (const el of f.querySelectorAll('img.pic, .plot svg, .missing')) {
      const r = el.getBoundingClientRect();
      figures.push({ figure: Number(f.dataset.fig), page: pageOf(f),
        x: ${PAGE.left} + (r.left - base.left) / MM, y: ${PAGE.top} + (r.top - base.top) / MM, width: r.width / MM, height: r.height / MM });
    }
  }
  window.__vrsLayout = { pages: last.no + last.span - 1, toc, figures, oversize };
})();`;
}

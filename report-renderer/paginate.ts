/**
 * Pagination by measured layout. Chromium's print engine gives no page numbers to a table of
 * contents, so the page script does the paging itself: it measures every block of the flow
 * at the print width, fills A4 pages greedily (a block never straddles two pages; `.brk`
 * starts a new page), wraps each page in a <section class="page"> that ends with a forced
 * break, and then knows the page of every heading (TOC) and the box of every figure (tests).
 * A long table is the exception: a `.blk.split` block whose table does not fit is cut between
 * rows, and its continuation (a `.blk.split.cont` block) repeats the table's header row, so a
 * long table fills the page instead of moving whole and leaving it half blank.
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
  const bottomOf = (k) => k.getBoundingClientRect().bottom + parseFloat(getComputedStyle(k).marginBottom || '0');
  // Cuts a .blk.split block's table so that its rows end above \`limit\`: the rows that fit stay,
  // the others (at least two) go to a continuation block inserted after it, under a copy of the
  // header row, with whatever followed the table. Null when fewer than MIN_ROWS rows would stay.
  const MIN_ROWS = 3;
  const split = (k, limit) => {
    const table = k.querySelector(':scope > table');
    const body = table && table.tBodies[0];
    if (!body) return null;
    const rows = Array.from(body.rows);
    const room = limit - parseFloat(getComputedStyle(table).marginBottom || '0') - parseFloat(getComputedStyle(k).marginBottom || '0');
    let n = 0;
    while (n < rows.length && rows[n].getBoundingClientRect().bottom <= room) n++;
    n = Math.min(n, rows.length - 2);
    if (n < MIN_ROWS) return null;
    const rest = k.cloneNode(false);
    rest.classList.add('cont');
    const t = table.cloneNode(false);
    if (table.tHead) t.appendChild(table.tHead.cloneNode(true));
    const b = body.cloneNode(false);
    for (const row of rows.slice(n)) b.appendChild(row);
    t.appendChild(b);
    rest.appendChild(t);
    while (table.nextSibling) rest.appendChild(table.nextSibling);
    k.after(rest);
    return rest;
  };
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.classList.contains('brk')) { if (cur && cur.blocks.length) { pageNo = cur.no + cur.span; } cur = null; continue; }
    const splittable = k.classList.contains('split');
    let r = k.getBoundingClientRect();
    let bottom = bottomOf(k);
    if (!cur) { open(r.top); cur.span = 1; }
    else if (cur.blocks.length && bottom - start > H) {
      const rest = splittable ? split(k, start + H) : null;
      if (rest) kids.splice(i + 1, 0, rest);
      else {
        // keep-with-next: a heading block (.keep) moves to the new page with the block after it
        const carry = [];
        while (cur.blocks.length > 1 && cur.blocks[cur.blocks.length - 1].classList.contains('keep')) carry.unshift(cur.blocks.pop());
        const top = carry.length ? carry[0].getBoundingClientRect().top : r.top;
        pageNo = cur.no + cur.span; open(top); cur.span = 1; cur.blocks.push(...carry);
      }
    }
    // a long table taller than what is left of a fresh page is cut there too
    if (splittable && bottomOf(k) - start > H) { const rest = split(k, start + H); if (rest) kids.splice(i + 1, 0, rest); }
    r = k.getBoundingClientRect();
    bottom = bottomOf(k);
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

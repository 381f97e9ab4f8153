/**
 * Where a plot's mark labels go (pure: no canvas; LinePlot draws what this decides). A
 * horizontal line's label ("FSC = 0.143") sits at the left just above its line; a vertical
 * mark's label ("0.143 corrected: 4.89 Å") sits beside its line, on the first row from the top
 * where its box meets no box already placed. When a plot is too narrow for every vertical label
 * in full (a 360 px phone: 1.a's four crossings lie within a few pixels of each other), each
 * vertical mark gets a short tag instead ("1", "2"…, in order of x) and the full labels are
 * listed under the plot by tag, so nothing is drawn over another label.
 * All lengths in CSS pixels.
 */

export interface Box { x: number; y: number; w: number; h: number }
/** A label to place: `y` the pixel row of a horizontal line, else `x` the pixel column of a vertical mark. */
export interface LabelRequest { text: string; x?: number; y?: number }
/** A label placed on the plot: its text (a tag in the compact layout), box, and baseline. */
export interface PlacedLabel { text: string; box: Box; baseline: number; mark?: number }
/** `listed`: the vertical marks' full labels by tag, shown under the plot (empty when all fit). */
export interface LabelLayout { placed: PlacedLabel[]; listed: { tag: string; text: string }[] }

/** Text height above the baseline, below it, the padding of the pale box, and the gap to a line. */
const ASCENT = 10, DESCENT = 3, PAD = 2, GAP = 4;
export const ROW = ASCENT + DESCENT;

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Lays out the labels of one plot inside `area` (the plotting box); `measure` gives a text's width. */
export function layoutLabels(requests: LabelRequest[], area: Box, measure: (text: string) => number): LabelLayout {
  const horizontal = requests.filter((r) => r.y != null);
  // vertical marks in order of x, so tags read left to right
  const vertical = requests.filter((r) => r.y == null && r.x != null).sort((a, b) => a.x! - b.x!);
  const fixed: PlacedLabel[] = [];
  for (const r of horizontal) {
    const w = measure(r.text) + 2 * PAD;
    // above its line at the left; below it where another line's label or the plot's top edge is in the way
    for (const baseline of [r.y! - 3, r.y! + ASCENT + 3]) {
      const box = { x: area.x, y: baseline - ASCENT, w, h: ROW };
      if (box.y < area.y || box.y + ROW > area.y + area.h || box.x + w > area.x + area.w || fixed.some((p) => overlaps(p.box, box))) continue;
      fixed.push({ text: r.text, baseline, box });
      break;
    }
  }
  const full = placeVertical(vertical.map((r) => ({ x: r.x!, text: r.text })), fixed, area, measure, area.h / 2);
  if (full.every((p) => p !== null)) return { placed: [...fixed, ...full.map((p) => p!)], listed: [] };
  const tags = vertical.map((r, k) => ({ x: r.x!, text: String(k + 1) }));
  // a tag is small: it may go lower, so every crossing's line has its number
  const short = placeVertical(tags, fixed, area, measure, area.h);
  return {
    placed: [...fixed, ...short.filter((p): p is PlacedLabel => p !== null)],
    listed: vertical.map((r, k) => ({ tag: tags[k]!.text, text: r.text })),
  };
}

/**
 * First-fit from the top: each label beside its line (left of it near the right edge), on the
 * first free row within `depth` of the top (a full label in the plot's upper half: lower down
 * it would cover the curves' tails; a tag anywhere); null where none is free.
 */
function placeVertical(marks: { x: number; text: string }[], fixed: PlacedLabel[], area: Box, measure: (text: string) => number, depth: number): (PlacedLabel | null)[] {
  const taken = fixed.map((p) => p.box);
  return marks.map(({ x, text }, mark) => {
    const w = measure(text) + 2 * PAD;
    const right = x + GAP - PAD;
    const bx = Math.max(area.x, right + w > area.x + area.w ? x - GAP + PAD - w : right);
    if (bx + w > area.x + area.w) return null; // wider than the plot
    for (let y = area.y + PAD; y + ROW <= area.y + depth; y += ROW) {
      const box = { x: bx, y, w, h: ROW };
      if (taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      return { text, box, baseline: y + ASCENT, mark };
    }
    return null;
  });
}

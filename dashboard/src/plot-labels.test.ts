/** The plots' mark labels never cover one another, from a 360 px phone to a 1920 px screen. */
import { describe, expect, it } from 'vitest';
import { layoutLabels, overlaps, type Box, type LabelLayout, type LabelRequest } from './plot-labels';

/** Roughly 11 px system-ui: 6.2 px a character (the canvas measures the real text). */
const measure = (t: string) => 6.2 * t.length;

/** 1.a's marks as the 1A8O test map gives them (crossings 5.79, 5.34, 5.01, 4.89 Å; x up to 0.333 1/Å). */
function fscMarks(area: Box): LabelRequest[] {
  const px = (f: number) => area.x + (f / 0.333) * area.w, py = (fsc: number) => area.y + ((1.05 - fsc) / 1.25) * area.h;
  return [
    { y: py(0.143), text: 'FSC = 0.143' }, { y: py(0.5), text: 'FSC = 0.5' },
    { x: px(1 / 4.89), text: '0.143 corrected: 4.89 Å' }, { x: px(1 / 5.79), text: '0.143 unmasked: 5.79 Å' },
    { x: px(1 / 5.34), text: '0.5: 5.34 Å' }, { x: px(1 / 5.01), text: 'half-bit: 5.01 Å' },
  ];
}

/** What must hold of any layout: no two boxes meet, every box inside the plot, every vertical mark drawn in full or listed. */
function check(layout: LabelLayout, requests: LabelRequest[], area: Box) {
  const boxes = layout.placed.map((p) => p.box);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${layout.placed[i]!.text} / ${layout.placed[j]!.text}`).toBe(false);
  for (const b of boxes) expect(b.x >= area.x && b.x + b.w <= area.x + area.w && b.y >= area.y && b.y + b.h <= area.y + area.h, JSON.stringify(b)).toBe(true);
  const vertical = requests.filter((r) => r.y == null).map((r) => r.text).sort();
  if (layout.listed.length) expect(layout.listed.map((l) => l.text).sort()).toEqual(vertical);
  else expect(layout.placed.map((p) => p.text).filter((t) => vertical.includes(t)).sort()).toEqual(vertical);
}

describe('layoutLabels', () => {
  it('at 360 px (a plot box ~240 px wide) tags 1.a\'s four crossings and lists them under the plot, in order of frequency', () => {
    const area = { x: 50, y: 10, w: 240, h: 140 };
    const requests = fscMarks(area);
    const layout = layoutLabels(requests, area, measure);
    check(layout, requests, area);
    expect(layout.listed).toEqual([
      { tag: '1', text: '0.143 unmasked: 5.79 Å' }, { tag: '2', text: '0.5: 5.34 Å' }, { tag: '3', text: 'half-bit: 5.01 Å' }, { tag: '4', text: '0.143 corrected: 4.89 Å' },
    ]);
    // the tags and both FSC lines' labels are drawn, each tag beside its own line
    for (const p of layout.placed.filter((q) => /^\d$/.test(q.text))) {
      const x = requests.find((r) => r.text === layout.listed[Number(p.text) - 1]!.text)!.x!;
      expect(Math.min(Math.abs(p.box.x - x), Math.abs(p.box.x + p.box.w - x)), `tag ${p.text}`).toBeLessThanOrEqual(4);
    }
    expect(layout.placed.map((p) => p.text).sort()).toEqual(['1', '2', '3', '4', 'FSC = 0.143', 'FSC = 0.5']);
  });

  it('at 1920 px (a plot box 580 px wide) draws every crossing in full, nothing listed', () => {
    const area = { x: 60, y: 10, w: 580, h: 140 };
    const requests = fscMarks(area);
    const layout = layoutLabels(requests, area, measure);
    check(layout, requests, area);
    expect(layout.listed).toEqual([]);
  });

  it('never lets two labels meet, for random marks on plots 200 to 640 px wide', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let n = 0; n < 500; n++) {
      const area = { x: 40 + 30 * rand(), y: 5, w: 200 + 440 * rand(), h: 100 + 100 * rand() };
      const requests: LabelRequest[] = [];
      for (let k = Math.floor(4 * rand()); k > 0; k--) requests.push({ y: area.y + area.h * rand(), text: `FSC = 0.${k}` });
      for (let k = 1 + Math.floor(7 * rand()); k > 0; k--) requests.push({ x: area.x + area.w * rand(), text: `mark ${k}: ${(3 + 5 * rand()).toFixed(2)} Å`.slice(0, 6 + Math.floor(20 * rand())) });
      check(layoutLabels(requests, area, measure), requests, area);
    }
  });
});

/**
 * Report file of Level A's placement pre-check (not graded: printed in chapter 1 with the input
 * data): the CC_mask of each frame tried and what was kept.
 */
import type { ModelPlacement } from '../../types.js';
import { figRef, figure } from '../../templates/figures.js';
import { esc, fx } from '../../templates/format.js';
import { VIEW_CAPTION, type SectionContext, type SectionModule } from '../../templates/sections.js';

const WORDS: Record<string, string> = {
  AS_GIVEN: 'as given',
  HEADER_ORIGIN_NEGATED: 'negated header origin',
  ZERO: 'origin at zero',
  BOX_CENTRE: 'origin at the box centre',
  BOX_CENTRE_NEGATED: 'origin at the negated box centre',
  TRANSLATION_SEARCH: 'translation search (reported, not applied)',
};

const vec = (v: { x: number; y: number; z: number }) => `(${fx(v.x, 1)}, ${fx(v.y, 1)}, ${fx(v.z, 1)})`;

function render(p: ModelPlacement | null, ctx: SectionContext): string {
  if (!p) return '';
  const rows = p.trials.map((t) =>
    `<tr><td>${esc(WORDS[t.name] ?? t.name)}</td><td>${vec(t.origin)}</td><td>${vec(t.shift)}</td><td>${t.atomsInside}</td><td>${t.ccMask === null ? '—' : fx(t.ccMask, 3)}</td><td>${t.name === p.chosen ? 'kept' : ''}</td></tr>`).join('');
  const table = rows
    ? `<table class="data"><thead><tr><th>Frame</th><th>Origin (Å)</th><th>Model shift (Å)</th><th>Atoms in the box</th><th>CC_mask</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  const radius = p.maskRadius === null ? '' : ` Mask radius: ${fx(p.maskRadius, 2)} Å.`;
  const views = ctx.views.model ?? [];
  const n = views.length ? ctx.figs.next() : 0;
  const where = p.placed ? (p.chosen === 'AS_GIVEN' ? 'as given' : 'in the frame the pre-check kept') : 'as given (it is not placed)';
  return `<div class="blk keep"><h3>${esc(ctx.section.title)} (atomic model, ${p.atoms} atoms)</h3><h4>Explanation:</h4><p>${esc(p.explanation)}</p>` +
    `<h4>Results:</h4><p><b>${esc(p.statusReason ?? '')}</b>${radius}</p>${table}${views.length ? `<p>${figRef(n)} shows the model's Cα trace ${where} over the map's isosurface.</p>` : ''}</div>` +
    (views.length ? figure(n, views.map((src, k) => ({ src, label: `View ${k + 1}`, width: 640, height: 512 })),
      `The atomic model's Cα trace (red) ${where} inside the map's isosurface at threshold=${fx(ctx.threshold, 6)} (translucent), rendered with three.js. ${VIEW_CAPTION}`) : '');
}

export default {
  fragment: 'status statusReason placed chosen shift { x y z } ccMaskAsGiven ccMask maskRadius atoms explanation trace traceChainStarts trials { name origin { x y z } shift { x y z } atomsInside ccMask }',
  overlay: (p) => (p && p.trace.length ? { points: p.trace, chainStarts: p.traceChainStarts } : null),
  render,
} satisfies SectionModule<ModelPlacement | null>;

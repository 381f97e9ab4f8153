/** Report file of 0.h (hand): its selection and template (no figures). */
import type { HandAnalysis } from '../../types.js';
import { esc, fx, int } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(h: HandAnalysis, ctx: SectionContext): string {
  // a section whose computation failed has only the base fields (no evidence)
  const evidence = () => (h.evidence?.length ? `<ul>${h.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '');
  return guard(h, ctx, () => {
    return `<div class="blk"><h4>Results:</h4><p>The hand score is ${fx(h.score, 2)} (0 = correct hand, 1 = mirrored), measured on ${int(h.helicesFound)} helices (of ${int(h.tubesFound)} density tubes found; confidence ${fx(h.confidence, 2)}).</p>${evidence()}</div>`;
  }, evidence);
}

export default {
  fragment: `${SECTION_FIELDS} score helicesFound evidence tubesFound tubesUsed weightedScore confidence`,
  render,
} satisfies SectionModule<HandAnalysis>;

/** Report file of 0.a (centring): its selection, template (no figures). */
import type { MassAnalysis } from '../../types.js';
import { fx } from '../../templates/format.js';
import { guard, SECTION_FIELDS, type SectionContext, type SectionModule } from '../../templates/sections.js';

function render(m: MassAnalysis, ctx: SectionContext): string {
  return guard(m, ctx, () => {
    const axis = (a: 'x' | 'y' | 'z') =>
      `<p>The space from the left and right in ${a.toUpperCase()} are ${fx(m.leftSpace[a], 2)} and ${fx(m.rightSpace[a], 2)} Å, respectively. ` +
      `There is a decentering ratio (abs(Right−Left)/Size)% of ${fx(m.decenteringRatio[a], 2)}%</p>`;
    return `<div class="blk"><h4>Results:</h4>${axis('x')}${axis('y')}${axis('z')}` +
      `<p>The center of mass is at (x,y,z)=(${fx(m.centerOfMass.x, 2)},${fx(m.centerOfMass.y, 2)},${fx(m.centerOfMass.z, 2)}). ` +
      `The decentering of the center of mass (abs(Center)/Size)% is ${fx(m.centerOfMassDecentering.x, 2)}, ${fx(m.centerOfMassDecentering.y, 2)}, and ${fx(m.centerOfMassDecentering.z, 2)}, respectively.</p></div>`;
  });
}

export default {
  fragment: `${SECTION_FIELDS} leftSpace { x y z } rightSpace { x y z } decenteringRatio { x y z }
    centerOfMass { x y z } centerOfMassDecentering { x y z }`,
  render,
} satisfies SectionModule<MassAnalysis>;

/** Report file of 1.e (MonoRes from half maps): the local-map template of 0.e with the sweep's parameters. */
import type { HalfMonoResAnalysis } from '../../types.js';
import { localModule } from '../../templates/sections.js';
import { fx } from '../../templates/format.js';

export default localModule<HalfMonoResAnalysis>('monoRes', {
  fields: 'maxResolution minResolution step sweepVoxelSize',
  parameters: (l) =>
    `Sweep from ${fx(l.maxResolution, 2)} Å towards ${fx(l.minResolution, 2)} Å in ${fx(l.step, 2)} Å steps, noise from the half-difference ` +
    `inside the mask, run at ${fx(l.sweepVoxelSize, 3)} Å/voxel.`,
});

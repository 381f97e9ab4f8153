/** Report file of 1.c (local FSC): the local-map template of 0.e with the sliding box's parameters. */
import type { LocalFscAnalysis } from '../../types.js';
import { localModule } from '../../templates/sections.js';
import { fx, int } from '../../templates/format.js';

export default localModule<LocalFscAnalysis>('localFsc', {
  fields: 'boxSize step fscThreshold positions',
  parameters: (l) =>
    `Soft box of ${fx(l.boxSize, 1)} Å (a Gaussian window of the same effective volume), positions every ${fx(l.step, 2)} Å ` +
    `(${int(l.positions)} in the mask), resolution where the local FSC first falls below ${fx(l.fscThreshold, 3)}, interpolated to every voxel of the mask.`,
});

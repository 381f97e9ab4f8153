/** Words of 1.a Global resolution (VRS's FSC/DPR/SSNR section, with relion's mask correction). */

export const GLOBAL_RESOLUTION_TITLE = '1.a Global resolution';

export const GLOBAL_RESOLUTION_METHOD = 'FSC between half maps (unmasked, masked, phase-randomised as relion_postprocess), DPR and SSNR as VRS';
export const GLOBAL_RESOLUTION_EXPLANATION =
  'The Fourier shell correlation (FSC) between the two half maps measures, shell by shell, how reproducible the ' +
  'signal is; the resolution is where it falls below a threshold (0.143 for half maps, Rosenthal and Henderson 2003; ' +
  'also 0.5 and the half-bit, one-bit and 3σ curves of van Heel and Schatz 2005, with EMDB\'s formulas). Shells are ' +
  '1/(N·Ts) wide, N the largest box side. The FSC is computed on the unmasked half maps and on the half maps times a ' +
  'soft mask (Level 0\'s hard mask blurred by a Gaussian of σ = 2 voxels); the mask\'s own correlation is removed as ' +
  'relion_postprocess does: the phases are randomised beyond the first shell where the unmasked FSC drops below 0.8, ' +
  'the masked FSC of those maps is FSC_rand, and the corrected FSC is (FSC_masked − FSC_rand)/(1 − FSC_rand) from two ' +
  'shells beyond that one. The differential phase residual (DPR, its crossing at 102.9° as VRS\'s code) and VRS\'s ' +
  'spectral signal-to-noise ratio (mean |F| of the halves\' sum over that of their difference, crossing at ' +
  'log10(SSNR − 1) = 0) are two more estimates. As VRS, a logistic curve 1 − a/(1 + c + exp(−b(f − x0))) is fitted to ' +
  'the unmasked FSC (least squares; only when it falls below 0.5), and where the fit falls below 0.9 is the resolution ' +
  'up to which the map information is well preserved. Crossings are linearly interpolated, searched from the third shell.';
export const GLOBAL_RESOLUTION_CRITERIA =
  'The validation is OK if the resolution reported by the user is not smaller than 0.8 times each estimate (FSC 0.143 ' +
  'of the corrected masked FSC, DPR, SSNR), the half maps are not masked, and the phase-randomised FSC is not above ' +
  '0.1 at the FSC resolution.';

export const globalResolutionWarnings = {
  finerThan: (reported: number, what: string, estimate: number) =>
    `The reported resolution, ${reported} Å, is smaller than 0.8 times the ${what} resolution, ${estimate.toFixed(2)} Å.`,
  masked: 'The half maps seem to be masked (their box border is constant): masked half maps inflate the FSC; ' +
    'deposit and validate the unmasked half maps as written by the refinement.',
  randomized: (fsc: number) =>
    `The phase-randomised masked FSC is ${fsc.toFixed(3)} (above 0.1) at the FSC resolution: the mask may be too ` +
    'tight or too sharp, so the corrected FSC is unreliable (relion\'s warning).',
};

export const GLOBAL_RESOLUTION_NO_RANDOMIZATION =
  'The unmasked FSC never drops below 0.8, so the phases could not be randomised (relion refuses this case): ' +
  'the corrected FSC equals the masked FSC.';
